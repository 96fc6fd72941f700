#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// A strategy created an order; it carries the whole order specification.
struct order_initialized {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  tradenode::order_side side = tradenode::order_side::no_order_side;
  tradenode::order_type order_type = tradenode::order_type::market;
  tradenode::quantity quantity;
  /// Limit price (LIMIT, STOP_LIMIT).
  caf::optional<tradenode::price> price;
  /// Stop trigger (STOP_MARKET, STOP_LIMIT).
  caf::optional<tradenode::price> trigger_price;
  tradenode::time_in_force time_in_force = tradenode::time_in_force::gtc;
  /// Expiry for GTD orders; 0 for none.
  unix_nanos expire_time = 0;
  bool post_only = false;
  bool reduce_only = false;
  tradenode::uuid4 event_id;
  /// When the event happened (at the venue, for venue events).
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const order_initialized&, const order_initialized&) = default;
};

TRADENODE_REFLECT(order_initialized, trader_id, strategy_id, instrument_id,
                  client_order_id, side, order_type, quantity, price, trigger_price,
                  time_in_force, expire_time, post_only, reduce_only, event_id,
                  ts_event, ts_init)

} // namespace tradenode
