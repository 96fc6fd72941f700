#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// Asks the node to cancel all open orders of one strategy on one instrument.
struct cancel_all_orders {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  /// Only orders of this side; NO_ORDER_SIDE for both.
  tradenode::order_side side = tradenode::order_side::no_order_side;
  /// Routes to this client instead of the one for the venue.
  caf::optional<tradenode::client_id> client_id;
  tradenode::uuid4 command_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const cancel_all_orders&, const cancel_all_orders&) = default;
};

TRADENODE_REFLECT(cancel_all_orders, trader_id, strategy_id, instrument_id, side,
                  client_id, command_id, ts_init)

} // namespace tradenode
