#pragma once

#include <string_view>

#include <caf/sum_type.hpp>
#include <caf/variant.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/events/order_accepted.hpp"
#include "tradenode/messages/events/order_cancel_rejected.hpp"
#include "tradenode/messages/events/order_canceled.hpp"
#include "tradenode/messages/events/order_denied.hpp"
#include "tradenode/messages/events/order_expired.hpp"
#include "tradenode/messages/events/order_filled.hpp"
#include "tradenode/messages/events/order_initialized.hpp"
#include "tradenode/messages/events/order_modify_rejected.hpp"
#include "tradenode/messages/events/order_pending_cancel.hpp"
#include "tradenode/messages/events/order_pending_update.hpp"
#include "tradenode/messages/events/order_rejected.hpp"
#include "tradenode/messages/events/order_submitted.hpp"
#include "tradenode/messages/events/order_triggered.hpp"
#include "tradenode/messages/events/order_updated.hpp"

namespace tradenode {

/// Any order event: what the execution engine applies to an order and sends
/// to the owning strategy, in one message type.
using order_event
  = caf::variant<order_initialized, order_denied, order_submitted, order_accepted,
                 order_rejected, order_canceled, order_expired, order_triggered,
                 order_pending_update, order_pending_cancel, order_modify_rejected,
                 order_cancel_rejected, order_updated, order_filled>;

/// Returns the event's type name, e.g. "order_filled".
std::string_view event_name(const order_event& x);

/// Returns the client order id of the order the event belongs to.
const client_order_id& client_order_id_of(const order_event& x);

/// Returns the strategy that owns the order the event belongs to.
const strategy_id& strategy_id_of(const order_event& x);

/// Returns the event's ts_event.
unix_nanos ts_event_of(const order_event& x);

/// JSON form: the event's fields plus "type": "<event name>".
void to_json(nlohmann::json& j, const order_event& x);
void from_json(const nlohmann::json& j, order_event& x);

} // namespace tradenode
