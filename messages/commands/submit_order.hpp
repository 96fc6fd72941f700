#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/events/order_initialized.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// Asks the node to submit a new order.
struct submit_order {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::order_initialized order;
  caf::optional<tradenode::position_id> position_id;
  /// Routes to this client instead of the one for the venue.
  caf::optional<tradenode::client_id> client_id;
  tradenode::uuid4 command_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const submit_order&, const submit_order&) = default;
};

TRADENODE_REFLECT(submit_order, trader_id, strategy_id, order, position_id, client_id,
                  command_id, ts_init)

} // namespace tradenode
