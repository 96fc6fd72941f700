#include "tradenode/messages/events/order_event.hpp"

#include <caf/meta/type_name.hpp>

namespace tradenode {

namespace {

// Each alternative's name, in the variant's order; the same text as the
// type's inspect() name, so logs and JSON agree.
constexpr std::string_view event_names[] = {
  "order_initialized",     "order_denied",          "order_submitted",
  "order_accepted",        "order_rejected",        "order_canceled",
  "order_expired",         "order_triggered",       "order_pending_update",
  "order_pending_cancel",  "order_modify_rejected", "order_cancel_rejected",
  "order_updated",         "order_filled"};

static_assert(std::size(event_names) == caf::detail::tl_size<order_event::types>::value);

template <size_t I = 0>
bool assign_by_name(std::string_view name, const nlohmann::json& fields,
                    order_event& x) {
  if constexpr (I < caf::detail::tl_size<order_event::types>::value) {
    if (name == event_names[I]) {
      using event_type = caf::detail::tl_at_t<order_event::types, I>;
      event_type ev;
      from_json(fields, ev);
      x = std::move(ev);
      return true;
    }
    return assign_by_name<I + 1>(name, fields, x);
  } else {
    return false;
  }
}

} // namespace

std::string_view event_name(const order_event& x) {
  return event_names[x.index()];
}

const client_order_id& client_order_id_of(const order_event& x) {
  return caf::visit([](const auto& ev) -> const client_order_id& {
    return ev.client_order_id;
  }, x);
}

const strategy_id& strategy_id_of(const order_event& x) {
  return caf::visit([](const auto& ev) -> const strategy_id& {
    return ev.strategy_id;
  }, x);
}

unix_nanos ts_event_of(const order_event& x) {
  return caf::visit([](const auto& ev) { return ev.ts_event; }, x);
}

void to_json(nlohmann::json& j, const order_event& x) {
  caf::visit([&j](const auto& ev) { to_json(j, ev); }, x);
  j["type"] = event_name(x);
}

void from_json(const nlohmann::json& j, order_event& x) {
  if (!j.is_object())
    throw json_error("", std::string{"expected an order event object, got "}
                           + j.type_name());
  auto type = j.find("type");
  if (type == j.end() || !type->is_string())
    throw json_error("type", "missing or not a string");
  auto fields = j;
  fields.erase("type");
  auto name = type->get<std::string>();
  if (!assign_by_name(name, fields, x))
    throw json_error("type", "unknown order event \"" + name + "\"");
}

} // namespace tradenode
