#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// What happened to a position: NautilusTrader's PositionOpened, PositionChanged
/// and PositionClosed, one message type told apart by this field.
enum class position_event_kind : uint8_t { opened, changed, closed };
TRADENODE_ENUM_NAMES(position_event_kind, "OPENED", "CHANGED", "CLOSED")

/// A fill opened, changed or closed a position; carries the position after the fill.
struct position_event {
  position_event_kind kind = position_event_kind::opened;
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::position_id position_id;
  tradenode::account_id account_id;
  /// The order whose fill opened the position.
  tradenode::client_order_id opening_order_id;
  /// The order whose fill closed it (CLOSED only).
  caf::optional<tradenode::client_order_id> closing_order_id;
  /// The side of the opening order.
  tradenode::order_side entry = tradenode::order_side::no_order_side;
  tradenode::position_side side = tradenode::position_side::flat;
  /// Open quantity after the fill (zero when closed).
  tradenode::quantity quantity;
  /// The fill that caused the event.
  tradenode::quantity last_qty;
  tradenode::price last_px;
  /// Volume-weighted average price of the opening fills (exact).
  tradenode::price avg_px_open;
  /// Volume-weighted average price of the closing fills, once any.
  caf::optional<tradenode::price> avg_px_close;
  /// Realized PnL of this position's life so far, commissions in the
  /// settlement currency deducted.
  tradenode::money realized_pnl;
  unix_nanos ts_opened = 0;
  /// When the position closed (CLOSED only).
  unix_nanos ts_closed = 0;
  tradenode::uuid4 event_id;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const position_event&, const position_event&) = default;
};

TRADENODE_REFLECT(position_event, kind, trader_id, strategy_id, instrument_id,
                  position_id, account_id, opening_order_id, closing_order_id, entry,
                  side, quantity, last_qty, last_px, avg_px_open, avg_px_close,
                  realized_pnl, ts_opened, ts_closed, event_id, ts_event, ts_init)

} // namespace tradenode
