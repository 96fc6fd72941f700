#pragma once

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// The execution engine sent an order to its execution client.
struct order_submitted {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  tradenode::account_id account_id;
  tradenode::uuid4 event_id;
  /// When the event happened (at the venue, for venue events).
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const order_submitted&, const order_submitted&) = default;
};

TRADENODE_REFLECT(order_submitted, trader_id, strategy_id, instrument_id,
                  client_order_id, account_id, event_id, ts_event, ts_init)

} // namespace tradenode
