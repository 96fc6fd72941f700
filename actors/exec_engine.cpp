#include "tradenode/actors/exec_engine.hpp"

#include <type_traits>

#include "tradenode/actors/shared_send.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

caf::optional<client_id> exec_engine_state::route_id(const caf::optional<client_id>& client,
                                                    const instrument_id& instrument) const {
  if (client)
    return clients.count(*client) != 0 ? client : caf::none;
  // A node has a few venues: a scan by text saves making a venue id per order.
  auto venue_text = venue_text_of(instrument);
  for (auto& [venue_id, routed] : venue_routes)
    if (venue_id.value() == venue_text)
      return routed;
  return caf::none;
}

uuid4 exec_engine_state::next_id() {
  return uuid4::random(ids);
}

// -- commands -----------------------------------------------------------------

void exec_engine_state::submit(const submit_order& cmd) {
  auto& init = cmd.order;
  if (orders.count(init.client_order_id) != 0) {
    // E.g. an id an earlier run used (recovered from the journal). The
    // strategy still gets its answer; the existing order is not touched.
    ++refused_events;
    lifecycle.log().error("Submit refused: order {} exists already",
                          init.client_order_id.value());
    if (auto i = strategies.find(init.strategy_id); i != strategies.end())
      self->send(i->second,
                 order_event{order_denied{init.trader_id, init.strategy_id, init.instrument_id,
                                          init.client_order_id,
                                          "client order id exists already", next_id(),
                                          cmd.ts_init, cmd.ts_init}});
    return;
  }
  auto client = route_id(cmd.client_id, init.instrument_id);
  if (!client) {
    auto reason = cmd.client_id ? "no execution client " + cmd.client_id->value()
                                : "no execution client for venue "
                                    + venue_of(init.instrument_id).value();
    return deny(cmd, reason);
  }
  orders.emplace(init.client_order_id, order{init});
  record("order", order_event{init});
  publish(order_event{init});
  await_answer(init.client_order_id, inflight_commands::command::submit, *client);
  self->send(clients.at(*client), cmd);
}

void exec_engine_state::deny(const submit_order& cmd, const std::string& reason) {
  auto& init = cmd.order;
  lifecycle.log().warn("Order {} denied: {}", init.client_order_id.value(), reason);
  auto [i, added] = orders.emplace(init.client_order_id, order{init});
  if (added) {
    record("order", order_event{init});
    publish(order_event{init});
  }
  order_denied ev{init.trader_id,        init.strategy_id, init.instrument_id,
                  init.client_order_id, reason,           next_id(),
                  cmd.ts_init,          cmd.ts_init};
  on_event(order_event{std::move(ev)});
}

order* exec_engine_state::open_order(const client_order_id& id, const char* command) {
  auto i = orders.find(id);
  if (i == orders.end()) {
    lifecycle.log().warn("{} ignored: unknown order {}", command, id.value());
    return nullptr;
  }
  if (i->second.is_closed()) {
    lifecycle.log().warn("{} ignored: order {} is already {}", command, id.value(),
                         to_string(i->second.status()));
    return nullptr;
  }
  return &i->second;
}

template <class Command>
void exec_engine_state::forward(const Command& cmd, const char* what) {
  if (!open_order(cmd.client_order_id, what))
    return;
  auto client = route_id(cmd.client_id, cmd.instrument_id);
  if (!client) {
    lifecycle.log().error("{} of {} ignored: no execution client for {}", what,
                          cmd.client_order_id.value(), venue_of(cmd.instrument_id).value());
    return;
  }
  constexpr bool is_cancel = std::is_same_v<Command, cancel_order>;
  if (journal) {
    auto command = nlohmann::json(cmd);
    command["type"] = is_cancel ? "cancel_order" : "modify_order";
    append_to_journal("command", command);
  }
  await_answer(cmd.client_order_id,
               is_cancel ? inflight_commands::command::cancel : inflight_commands::command::modify,
               *client);
  self->send(clients.at(*client), cmd);
}

void exec_engine_state::cancel(const cancel_order& cmd) {
  forward(cmd, "Cancel");
}

void exec_engine_state::modify(const modify_order& cmd) {
  forward(cmd, "Modify");
}

void exec_engine_state::reject_modify(const modify_order& cmd, const std::string& reason) {
  lifecycle.log().warn("Modify of {} rejected: {}", cmd.client_order_id.value(), reason);
  if (!open_order(cmd.client_order_id, "Modify"))
    return;
  order_modify_rejected ev{cmd.trader_id,     cmd.strategy_id,    cmd.instrument_id,
                           cmd.client_order_id, cmd.venue_order_id, caf::none,
                           reason,              false,              next_id(),
                           cmd.ts_init,         cmd.ts_init};
  on_event(order_event{std::move(ev)});
}

cancel_order exec_engine_state::cancel_of(const order& x, const caf::optional<client_id>& client,
                                          unix_nanos ts_init) {
  return cancel_order{x.init().trader_id, x.strategy_id(), x.instrument_id(),
                      x.client_order_id(), x.venue_order_id(), client, next_id(), ts_init};
}

void exec_engine_state::cancel_all(const cancel_all_orders& cmd) {
  // Only the calling strategy's open orders on the instrument (and side),
  // including those sent to the venue but not yet acknowledged: the cancel
  // goes behind the submit, so the venue cancels what it is about to accept.
  std::vector<cancel_order> cancels;
  for (auto& [id, x] : orders)
    if (x.strategy_id() == cmd.strategy_id && x.instrument_id() == cmd.instrument_id
        && !x.is_closed()
        && (cmd.side == order_side::no_order_side || cmd.side == x.side()))
      cancels.push_back(cancel_of(x, cmd.client_id, cmd.ts_init));
  lifecycle.log().info("Canceling {} open order(s) of {} on {}", cancels.size(),
                       cmd.strategy_id.value(), cmd.instrument_id.value());
  for (auto& x : cancels)
    cancel(x);
}

void exec_engine_state::cancel_strategy_orders(const strategy_id& strategy) {
  std::vector<cancel_order> cancels;
  auto now = clock->now();
  for (auto& [id, x] : orders)
    if (x.strategy_id() == strategy && !x.is_closed()
        && !awaiting.awaits(id, inflight_commands::command::cancel))
      cancels.push_back(cancel_of(x, caf::none, now));
  if (cancels.empty())
    return;
  lifecycle.log().info("Canceling {} more open order(s) of {} as it stops (first: {})",
                       cancels.size(), strategy.value(), cancels.front().client_order_id.value());
  for (auto& x : cancels)
    cancel(x);
}

// -- events -------------------------------------------------------------------

void exec_engine_state::on_event(const order_event& ev) {
  auto& id = client_order_id_of(ev);
  auto i = orders.find(id);
  if (i == orders.end()) {
    if (hold_until_reconciled(ev, "unknown order"))
      return;
    ++refused_events;
    lifecycle.log().error("Event {} refused: unknown order {} ({} refused so far)",
                          event_name(ev), id.value(), refused_events);
    return;
  }
  if (auto fill = caf::get_if<order_filled>(&ev);
      fill && i->second.has_trade(fill->trade_id)) {
    ++duplicate_fills;
    lifecycle.log().warn("Duplicate fill {} of order {} ignored", fill->trade_id.value(),
                         id.value());
    return;
  }
  if (auto err = i->second.apply(ev)) {
    if (hold_until_reconciled(ev, describe(err)))
      return;
    ++refused_events;
    lifecycle.log().error("Event {} refused: {} ({} refused so far)", event_name(ev),
                          describe(err), refused_events);
    return;
  }
  if (awaiting.answer(ev, i->second.is_closed()))
    settle_waiters();
  // A fill's position events go out first: the strategy (and the risk engine)
  // know the new position before the fill, so no tick in between meets a
  // filled order with its position not yet updated.
  record("order", ev);
  if (auto fill = caf::get_if<order_filled>(&ev))
    update_positions(*fill);
  publish(ev);
  settle_emergency();
}

bool exec_engine_state::hold_until_reconciled(const order_event& ev, const std::string& why) {
  // Only a started engine waits for the start sequence's reconciliation.
  if (reconciled || lifecycle.state() != component_state::running)
    return false;
  if (held.size() >= max_held_events) {
    lifecycle.log().error("{} events held until reconciliation already: refusing more",
                          held.size());
    return false;
  }
  // E.g. a venue fill of an order whose own events died with the last run,
  // arriving before the reconciliation that brings the order up to date.
  lifecycle.log().info("Event {} of order {} held until reconciliation ({})", event_name(ev),
                       client_order_id_of(ev).value(), why);
  held.push_back(ev);
  return true;
}

void exec_engine_state::apply_held() {
  if (held.empty())
    return;
  auto events = std::move(held);
  held.clear();
  lifecycle.log().info("Applying {} event(s) held until reconciliation", events.size());
  for (auto& ev : events)
    on_event(ev);
}

void exec_engine_state::update_positions(const order_filled& fill, bool announce) {
  auto instr = instruments.find(fill.instrument_id);
  if (instr == instruments.end()) {
    if (!instruments_loaded) {
      // A fill replayed from the journal, or one the venue sent before the
      // node loaded instruments: booked when they arrive.
      unbooked.emplace_back(fill, announce);
      return;
    }
    lifecycle.log().error("Fill {} not booked: unknown instrument {}", fill.trade_id.value(),
                          fill.instrument_id.value());
    return;
  }
  auto id = netting_position_id(fill.instrument_id, fill.strategy_id);
  auto i = positions.try_emplace(id, id, instr->second).first;
  auto events = i->second.apply(fill);
  if (!events) {
    lifecycle.log().error("Fill {} not booked: {}", fill.trade_id.value(),
                          describe(events.error()));
    return;
  }
  if (!announce)
    return;
  for (auto& ev : *events) {
    ev.event_id = next_id();
    record("position", ev);
    publish(ev);
  }
}

// Each event goes out as one message shared by its strategy and every
// listener and observer: one copy of the event, not one per receiver.

void exec_engine_state::publish(const order_event& ev) {
  auto shared = caf::make_message(ev);
  if (auto i = strategies.find(strategy_id_of(ev)); i != strategies.end())
    send_shared(self, i->second, shared);
  for (auto& observer : observers)
    send_shared(self, observer, shared);
}

void exec_engine_state::publish(const position_event& ev) {
  // The arguments are formatted strings: build them only for a line that is logged.
  if (lifecycle.log().should_log(spdlog::level::info))
    lifecycle.log().info("Position {} {}: {} {} realized {}", ev.position_id.value(),
                         to_string(ev.kind), to_string(ev.side), to_string(ev.quantity),
                         to_string(ev.realized_pnl));
  auto shared = caf::make_message(ev);
  if (auto i = strategies.find(ev.strategy_id); i != strategies.end())
    send_shared(self, i->second, shared);
  for (auto& listener : listeners)
    send_shared(self, listener, shared);
  for (auto& observer : observers)
    send_shared(self, observer, shared);
}

void exec_engine_state::settle_waiters() {
  if (!awaiting.empty())
    return;
  for (auto& [id, promise] : inflight_waiters)
    promise.deliver(caf::ok_atom_v);
  inflight_waiters.clear();
}

exec_engine_actor::behavior_type exec_engine(exec_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, trader_id trader,
                                             journal_config journal, exec_engine_config cfg) {
  auto& st = self->state;
  st.self = self;
  st.clock = std::move(clock);
  st.ids = st.clock->id_generator("ExecEngine");
  st.trader = std::move(trader);
  st.lifecycle = component_lifecycle{"ExecEngine", std::move(log)};
  st.journal_cfg = std::move(journal);
  st.cfg = cfg;
  return {
    [&st](start_atom) {
      return st.lifecycle.start([&st] {
        auto err = st.open_journal();
        if (!err)
          st.schedule_inflight_check();
        return err;
      });
    },
    [&st](stop_atom) {
      return st.lifecycle.stop([&st] {
        st.sync_journal();
        return caf::error{};
      });
    },
    [&st](caf::tick_atom) {
      st.sync_pending = false;
      st.sync_journal();
    },
    [&st](caf::tick_atom, inflight_atom) { st.check_inflight(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](caf::add_atom, const client_id& id, const venue& v, exec_client_actor c) {
      st.clients[id] = std::move(c);
      st.venue_routes[v] = id;
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, const std::vector<instrument>& xs) {
      for (auto& x : xs)
        st.instruments.insert_or_assign(x.id, x);
      st.book_unbooked();
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, const strategy_id& id, execution_event_sink_actor sink) {
      st.strategies[id] = std::move(sink);
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, execution_listener_actor listener) {
      st.listeners.push_back(std::move(listener));
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, observer_atom, execution_event_sink_actor observer) {
      st.observers.push_back(std::move(observer));
      return caf::ok_atom_v;
    },
    [&st](reconcile_atom, const std::vector<execution_mass_status>& xs) {
      // All instruments are loaded by now: a fill of another is an error.
      st.instruments_loaded = true;
      st.book_unbooked();
      return st.reconcile(xs);
    },
    [&st](caf::wait_for_atom, inflight_atom, caf::timespan timeout) {
      return st.wait_for_inflight(timeout);
    },
    [&st](caf::tick_atom, caf::wait_for_atom, uint64_t id) { st.inflight_wait_timed_out(id); },
    [&st](const submit_order& x) { st.submit(x); },
    [&st](const submit_order& x, const std::string& reason) { st.deny(x, reason); },
    [&st](const modify_order& x, const std::string& reason) { st.reject_modify(x, reason); },
    [&st](const cancel_order& x) { st.cancel(x); },
    [&st](const modify_order& x) { st.modify(x); },
    [&st](const cancel_all_orders& x) { st.cancel_all(x); },
    [&st](kill_atom, bool flatten, caf::timespan settle) { return st.kill_all(flatten, settle); },
    [&st](cancel_atom, const strategy_id& id) {
      st.cancel_strategy_orders(id);
      return caf::ok_atom_v;
    },
    [&st](caf::tick_atom, kill_atom, uint64_t round) { st.settle_timed_out(round); },
    [&st](const order_event& x) { st.on_event(x); },
    [&st](caf::get_atom, const strategy_id& id) {
      auto i = st.saved_states.find(id);
      return i != st.saved_states.end() ? i->second : strategy_state{};
    },
    [&st](caf::put_atom, const strategy_id& id, strategy_state& x) {
      st.save_state(id, std::move(x));
    },
    [self, &st](const account_state& x) {
      for (auto& listener : st.listeners)
        self->send(listener, x);
    },
  };
}

} // namespace tradenode
