#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/currency.hpp"
#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// An order was filled, fully or partly.
struct order_filled {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  tradenode::venue_order_id venue_order_id;
  tradenode::account_id account_id;
  tradenode::trade_id trade_id;
  caf::optional<tradenode::position_id> position_id;
  tradenode::order_side side = tradenode::order_side::no_order_side;
  tradenode::order_type order_type = tradenode::order_type::market;
  /// Quantity of this fill.
  tradenode::quantity last_qty;
  /// Price of this fill.
  tradenode::price last_px;
  tradenode::currency currency;
  tradenode::money commission;
  tradenode::liquidity_side liquidity_side = tradenode::liquidity_side::no_liquidity_side;
  /// Whether reconciliation generated this event.
  bool reconciliation = false;
  tradenode::uuid4 event_id;
  /// When the event happened (at the venue, for venue events).
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const order_filled&, const order_filled&) = default;
};

TRADENODE_REFLECT(order_filled, trader_id, strategy_id, instrument_id,
                  client_order_id, venue_order_id, account_id, trade_id, position_id,
                  side, order_type, last_qty, last_px, currency, commission,
                  liquidity_side, reconciliation, event_id, ts_event, ts_init)

} // namespace tradenode
