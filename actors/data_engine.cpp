#include "tradenode/actors/data_engine.hpp"

#include <algorithm>

#include <caf/system_messages.hpp>

#include "tradenode/actors/shared_send.hpp"

namespace tradenode {

namespace {

// The bar type of the quote and trade topics.
const bar_type no_bar_type{};

std::string topic_text(const data_engine_state::topic& t) {
  auto& [kind, id, bt] = t;
  if (kind == data_kind::bars)
    return "BARS " + to_string(bt);
  return std::string{to_string(kind)} + " " + id.value();
}

// The bar type a client subscription carries: the topic's, for bars only.
caf::optional<bar_type> bar_type_of(const data_engine_state::topic& t) {
  if (std::get<data_kind>(t) == data_kind::bars)
    return std::get<bar_type>(t);
  return caf::none;
}

caf::error subscription_error(data_kind kind, const instrument_id& id,
                              const std::string& what) {
  return caf::make_error(errc::invalid_argument, "subscription to "
                                                   + std::string{to_string(kind)} + " "
                                                   + id.value() + ": " + what);
}

} // namespace

caf::result<caf::ok_atom> data_engine_state::load(const client_id& client,
                                                  const std::vector<instrument>& xs) {
  for (auto& x : xs) {
    if (auto err = validate(x)) {
      lifecycle.log().error("Instrument from client {} refused: {}", client.value(),
                            describe(err));
      return err;
    }
  }
  for (auto& x : xs) {
    instruments[x.id] = x;
    routes[x.id] = client;
  }
  lifecycle.log().info("Loaded {} instrument(s) from client {}", xs.size(),
                       client.value());
  return caf::ok_atom_v;
}

// -- subscriptions ------------------------------------------------------------

caf::result<caf::ok_atom> data_engine_state::subscribe(const subscribe_data& cmd,
                                                       const market_data_sink_actor& sink) {
  auto& id = cmd.instrument_id;
  if (!sink)
    return subscription_error(cmd.kind, id, "no subscriber");
  if (instruments.count(id) == 0)
    return subscription_error(cmd.kind, id, "no data client provides the instrument");
  bar_type bars;
  if (cmd.kind == data_kind::bars) {
    if (!cmd.bar_type)
      return subscription_error(cmd.kind, id, "bar_type missing");
    bars = *cmd.bar_type;
    if (bars.instrument_id != id)
      return subscription_error(cmd.kind, id,
                                "bar_type " + to_string(bars) + " is for another instrument");
  }
  auto client = cmd.client_id ? *cmd.client_id : routes.at(id);
  if (clients.count(client) == 0)
    return subscription_error(cmd.kind, id, "no data client " + client.value());
  topic t{cmd.kind, id, bars};
  auto& sinks = subscribers[t];
  if (std::any_of(sinks.begin(), sinks.end(), [&](auto& x) { return x.sink == sink; }))
    return caf::ok_atom_v;
  auto flow = flows.find(sink.address());
  sinks.push_back({sink, flow != flows.end() ? &flow->second.second : nullptr,
                   batch_takers.count(sink.address()) != 0});
  if (monitored.insert(sink.address()).second)
    self->monitor(sink);
  lifecycle.log().info("Subscribed {} to {} ({} subscriber(s))", name_of(sink.address()),
                       topic_text(t), sinks.size());
  if (sinks.size() > 1)
    return caf::ok_atom_v;
  if (cmd.kind == data_kind::bars && bars.source == aggregation_source::internal) {
    auto& aggregator = aggregators.emplace(bars, bar_aggregator{bars}).first->second;
    aggregated_bars[id].push_back(bars);
    auto ticks = aggregator.uses_trades() ? data_kind::trades : data_kind::quotes;
    acquire(topic{ticks, id, bar_type{}}, client, cmd.command_id);
  } else {
    acquire(t, client, cmd.command_id);
  }
  return caf::ok_atom_v;
}

caf::result<caf::ok_atom>
data_engine_state::unsubscribe(const unsubscribe_data& cmd, const market_data_sink_actor& sink) {
  topic t{cmd.kind, cmd.instrument_id,
          cmd.kind == data_kind::bars && cmd.bar_type ? *cmd.bar_type : bar_type{}};
  auto i = subscribers.find(t);
  auto j = i == subscribers.end()
             ? std::vector<subscriber>::iterator{}
             : std::find_if(i->second.begin(), i->second.end(),
                            [&](auto& x) { return x.sink == sink; });
  if (i == subscribers.end() || j == i->second.end())
    return subscription_error(cmd.kind, cmd.instrument_id, "not subscribed");
  i->second.erase(j);
  lifecycle.log().info("Unsubscribed {} from {}", name_of(sink.address()), topic_text(t));
  if (!i->second.empty())
    return caf::ok_atom_v;
  subscribers.erase(i);
  auto& [kind, id, bars] = t;
  if (kind == data_kind::bars && bars.source == aggregation_source::internal) {
    auto ticks = aggregators.at(bars).uses_trades() ? data_kind::trades : data_kind::quotes;
    aggregators.erase(bars);
    std::erase(aggregated_bars[id], bars);
    release(topic{ticks, id, bar_type{}}, cmd.command_id);
  } else {
    release(t, cmd.command_id);
  }
  return caf::ok_atom_v;
}

void data_engine_state::drop_sink(const caf::actor_addr& sink) {
  if (monitored.erase(sink) == 0)
    return;
  batch_takers.erase(sink);
  std::vector<std::pair<topic, market_data_sink_actor>> held;
  for (auto& [t, sinks] : subscribers)
    for (auto& x : sinks)
      if (x.sink.address() == sink)
        held.emplace_back(t, x.sink);
  for (auto& [t, x] : held) {
    auto& [kind, id, bars] = t;
    unsubscribe_data cmd{kind, id, bars, caf::none, uuid4{}, 0};
    (void) unsubscribe(cmd, x);
  }
  if (flows.erase(sink) > 0)
    apply_backpressure();
}

void data_engine_state::acquire(const topic& t, const caf::optional<client_id>& client,
                                const uuid4& command_id) {
  auto& [count, served_by] = client_subscriptions[t];
  if (count++ > 0)
    return;
  served_by = *client;
  auto& [kind, id, bars] = t;
  lifecycle.log().info("Subscribing client {} to {}", served_by.value(), topic_text(t));
  self->send(clients.at(served_by),
             subscribe_data{kind, id, bar_type_of(t), client, command_id, 0});
}

void data_engine_state::release(const topic& t, const uuid4& command_id) {
  auto i = client_subscriptions.find(t);
  if (i == client_subscriptions.end() || --i->second.first > 0)
    return;
  auto served_by = i->second.second;
  client_subscriptions.erase(i);
  auto& [kind, id, bars] = t;
  lifecycle.log().info("Unsubscribing client {} from {}", served_by.value(), topic_text(t));
  self->send(clients.at(served_by),
             unsubscribe_data{kind, id, bar_type_of(t), served_by, command_id, 0});
}

// -- market data ----------------------------------------------------------------

template <class Data>
void data_engine_state::fan_out(const topic_view& t, const Data& x) {
  auto i = subscribers.find(t);
  if (i == subscribers.end())
    return;
  // One message shared by every subscriber (they read it as const): one
  // copy of the tick instead of one per subscriber.
  caf::message shared;
  for (auto& [sink, flow, batches] : i->second) {
    if (flow && !flow->admit(config.window)) {
      hold(*flow, x);
      continue;
    }
    if (i->second.size() == 1) {
      self->send(sink, x);
      return;
    }
    if (shared.empty())
      shared = caf::make_message(x);
    deliver(sink, shared);
  }
}

template <class Data>
void data_engine_state::hold(subscriber_flow& flow, const Data& x) {
  ++flow_stats.held;
  if constexpr (std::is_same_v<Data, quote_tick>) {
    if (flow.hold(x))
      ++flow_stats.conflated;
  } else if constexpr (std::is_same_v<Data, bar>) {
    flow.hold(caf::make_message(x), x.bar_type.instrument_id);
  } else {
    flow.hold(x);
  }
  count_held(flow);
}

void data_engine_state::count_held(const subscriber_flow& flow) {
  flow_stats.max_queued = std::max<uint64_t>(flow_stats.max_queued, flow.queued());
  if (config.slow_subscriber == slow_subscriber_policy::backpressure && !feeds_paused
      && flow.queued() >= config.queue_limit)
    apply_backpressure();
}

template <class Batch>
void data_engine_state::fan_out_batch(const topic_view& t, Batch&& x) {
  auto i = subscribers.find(t);
  if (i == subscribers.end() || x.ticks.empty())
    return;
  auto ticks = x.ticks.size();
  auto& sinks = i->second;
  // The last subscriber that takes batches gets the batch itself, the others
  // share one message (they read it as const).
  caf::message shared;
  auto batch_message = [&] {
    if (shared.empty())
      shared = caf::make_message(std::forward<Batch>(x));
    return shared;
  };
  // Non-batch subscribers first, while the ticks are still here to read.
  for (auto& [sink, flow, batches] : sinks) {
    if (batches)
      continue;
    for (auto& tick : x.ticks) {
      if (flow && !flow->admit(config.window))
        hold(*flow, tick);
      else
        self->send(sink, tick);
    }
  }
  for (auto& [sink, flow, batches] : sinks) {
    if (!batches)
      continue;
    if (flow && !flow->admit(config.window, ticks)) {
      flow_stats.held += ticks;
      flow->hold(batch_message(), std::get<1>(t), ticks);
      count_held(*flow);
      continue;
    }
    deliver(sink, batch_message());
  }
}

void data_engine_state::deliver(const market_data_sink_actor& sink, const caf::message& x) {
  send_shared(self, sink, x);
}

void data_engine_state::consumed(uint64_t n) {
  auto sender = self->current_sender();
  if (!sender || config.window == 0)
    return;
  auto addr = caf::actor_cast<caf::actor_addr>(sender);
  auto i = flows.find(addr);
  if (i == flows.end()) {
    auto sink = caf::actor_cast<market_data_sink_actor>(sender);
    subscriber_flow flow{config.slow_subscriber == slow_subscriber_policy::conflate};
    if (batch_takers.count(addr) != 0)
      flow.take_batches();
    i = flows.emplace(addr, std::make_pair(sink, std::move(flow))).first;
    for (auto& [t, sinks] : subscribers)
      for (auto& x : sinks)
        if (x.sink.address() == addr)
          x.flow = &i->second.second;
    if (monitored.insert(addr).second)
      self->monitor(sink);
    lifecycle.log().info("Flow control on for {} (window {}, {})", name_of(addr),
                         config.window, to_string(config.slow_subscriber));
  }
  auto& [sink, flow] = i->second;
  flow.consumed(n);
  caf::message x;
  while (flow.next(config.window, x))
    deliver(sink, x);
  if (feeds_paused)
    apply_backpressure();
  if (!end_waits.empty() && flow.queued() == 0)
    settle_end_waits();
}

void data_engine_state::take_batches() {
  auto sender = self->current_sender();
  if (!sender)
    return;
  auto addr = caf::actor_cast<caf::actor_addr>(sender);
  if (!batch_takers.insert(addr).second)
    return;
  for (auto& [t, sinks] : subscribers)
    for (auto& x : sinks)
      if (x.sink.address() == addr)
        x.batches = true;
  if (auto i = flows.find(addr); i != flows.end())
    i->second.second.take_batches();
  if (monitored.insert(addr).second)
    self->monitor(caf::actor_cast<caf::actor>(sender));
}

std::string data_engine_state::name_of(const caf::actor_addr& addr) const {
  auto i = names.find(addr);
  return i != names.end() ? i->second : "actor " + std::to_string(addr.id());
}

void data_engine_state::data_ended(const client_id& id) {
  lifecycle.log().info("Data of client {} ended", id.value());
  // The last bars are part of the data: closed now, not at the window's end.
  flush_bars(id);
  ended.insert(id);
  settle_end_waits();
}

caf::result<caf::ok_atom> data_engine_state::wait_for_end(std::vector<client_id> ids) {
  auto promise = self->make_response_promise<caf::ok_atom>();
  end_waits.emplace_back(std::move(ids), promise);
  settle_end_waits();
  return promise;
}

void data_engine_state::settle_end_waits() {
  // What was held back for a slow subscriber is part of the data too.
  for (auto& [addr, flow] : flows)
    if (flow.second.queued() > 0)
      return;
  for (auto i = end_waits.begin(); i != end_waits.end();) {
    auto& ids = i->first;
    bool all = std::all_of(ids.begin(), ids.end(),
                           [this](const client_id& id) { return ended.count(id) != 0; });
    if (all) {
      i->second.deliver(caf::ok_atom_v);
      i = end_waits.erase(i);
    } else {
      ++i;
    }
  }
}

void data_engine_state::count_input() {
  if (config.window == 0 || ++unmeasured_input < 1024)
    return;
  unmeasured_input = 0;
  own_backlog = self->mailbox().size();
  if (own_backlog >= config.queue_limit || feeds_paused)
    apply_backpressure();
}

void data_engine_state::apply_backpressure() {
  auto longest = own_backlog;
  if (config.slow_subscriber == slow_subscriber_policy::backpressure)
    for (auto& [addr, entry] : flows)
      longest = std::max<uint64_t>(longest, entry.second.queued());
  bool pause = feeds_paused ? longest > config.queue_limit / 2 : longest >= config.queue_limit;
  if (pause == feeds_paused)
    return;
  feeds_paused = pause;
  if (pause) {
    ++flow_stats.pauses;
    lifecycle.log().info("Data clients paused: {} message(s) queued for a subscriber or "
                         "waiting in this engine (limit {})",
                         longest, config.queue_limit);
  } else {
    lifecycle.log().info("Data clients resumed: the longest queue is down to {}", longest);
  }
  for (auto& [id, client] : clients) {
    if (pause)
      self->send(client, pause_atom_v);
    else
      self->send(client, resume_atom_v);
  }
}

template <class Tick>
void data_engine_state::aggregate(const Tick& x) {
  auto i = aggregated_bars.find(x.instrument_id);
  if (i == aggregated_bars.end())
    return;
  for (auto& bars : i->second) {
    auto& aggregator = aggregators.at(bars);
    auto open_until = aggregator.window_end();
    if (auto completed = aggregator.update(x))
      completed_bars.push_back(std::move(*completed));
    // A new window opened: it closes on the clock once its end has passed.
    auto end = aggregator.window_end();
    if (end != 0 && end != open_until)
      self->delayed_send(self, clock->delay_until(end + 1), timer_atom_v, bars);
  }
}

void data_engine_state::publish_completed() {
  for (auto& x : completed_bars)
    publish(x);
  completed_bars.clear();
}

void data_engine_state::close_due_bar(const bar_type& bars) {
  auto i = aggregators.find(bars);
  if (i == aggregators.end())
    return;
  if (auto completed = i->second.close_due(clock->now()))
    publish(*completed);
}

void data_engine_state::flush_bars(const client_id& id) {
  for (auto& [bars, aggregator] : aggregators) {
    auto route = routes.find(bars.instrument_id);
    if (route == routes.end() || route->second != id)
      continue;
    if (auto completed = aggregator.flush(clock->now()))
      publish(*completed);
  }
}

void data_engine_state::on_quote(const quote_tick& x) {
  ++received;
  count_input();
  last_quotes.insert_or_assign(x.instrument_id, x);
  fan_out(topic_view{data_kind::quotes, x.instrument_id, no_bar_type}, x);
  aggregate(x);
  publish_completed();
}

void data_engine_state::on_trade(const trade_tick& x) {
  ++received;
  count_input();
  last_trades.insert_or_assign(x.instrument_id, x);
  fan_out(topic_view{data_kind::trades, x.instrument_id, no_bar_type}, x);
  aggregate(x);
  publish_completed();
}

template <class Batch>
void data_engine_state::on_batch(Batch& x) {
  using tick = typename decltype(Batch::ticks)::value_type;
  constexpr auto kind
    = std::is_same_v<tick, quote_tick> ? data_kind::quotes : data_kind::trades;
  auto& ticks = x.ticks;
  if (ticks.empty())
    return;
  received += ticks.size();
  count_input();
  auto remember = [this](const tick& last) {
    if constexpr (kind == data_kind::quotes)
      last_quotes.insert_or_assign(last.instrument_id, last);
    else
      last_trades.insert_or_assign(last.instrument_id, last);
  };
  auto& first = ticks.front().instrument_id;
  bool one_instrument = std::all_of(ticks.begin(), ticks.end(),
                                    [&](const tick& t) { return t.instrument_id == first; });
  if (one_instrument && aggregated_bars.count(first) == 0) {
    // The common case: the batch goes out as it came, without a copy.
    remember(ticks.back());
    auto id = first;
    fan_out_batch(topic_view{kind, id, no_bar_type}, std::move(x));
    return;
  }
  // Split where the instrument changes or a bar completes, so that every
  // subscriber sees ticks and bars in the order single ticks would give.
  Batch run;
  auto flush = [&] {
    if (run.ticks.empty())
      return;
    auto id = run.ticks.front().instrument_id;
    fan_out_batch(topic_view{kind, id, no_bar_type}, std::move(run));
    run = Batch{};
  };
  for (auto& t : ticks) {
    if (!run.ticks.empty() && run.ticks.front().instrument_id != t.instrument_id)
      flush();
    remember(t);
    run.ticks.push_back(t);
    aggregate(t);
    if (!completed_bars.empty()) {
      flush();
      publish_completed();
    }
  }
  flush();
}

void data_engine_state::publish(const bar& x) {
  fan_out(topic_view{data_kind::bars, x.bar_type.instrument_id, x.bar_type}, x);
}

data_engine_actor::behavior_type data_engine(data_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, data_engine_config config) {
  auto& st = self->state;
  st.self = self;
  st.clock = std::move(clock);
  st.config = config;
  st.lifecycle = component_lifecycle{"DataEngine", std::move(log)};
  self->set_down_handler([self](caf::down_msg& msg) { self->state.drop_sink(msg.source); });
  // Market data first: CAF 0.17 tries the handlers in order, and these are
  // nearly every message the engine gets.
  return {
    [&st](const quote_tick& x) { st.on_quote(x); },
    [&st](const trade_tick& x) { st.on_trade(x); },
    [&st](quote_batch& x) { st.on_batch(x); },
    [&st](trade_batch& x) { st.on_batch(x); },
    [&st](const bar& x) {
      ++st.received;
      st.count_input();
      st.publish(x);
    },
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](caf::add_atom, const client_id& id, data_client_actor client) {
      st.clients[id] = std::move(client);
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, const client_id& id, const std::vector<instrument>& xs) {
      return st.load(id, xs);
    },
    [&st](caf::get_atom, instruments_atom) {
      std::vector<instrument> result;
      for (auto& [id, x] : st.instruments)
        result.push_back(x);
      return result;
    },
    [&st](caf::get_atom, counts_atom) { return st.received; },
    [&st](const subscribe_data& cmd, const market_data_sink_actor& sink) {
      return st.subscribe(cmd, sink);
    },
    [&st](const unsubscribe_data& cmd, const market_data_sink_actor& sink) {
      return st.unsubscribe(cmd, sink);
    },
    [&st](consumed_atom, uint64_t n) { st.consumed(n); },
    [&st](batches_atom) { st.take_batches(); },
    [&st](caf::get_atom, flow_atom) { return st.flow_stats; },
    [&st](end_atom, const client_id& id) { st.data_ended(id); },
    [&st](timer_atom, const bar_type& bars) { st.close_due_bar(bars); },
    [&st](caf::put_atom, const caf::actor& who, std::string& name) {
      st.names.insert_or_assign(who.address(), std::move(name));
    },
    [&st](caf::wait_for_atom, end_atom, std::vector<client_id>& ids) {
      return st.wait_for_end(std::move(ids));
    },
  };
}

} // namespace tradenode
