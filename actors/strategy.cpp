#include "tradenode/actors/strategy.hpp"

#include <stdexcept>

#include "tradenode/actors/strategy_host.hpp"

namespace tradenode {

strategy::~strategy() = default;

strategy_host_state& strategy::host() const {
  if (host_ == nullptr)
    throw std::logic_error("strategy actions need the strategy's actor: call them from "
                           "on_start or later, not from the constructor");
  return *host_;
}

// -- hooks --------------------------------------------------------------------

void strategy::on_order_event(const order_event& ev) {
  caf::visit(
    [this](const auto& x) {
      using event = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<event, order_initialized>)
        on_order_initialized(x);
      else if constexpr (std::is_same_v<event, order_denied>)
        on_order_denied(x);
      else if constexpr (std::is_same_v<event, order_submitted>)
        on_order_submitted(x);
      else if constexpr (std::is_same_v<event, order_accepted>)
        on_order_accepted(x);
      else if constexpr (std::is_same_v<event, order_rejected>)
        on_order_rejected(x);
      else if constexpr (std::is_same_v<event, order_canceled>)
        on_order_canceled(x);
      else if constexpr (std::is_same_v<event, order_expired>)
        on_order_expired(x);
      else if constexpr (std::is_same_v<event, order_triggered>)
        on_order_triggered(x);
      else if constexpr (std::is_same_v<event, order_pending_update>)
        on_order_pending_update(x);
      else if constexpr (std::is_same_v<event, order_pending_cancel>)
        on_order_pending_cancel(x);
      else if constexpr (std::is_same_v<event, order_modify_rejected>)
        on_order_modify_rejected(x);
      else if constexpr (std::is_same_v<event, order_cancel_rejected>)
        on_order_cancel_rejected(x);
      else if constexpr (std::is_same_v<event, order_updated>)
        on_order_updated(x);
      else
        on_order_filled(x);
    },
    ev);
}

void strategy::on_position_event(const position_event& ev) {
  switch (ev.kind) {
    case position_event_kind::opened: return on_position_opened(ev);
    case position_event_kind::changed: return on_position_changed(ev);
    case position_event_kind::closed: return on_position_closed(ev);
  }
}

// -- identity and clock -------------------------------------------------------

const strategy_id& strategy::id() const {
  return host().ctx.id;
}

const trader_id& strategy::trader() const {
  return host().ctx.trader;
}

component_state strategy::state() const {
  return host().lifecycle.state();
}

spdlog::logger& strategy::log() const {
  return host().lifecycle.log();
}

unix_nanos strategy::now() const {
  return host().now();
}

// -- market data ----------------------------------------------------------------

void strategy::subscribe_quotes(const instrument_id& instrument,
                                caf::optional<client_id> client) {
  host().change_subscription(true, data_kind::quotes, instrument, caf::none,
                             std::move(client));
}

void strategy::subscribe_trades(const instrument_id& instrument,
                                caf::optional<client_id> client) {
  host().change_subscription(true, data_kind::trades, instrument, caf::none,
                             std::move(client));
}

void strategy::subscribe_bars(const bar_type& type, caf::optional<client_id> client) {
  host().change_subscription(true, data_kind::bars, type.instrument_id, type,
                             std::move(client));
}

void strategy::unsubscribe_quotes(const instrument_id& instrument,
                                  caf::optional<client_id> client) {
  host().change_subscription(false, data_kind::quotes, instrument, caf::none,
                             std::move(client));
}

void strategy::unsubscribe_trades(const instrument_id& instrument,
                                  caf::optional<client_id> client) {
  host().change_subscription(false, data_kind::trades, instrument, caf::none,
                             std::move(client));
}

void strategy::unsubscribe_bars(const bar_type& type, caf::optional<client_id> client) {
  host().change_subscription(false, data_kind::bars, type.instrument_id, type,
                             std::move(client));
}

// -- orders -------------------------------------------------------------------

tradenode::order_factory& strategy::order_factory() {
  return *host().factory;
}

void strategy::submit_order(const order_initialized& order, caf::optional<position_id> position,
                            caf::optional<client_id> client) {
  host().submit(order, std::move(position), std::move(client));
}

void strategy::cancel_order(const client_order_id& id) {
  host().cancel(id);
}

void strategy::modify_order(const client_order_id& id, caf::optional<quantity> qty,
                            caf::optional<price> px, caf::optional<price> trigger) {
  host().modify(id, std::move(qty), std::move(px), std::move(trigger));
}

void strategy::cancel_all_orders(const instrument_id& instrument, order_side side) {
  host().cancel_all(instrument, side);
}

void strategy::close_position(const instrument_id& instrument) {
  if (auto pos = position(instrument))
    host().close(*pos);
  else
    log().warn("Strategy {}: no open position on {} to close", id().value(),
               instrument.value());
}

void strategy::close_all_positions() {
  auto open = host().positions;
  for (auto& [instrument, pos] : open)
    host().close(pos);
}

// -- timers -------------------------------------------------------------------

void strategy::set_timer(const std::string& name, caf::timespan interval,
                         time_callback callback, unix_nanos stop_time) {
  if (interval.count() <= 0)
    throw std::invalid_argument("set_timer \"" + name + "\": interval must be positive");
  strategy_host_state::timer t;
  t.interval = interval;
  t.due = now() + static_cast<unix_nanos>(interval.count());
  t.stop_time = stop_time;
  t.callback = std::move(callback);
  host().set_timer(name, std::move(t));
}

void strategy::set_time_alert(const std::string& name, unix_nanos at,
                              time_callback callback) {
  strategy_host_state::timer t;
  t.due = at;
  t.callback = std::move(callback);
  host().set_timer(name, std::move(t));
}

void strategy::cancel_timer(const std::string& name) {
  host().timers.erase(name);
}

void strategy::cancel_timers() {
  host().timers.clear();
}

std::vector<std::string> strategy::timer_names() const {
  std::vector<std::string> result;
  for (auto& [name, t] : host().timers)
    result.push_back(name);
  return result;
}

// -- what the strategy knows --------------------------------------------------

const order* strategy::find_order(const client_order_id& id) const {
  auto& xs = host().orders;
  auto i = xs.find(id);
  return i == xs.end() ? nullptr : &i->second;
}

const std::map<client_order_id, order>& strategy::orders() const {
  return host().orders;
}

std::vector<const order*>
strategy::open_orders(const caf::optional<instrument_id>& instrument) const {
  std::vector<const order*> result;
  for (auto& [id, x] : host().open_orders)
    if (!instrument || x->instrument_id() == *instrument)
      result.push_back(x);
  return result;
}

const position_event* strategy::position(const instrument_id& instrument) const {
  auto& xs = host().positions;
  auto i = xs.find(instrument);
  return i == xs.end() ? nullptr : &i->second;
}

std::vector<const position_event*> strategy::open_positions() const {
  std::vector<const position_event*> result;
  for (auto& [instrument, pos] : host().positions)
    result.push_back(&pos);
  return result;
}

} // namespace tradenode
