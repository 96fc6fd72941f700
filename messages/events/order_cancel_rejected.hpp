#pragma once

#include <caf/optional.hpp>
#include <string>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// The venue rejected a cancel request.
struct order_cancel_rejected {
  tradenode::trader_id trader_id;
  tradenode::strategy_id strategy_id;
  tradenode::instrument_id instrument_id;
  tradenode::client_order_id client_order_id;
  caf::optional<tradenode::venue_order_id> venue_order_id;
  caf::optional<tradenode::account_id> account_id;
  std::string reason;
  /// Whether reconciliation generated this event.
  bool reconciliation = false;
  tradenode::uuid4 event_id;
  /// When the event happened (at the venue, for venue events).
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const order_cancel_rejected&, const order_cancel_rejected&) = default;
};

TRADENODE_REFLECT(order_cancel_rejected, trader_id, strategy_id, instrument_id,
                  client_order_id, venue_order_id, account_id, reason, reconciliation,
                  event_id, ts_event, ts_init)

} // namespace tradenode
