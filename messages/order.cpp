#include "tradenode/messages/order.hpp"

#include <algorithm>
#include <type_traits>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/order_state_machine.hpp"

namespace tradenode {

namespace {

// The status each event type triggers in the state table. Events without a
// fixed trigger (fills, updates, rejected modify/cancel) are handled apart.
template <class Event>
caf::optional<order_status> fixed_trigger() {
  using enum order_status;
  if constexpr (std::is_same_v<Event, order_denied>)
    return denied;
  else if constexpr (std::is_same_v<Event, order_submitted>)
    return submitted;
  else if constexpr (std::is_same_v<Event, order_accepted>)
    return accepted;
  else if constexpr (std::is_same_v<Event, order_rejected>)
    return rejected;
  else if constexpr (std::is_same_v<Event, order_canceled>)
    return canceled;
  else if constexpr (std::is_same_v<Event, order_expired>)
    return expired;
  else if constexpr (std::is_same_v<Event, order_triggered>)
    return triggered;
  else if constexpr (std::is_same_v<Event, order_pending_update>)
    return pending_update;
  else if constexpr (std::is_same_v<Event, order_pending_cancel>)
    return pending_cancel;
  else
    return caf::none;
}

caf::error order_error(errc code, const order& o, const std::string& what) {
  return caf::make_error(code, "order " + o.client_order_id().value() + ": " + what);
}

} // namespace

order::order(order_initialized init)
  : init_(std::move(init)),
    quantity_(init_.quantity),
    price_(init_.price),
    trigger_price_(init_.trigger_price),
    filled_qty_(*tradenode::quantity::from_raw(0, init_.quantity.precision())),
    leaves_qty_(init_.quantity) {
  // Most orders see initialized, submitted, accepted and one fill: one
  // allocation instead of three growing copies of the event history.
  events_.reserve(4);
  events_.emplace_back(init_);
}

bool order::is_open() const noexcept {
  using enum order_status;
  switch (status_) {
    case accepted: case triggered: case pending_update: case pending_cancel:
    case partially_filled:
      return true;
    default:
      return false;
  }
}

bool order::is_closed() const noexcept {
  using enum order_status;
  switch (status_) {
    case denied: case rejected: case canceled: case expired: case filled:
      return true;
    default:
      return false;
  }
}

bool order::is_inflight() const noexcept {
  using enum order_status;
  return status_ == submitted || status_ == pending_update || status_ == pending_cancel;
}

bool order::has_trade(const trade_id& id) const noexcept {
  return std::any_of(events_.begin(), events_.end(), [&id](const order_event& ev) {
    auto fill = caf::get_if<order_filled>(&ev);
    return fill != nullptr && fill->trade_id == id;
  });
}

size_t order::fill_count() const noexcept {
  return static_cast<size_t>(std::count_if(events_.begin(), events_.end(), [](const order_event& ev) {
    return caf::holds_alternative<order_filled>(ev);
  }));
}

caf::error order::check_fill(const order_filled& fill) const {
  if (has_trade(fill.trade_id))
    return order_error(errc::duplicate_fill, *this,
                       "trade " + fill.trade_id.value() + " already applied");
  if (!fill.last_qty.is_positive())
    return order_error(errc::invalid_argument, *this, "fill with last_qty 0");
  auto total = add(filled_qty_, fill.last_qty);
  if (!total)
    return total.error();
  if (*total > quantity_)
    return order_error(errc::overfill, *this,
                       "fill of " + to_string(fill.last_qty) + " would fill "
                         + to_string(*total) + " of " + to_string(quantity_));
  return caf::none;
}

caf::expected<order_status> order::table_step(order_status trigger,
                                              const order_event& ev) const {
  auto next = transition(status_, trigger);
  if (!next)
    return order_error(errc::invalid_state_transition, *this,
                       std::string{event_name(ev)} + " refused: "
                         + to_string(status_) + " -> " + to_string(trigger));
  return next;
}

caf::expected<order_status> order::next_status(const order_event& ev) const {
  using enum order_status;
  return caf::visit([this, &ev](const auto& x) -> caf::expected<order_status> {
    using event_type = std::decay_t<decltype(x)>;
    if constexpr (std::is_same_v<event_type, order_initialized>) {
      return order_error(errc::invalid_state_transition, *this,
                         "already initialized");
    } else if constexpr (std::is_same_v<event_type, order_modify_rejected>
                         || std::is_same_v<event_type, order_updated>) {
      // Return to the status before the pending request; in any other
      // status these events are recorded without a status change.
      return status_ == pending_update ? previous_status_ : status_;
    } else if constexpr (std::is_same_v<event_type, order_cancel_rejected>) {
      return status_ == pending_cancel ? previous_status_ : status_;
    } else if constexpr (std::is_same_v<event_type, order_filled>) {
      if (auto err = check_fill(x))
        return err;
      auto total = *add(filled_qty_, x.last_qty);
      return table_step(total < quantity_ ? partially_filled : filled, ev);
    } else {
      if (std::is_same_v<event_type, order_triggered>
          && init_.order_type != order_type::stop_limit)
        return order_error(errc::invalid_state_transition, *this,
                           "only STOP_LIMIT orders can trigger");
      return table_step(*fixed_trigger<event_type>(), ev);
    }
  }, ev);
}

caf::error order::apply(const order_event& ev) {
  if (client_order_id_of(ev) != init_.client_order_id)
    return order_error(errc::order_mismatch, *this,
                       "event " + std::string{event_name(ev)} + " is for order "
                         + client_order_id_of(ev).value());
  if (auto* update = caf::get_if<order_updated>(&ev)) {
    if (auto leaves = subtract(update->quantity, filled_qty_); !leaves)
      return order_error(errc::invalid_argument, *this,
                         "order_updated quantity " + to_string(update->quantity)
                           + " against filled " + to_string(filled_qty_) + ": "
                           + describe(leaves.error()));
  }
  auto next = next_status(ev);
  if (!next)
    return std::move(next.error());
  record(ev, *next);
  return caf::none;
}

void order::record(const order_event& ev, order_status next) {
  caf::visit([this](const auto& x) {
    using event_type = std::decay_t<decltype(x)>;
    if constexpr (std::is_same_v<event_type, order_accepted>) {
      venue_order_id_ = x.venue_order_id;
      account_id_ = x.account_id;
    } else if constexpr (std::is_same_v<event_type, order_submitted>) {
      account_id_ = x.account_id;
    } else if constexpr (std::is_same_v<event_type, order_updated>) {
      quantity_ = x.quantity;
      leaves_qty_ = *subtract(quantity_, filled_qty_);
      if (x.price)
        price_ = x.price;
      if (x.trigger_price)
        trigger_price_ = x.trigger_price;
    } else if constexpr (std::is_same_v<event_type, order_filled>) {
      venue_order_id_ = x.venue_order_id;
      account_id_ = x.account_id;
      filled_qty_ = *add(filled_qty_, x.last_qty);
      leaves_qty_ = *subtract(quantity_, filled_qty_);
      fill_notional_ += static_cast<detail::int128>(x.last_px.raw()) * x.last_qty.raw();
      auto avg_raw = detail::divide_rounded(fill_notional_, filled_qty_.raw());
      avg_px_ = price::exact(static_cast<int64_t>(avg_raw), x.last_px.precision());
    }
  }, ev);
  status_ = next;
  if (next != order_status::pending_update && next != order_status::pending_cancel)
    previous_status_ = next;
  events_.push_back(ev);
}

} // namespace tradenode
