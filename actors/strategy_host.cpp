#include "tradenode/actors/strategy_host.hpp"

#include <chrono>
#include <exception>
#include <set>
#include <utility>

#include "tradenode/actors/data_flow.hpp"
#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

/// How long the state store (the execution engine) may take to answer.
constexpr auto state_fetch_timeout = std::chrono::seconds{5};

} // namespace

// -- lifecycle ----------------------------------------------------------------

template <class F>
caf::error strategy_host_state::guarded(const char* what, F&& hook) {
  std::string cause;
  try {
    hook();
    return caf::none;
  } catch (const std::exception& e) {
    cause = e.what();
  } catch (...) {
    cause = "unknown exception";
  }
  lifecycle.log().error("Strategy {} threw in {}: {}", ctx.id.value(), what, cause);
  return caf::make_error(errc::strategy_faulted,
                         "strategy " + ctx.id.value() + " threw in " + what + ": " + cause);
}

caf::result<caf::ok_atom> strategy_host_state::start() {
  if (lifecycle.state() == component_state::faulted)
    return caf::make_error(errc::strategy_faulted,
                           "strategy " + ctx.id.value() + " is FAULTED");
  if (state_loaded || !ctx.state_store)
    return start_now();
  // The saved state comes first: on_load runs before the first on_start.
  state_loaded = true;
  auto rp = self->make_response_promise<caf::ok_atom>();
  self->request(ctx.state_store, state_fetch_timeout, caf::get_atom_v, ctx.id)
    .then(
      [this, rp](strategy_state& saved) mutable {
        loaded_state = std::move(saved);
        rp.delegate(caf::actor_cast<strategy_host_actor>(self), start_atom_v);
      },
      [this, rp](caf::error& err) mutable {
        rp.deliver(caf::make_error(errc::strategy_faulted,
                                   "strategy " + ctx.id.value()
                                     + ": its saved state could not be read: " + describe(err)));
      });
  return rp;
}

caf::result<caf::ok_atom> strategy_host_state::start_now() {
  auto result = lifecycle.start([this] {
    if (!loaded_state.empty()) {
      auto saved = std::move(loaded_state);
      loaded_state.clear();
      lifecycle.log().info("Loading the state saved by an earlier run ({} key(s))",
                           saved.size());
      if (auto err = guarded("on_load", [&] { impl->on_load(saved); }))
        return err;
    }
    starting.in_on_start = true;
    auto err = guarded("on_start", [this] { impl->on_start(); });
    starting.in_on_start = false;
    return err;
  });
  if (lifecycle.state() == component_state::faulted)
    handle_orders_on_stop();
  if (result.flag == caf::rt_error || starting.pending == 0)
    return result;
  starting.promise = self->make_response_promise<caf::ok_atom>();
  return starting.promise;
}

void strategy_host_state::start_subscription_answered(const std::string& refusal) {
  if (!refusal.empty())
    starting.refused.push_back(refusal);
  if (--starting.pending > 0)
    return;
  auto promise = std::move(starting.promise);
  starting.promise = {};
  if (starting.refused.empty()) {
    promise.deliver(caf::ok_atom_v);
    return;
  }
  std::string why = "strategy " + ctx.id.value() + ": ";
  for (size_t i = 0; i < starting.refused.size(); ++i)
    why += (i == 0 ? "" : "; ") + starting.refused[i];
  starting.refused.clear();
  auto err = caf::make_error(errc::strategy_faulted, why);
  fault(err);
  promise.deliver(std::move(err));
}

caf::result<caf::ok_atom> strategy_host_state::stop() {
  // Only a started strategy has anything to stop; a FAULTED one already
  // handled its orders when it faulted.
  auto current = lifecycle.state();
  if (current != component_state::running && current != component_state::degraded)
    return caf::ok_atom_v;
  return lifecycle.stop([this] {
    auto err = guarded("on_stop", [this] { impl->on_stop(); });
    handle_orders_on_stop();
    if (!err)
      save_state();
    return err;
  });
}

void strategy_host_state::save_state() {
  strategy_state state;
  if (guarded("on_save", [&] { state = impl->on_save(); }) || state.empty())
    return;
  if (!ctx.state_store) {
    lifecycle.log().warn("State of {} key(s) not kept: the strategy has no state store "
                         "(a remote strategy)",
                         state.size());
    return;
  }
  lifecycle.log().info("Saving the strategy's state ({} key(s))", state.size());
  self->send(ctx.state_store, caf::put_atom_v, ctx.id, std::move(state));
}

void strategy_host_state::dispose() {
  (void) stop();
  auto current = lifecycle.state();
  if (current != component_state::ready && current != component_state::stopped)
    return; // FAULTED is terminal
  if (lifecycle.apply(component_trigger::dispose))
    return;
  (void) guarded("on_dispose", [this] { impl->on_dispose(); });
  (void) lifecycle.apply(component_trigger::dispose_completed);
}

void strategy_host_state::fault(caf::error cause) {
  if (lifecycle.fault())
    return;
  lifecycle.log().error("Strategy {} isolated: {}", ctx.id.value(), describe(cause));
  handle_orders_on_stop();
}

void strategy_host_state::handle_orders_on_stop() {
  timers.clear();
  if (ctx.options.cancel_orders_on_stop) {
    std::set<instrument_id> instruments;
    for (auto& [id, x] : open_orders)
      instruments.insert(x->instrument_id());
    for (auto& instrument : instruments)
      cancel_all(instrument, order_side::no_order_side);
  }
  if (ctx.options.close_positions_on_stop) {
    auto open = positions;
    for (auto& [instrument, pos] : open)
      close(pos);
  }
}

// -- inbound ------------------------------------------------------------------

template <class Tick>
void strategy_host_state::on_market_data(const Tick& x,
                                         void (strategy::*hook)(const Tick&),
                                         const char* what) {
  on_market_data(std::span<const Tick>{&x, 1}, hook, what);
}

template <class Tick>
void strategy_host_state::on_market_data(std::span<const Tick> xs,
                                         void (strategy::*hook)(const Tick&),
                                         const char* what) {
  for (auto& x : xs) {
    if (lifecycle.state() != component_state::running)
      ++dropped_data;
    else if (auto err = guarded(what, [&] { (impl.get()->*hook)(x); }))
      fault(std::move(err));
  }
  count_consumed(xs.size());
}

void strategy_host_state::count_consumed(uint64_t ticks) {
  if (!joined_flow_control)
    return;
  unreported_data += ticks;
  if (unreported_data >= consumed_report_every) {
    self->send(ctx.data_engine, consumed_atom_v, unreported_data);
    unreported_data = 0;
  }
}

void strategy_host_state::on_order_event(const order_event& ev) {
  auto& id = client_order_id_of(ev);
  auto i = orders.find(id);
  if (auto init = caf::get_if<order_initialized>(&ev)) {
    // Orders this strategy submitted exist already; others (reconciled) are new.
    if (i == orders.end())
      track_open(orders.emplace(id, order{*init}).first->second);
  } else if (i == orders.end()) {
    lifecycle.log().warn("Strategy {}: {} for unknown order {}", ctx.id.value(),
                         event_name(ev), id.value());
  } else if (auto err = i->second.apply(ev)) {
    lifecycle.log().warn("Strategy {}: {} not applied to {}: {}", ctx.id.value(),
                         event_name(ev), id.value(), describe(err));
  } else {
    track_open(i->second);
  }
  if (lifecycle.state() != component_state::running)
    return;
  if (auto err = guarded("on_order_event", [&] { impl->on_order_event(ev); }))
    fault(std::move(err));
}

void strategy_host_state::on_position_event(const position_event& ev) {
  if (ev.kind == position_event_kind::closed || ev.quantity.is_zero())
    positions.erase(ev.instrument_id);
  else
    positions.insert_or_assign(ev.instrument_id, ev);
  if (lifecycle.state() != component_state::running)
    return;
  if (auto err = guarded("on_position_event", [&] { impl->on_position_event(ev); }))
    fault(std::move(err));
}

void strategy_host_state::on_timer(const std::string& timer_name, uint64_t generation) {
  auto i = timers.find(timer_name);
  if (i == timers.end() || i->second.generation != generation)
    return; // canceled or replaced
  auto fired = i->second;
  if (fired.interval.count() == 0) {
    timers.erase(i);
  } else {
    i->second.due += static_cast<unix_nanos>(fired.interval.count());
    if (fired.stop_time != 0 && i->second.due > fired.stop_time)
      timers.erase(i);
    else
      schedule(timer_name, i->second);
  }
  if (lifecycle.state() != component_state::running)
    return;
  time_event ev{timer_name, fired.due, now()};
  auto err = guarded("on_time_event", [&] {
    if (fired.callback)
      fired.callback(ev);
    else
      impl->on_time_event(ev);
  });
  if (err)
    fault(std::move(err));
}

void strategy_host_state::attach(std::shared_ptr<strategy> x) {
  impl = std::move(x);
  impl->host_ = this;
}

// -- actions ------------------------------------------------------------------

unix_nanos strategy_host_state::now() const {
  return ctx.clock->now();
}

void strategy_host_state::change_subscription(bool subscribe, data_kind kind,
                                              const instrument_id& instrument,
                                              caf::optional<bar_type> type,
                                              caf::optional<client_id> client) {
  auto what = std::string{subscribe ? "Subscription to " : "Unsubscription from "}
              + std::string{to_string(kind)} + " " + instrument.value();
  // A subscription on_start makes is part of the start: its answer comes first.
  bool part_of_start = subscribe && starting.in_on_start;
  if (part_of_start)
    ++starting.pending;
  auto on_error = [this, what, part_of_start](const caf::error& err) {
    lifecycle.log().error("Strategy {}: {} refused: {}", ctx.id.value(), what,
                          context_of(err));
    if (part_of_start)
      start_subscription_answered(context_of(err));
  };
  auto sink = market_data_sink_actor{self};
  if (subscribe && !std::exchange(joined_flow_control, true)) {
    // Batches first, so that what the engine holds back for us is batched too.
    self->send(ctx.data_engine, batches_atom_v);
    self->send(ctx.data_engine, consumed_atom_v, uint64_t{0});
  }
  if (subscribe)
    self
      ->request(ctx.data_engine, caf::infinite,
                subscribe_data{kind, instrument, type, client, uuid4::random(ids), now()},
                sink)
      .then(
        [this, part_of_start](caf::ok_atom) {
          if (part_of_start)
            start_subscription_answered({});
        },
        on_error);
  else
    self
      ->request(ctx.data_engine, caf::infinite,
                unsubscribe_data{kind, instrument, type, client, uuid4::random(ids), now()},
                sink)
      .then([](caf::ok_atom) {}, on_error);
}

void strategy_host_state::submit(const order_initialized& init,
                                 caf::optional<position_id> position,
                                 caf::optional<client_id> client) {
  if (init.strategy_id != ctx.id || init.trader_id != ctx.trader) {
    lifecycle.log().error("Strategy {}: submit of {} refused: built for {} of {}",
                          ctx.id.value(), init.client_order_id.value(),
                          init.strategy_id.value(), init.trader_id.value());
    return;
  }
  auto [added, fresh] = orders.emplace(init.client_order_id, order{init});
  if (!fresh) {
    lifecycle.log().error("Strategy {}: submit refused: order {} exists already",
                          ctx.id.value(), init.client_order_id.value());
    return;
  }
  track_open(added->second);
  if (client)
    order_clients.emplace(init.client_order_id, *client);
  self->send(ctx.risk_engine, submit_order{ctx.trader, ctx.id, init, std::move(position),
                                           std::move(client), uuid4::random(ids), now()});
}

void strategy_host_state::track_open(const order& x) {
  if (x.is_closed())
    open_orders.erase(x.client_order_id());
  else
    open_orders.insert_or_assign(x.client_order_id(), &x);
}

const order* strategy_host_state::open_order(const client_order_id& id,
                                             const char* what) const {
  auto i = orders.find(id);
  if (i == orders.end()) {
    lifecycle.log().warn("Strategy {}: {} of unknown order {} skipped", ctx.id.value(),
                         what, id.value());
    return nullptr;
  }
  if (i->second.is_closed()) {
    lifecycle.log().warn("Strategy {}: {} of {} skipped: order is {}", ctx.id.value(),
                         what, id.value(), to_string(i->second.status()));
    return nullptr;
  }
  return &i->second;
}

namespace {

template <class Map, class Key>
caf::optional<client_id> client_of(const Map& routes, const Key& id) {
  auto i = routes.find(id);
  return i == routes.end() ? caf::optional<client_id>{} : i->second;
}

} // namespace

void strategy_host_state::cancel(const client_order_id& id) {
  auto x = open_order(id, "cancel");
  if (!x)
    return;
  self->send(ctx.risk_engine,
             cancel_order{ctx.trader, ctx.id, x->instrument_id(), id, x->venue_order_id(),
                          client_of(order_clients, id), uuid4::random(ids), now()});
}

void strategy_host_state::modify(const client_order_id& id, caf::optional<quantity> qty,
                                 caf::optional<price> px, caf::optional<price> trigger) {
  auto x = open_order(id, "modify");
  if (!x)
    return;
  self->send(ctx.risk_engine,
             modify_order{ctx.trader, ctx.id, x->instrument_id(), id, x->venue_order_id(),
                          std::move(qty), std::move(px), std::move(trigger),
                          client_of(order_clients, id), uuid4::random(ids), now()});
}

void strategy_host_state::cancel_all(const instrument_id& instrument, order_side side) {
  self->send(ctx.risk_engine, cancel_all_orders{ctx.trader, ctx.id, instrument, side,
                                                caf::none, uuid4::random(ids), now()});
}

void strategy_host_state::close(const position_event& pos) {
  auto side = pos.side == position_side::long_side ? order_side::sell : order_side::buy;
  auto init = factory->market(pos.instrument_id, side, pos.quantity, time_in_force::gtc,
                              true);
  lifecycle.log().info("Strategy {}: closing {} {} of {} with {}", ctx.id.value(),
                       to_string(pos.side), to_string(pos.quantity),
                       pos.instrument_id.value(), init.client_order_id.value());
  submit(init, pos.position_id, caf::none);
}

void strategy_host_state::set_timer(const std::string& timer_name, timer t) {
  t.generation = ++timer_generation;
  auto& stored = timers.insert_or_assign(timer_name, std::move(t)).first->second;
  schedule(timer_name, stored);
}

void strategy_host_state::schedule(const std::string& timer_name, const timer& t) {
  self->delayed_send(self, ctx.clock->delay_until(t.due), timer_atom_v, timer_name,
                     t.generation);
}

// -- the actor ----------------------------------------------------------------

strategy_host_actor::behavior_type strategy_host(strategy_host_state::pointer self,
                                                 std::shared_ptr<strategy> impl,
                                                 strategy_host_context ctx) {
  auto& st = self->state;
  st.lifecycle = component_lifecycle{ctx.id.value(), ctx.log};
  if (!ctx.clock)
    ctx.clock = node_clock::system();
  st.factory = std::make_unique<order_factory>(
    ctx.trader, ctx.id, [clock = ctx.clock] { return clock->now(); },
    ctx.clock->id_generator(ctx.id.value() + "/orders"));
  st.ids = ctx.clock->id_generator(ctx.id.value());
  st.ctx = std::move(ctx);
  st.attach(std::move(impl));
  self->set_exit_handler([self](caf::exit_msg& msg) {
    self->state.dispose();
    self->quit(msg.reason);
  });
  // Market data first: CAF 0.17 tries the handlers in order.
  return {
    [self](const quote_tick& x) {
      self->state.on_market_data(x, &strategy::on_quote, "on_quote");
    },
    [self](const quote_batch& x) {
      self->state.on_market_data(std::span<const quote_tick>{x.ticks}, &strategy::on_quote,
                                 "on_quote");
    },
    [self](const trade_tick& x) {
      self->state.on_market_data(x, &strategy::on_trade, "on_trade");
    },
    [self](const trade_batch& x) {
      self->state.on_market_data(std::span<const trade_tick>{x.ticks}, &strategy::on_trade,
                                 "on_trade");
    },
    [self](const bar& x) { self->state.on_market_data(x, &strategy::on_bar, "on_bar"); },
    [self](start_atom) { return self->state.start(); },
    [self](stop_atom) { return self->state.stop(); },
    [self](caf::get_atom, state_atom) { return self->state.lifecycle.state(); },
    [self](const order_event& ev) { self->state.on_order_event(ev); },
    [self](const position_event& ev) { self->state.on_position_event(ev); },
    [self](timer_atom, const std::string& timer_name, uint64_t generation) {
      self->state.on_timer(timer_name, generation);
    },
  };
}

strategy_actor spawn_strategy(caf::actor_system& sys, std::unique_ptr<strategy> impl,
                              strategy_host_context ctx) {
  return sys.spawn(strategy_host, std::shared_ptr<strategy>{std::move(impl)},
                   std::move(ctx));
}

} // namespace tradenode
