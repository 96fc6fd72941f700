#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

/// The portfolio's view of one instrument over all strategies: net position,
/// realized PnL (closed and open positions, commissions deducted), unrealized
/// PnL and net exposure marked to the last quote (bid for long, ask for short).
struct instrument_pnl {
  tradenode::instrument_id instrument_id;
  tradenode::position_side side = tradenode::position_side::flat;
  /// Net open quantity (zero when flat).
  tradenode::quantity quantity;
  tradenode::money realized_pnl;
  /// Empty until a quote marks an open position.
  caf::optional<tradenode::money> unrealized_pnl;
  /// Signed market value of the open quantity (short negative); empty unmarked.
  caf::optional<tradenode::money> net_exposure;
  /// The price the open position was marked at.
  caf::optional<tradenode::price> mark_px;
  /// The last quote's bid and ask (empty before the first): what a part of
  /// the position (one strategy's) is marked at.
  caf::optional<tradenode::price> bid;
  caf::optional<tradenode::price> ask;

  friend bool operator==(const instrument_pnl&, const instrument_pnl&) = default;
};

TRADENODE_REFLECT(instrument_pnl, instrument_id, side, quantity, realized_pnl,
                  unrealized_pnl, net_exposure, mark_px, bid, ask)

} // namespace tradenode
