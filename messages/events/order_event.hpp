#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/detail/type_list.hpp>
#include <caf/error.hpp>
#include <caf/sec.hpp>
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

namespace detail {

template <class Inspector, class Event>
caf::error load_order_event(Inspector& f, order_event& x) {
  Event value;
  if (auto err = f(value))
    return err;
  x = std::move(value);
  return caf::none;
}

template <class Inspector, class... Events>
caf::error load_order_event(Inspector& f, uint8_t tag, order_event& x,
                            caf::detail::type_list<Events...>) {
  using loader = caf::error (*)(Inspector&, order_event&);
  static constexpr loader loaders[] = {&load_order_event<Inspector, Events>...};
  if (tag >= sizeof...(Events))
    return caf::make_error(caf::sec::invalid_argument,
                           "order_event: unknown type tag " + std::to_string(tag));
  return loaders[tag](f, x);
}

} // namespace detail

/// Reads an order_event as CAF's variant writes it (a type tag, then the
/// event); an unknown tag, as bytes from a peer may hold, is an error where
/// CAF 0.17's own variant loader throws (found by fuzz/message_fuzzer).
template <class Inspector>
typename std::enable_if<Inspector::writes_state, typename Inspector::result_type>::type
inspect(Inspector& f, order_event& x) {
  uint8_t tag = 0;
  if (auto err = f(tag))
    return err;
  return detail::load_order_event(f, tag, x, typename order_event::types{});
}

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
