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

/// Asks the node to change an open order's quantity and/or prices.
struct modify_order {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  caf::optional<tradenode::venue_order_id> venue_order_id;
  caf::optional<tradenode::quantity> quantity;
  caf::optional<tradenode::price> price;
  caf::optional<tradenode::price> trigger_price;
  /// Routes to this client instead of the one for the venue.
  caf::optional<tradenode::client_id> client_id;
  tradenode::uuid4 command_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const modify_order&, const modify_order&) = default;
};

TRADENODE_REFLECT(modify_order, trader_id, strategy_id, instrument_id,
                  client_order_id, venue_order_id, quantity, price, trigger_price,
                  client_id, command_id, ts_init)

} // namespace tradenode
