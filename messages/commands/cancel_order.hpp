#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// Asks the node to cancel an open order.
struct cancel_order {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  caf::optional<tradenode::venue_order_id> venue_order_id;
  /// Routes to this client instead of the one for the venue.
  caf::optional<tradenode::client_id> client_id;
  tradenode::uuid4 command_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const cancel_order&, const cancel_order&) = default;
};

TRADENODE_REFLECT(cancel_order, trader_id, strategy_id, instrument_id,
                  client_order_id, venue_order_id, client_id, command_id, ts_init)

} // namespace tradenode
