#include "tradenode/node/node_actor.hpp"

#include <sstream>

#include <caf/exit_reason.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/request_all.hpp"

namespace tradenode {

namespace {

// Runs a user's factory; an exception it throws becomes an error, so that a
// bad factory fails build instead of the supervisor.
template <class Factory, class Context>
auto call_factory(const Factory& factory, const Context& ctx)
  -> decltype(factory(ctx)) {
  try {
    return factory(ctx);
  } catch (const json_error& e) {
    return settings_error(e);
  } catch (const std::exception& e) {
    return caf::make_error(errc::invalid_argument, std::string{"the factory threw: "} + e.what());
  }
}

// The failure of the factory of the component at `path`: its problems, one
// line each, on the component's JSON path ("strategies[0].settings.x: ...").
caf::error component_error(const std::string& path, const std::string& factory,
                           const caf::error& err) {
  bool bad_settings = err == caf::make_error(errc::invalid_config)
                      || err == caf::make_error(errc::invalid_argument);
  auto code = bad_settings ? errc::invalid_config : errc::client_failed;
  if (err.category() != error_category)
    return caf::make_error(code, path + ": factory \"" + factory + "\" failed: " + reason_of(err));
  std::istringstream in{context_of(err)};
  std::string text;
  for (std::string line; std::getline(in, line);)
    text += (text.empty() ? "" : "\n") + path
            + (line.rfind("settings", 0) == 0 ? "." : ": ") + line;
  return caf::make_error(code, text);
}

// The venue a client serves: its config's `venue`, else its own name.
venue venue_of_client(const client_id& id, const client_config& client) {
  return client.venue_id ? *client.venue_id : venue::of(id.value());
}

} // namespace

// -- helpers ------------------------------------------------------------------

void node_supervisor_state::set_state(node_state next) {
  log->info("TradingNode {} -> {}", to_string(state), to_string(next));
  state = next;
  if (gateway)
    self->send(gateway, next);
}

bool node_supervisor_state::is_engine_alive() const {
  for (auto& [addr, child] : children)
    if (child.kind == child_kind::engine)
      return true;
  return false;
}

named<component_actor> node_supervisor_state::observers() const {
  named<component_actor> result;
  auto add = [&](const char* label, const caf::actor_addr& addr) {
    if (auto i = children.find(addr); i != children.end())
      result.emplace_back(label, caf::actor_cast<component_actor>(i->second.handle));
  };
  add("RunMonitor", monitor.address());
  add("Streamer", streamer.address());
  return result;
}

std::vector<caf::actor> node_supervisor_state::engines() const {
  std::vector<caf::actor> result;
  for (auto& [addr, child] : children)
    if (child.kind == child_kind::engine)
      result.push_back(child.handle);
  return result;
}

// -- build ----------------------------------------------------------------------

namespace {

// On recorded data the node's clock is the data's; on CAF's deterministic
// scheduler (a backtest) it is simulated: the scheduler's clock jumps from
// event to event.
node_clock_ptr make_node_clock(caf::actor_system& sys,
                               const caf::optional<std::pair<client_id, unix_nanos>>& data,
                               spdlog::logger& log) {
  if (!data) {
    log.info("Clock: the system clock");
    return node_clock::system();
  }
  bool simulated = dynamic_cast<caf::scheduler::test_coordinator*>(&sys.scheduler()) != nullptr;
  log.info("Clock: the data of {}{}, from {}", data->first.value(),
           simulated ? " (simulated: a backtest)" : "", to_iso8601(data->second));
  return node_clock::data(sys.clock(), data->second, simulated);
}

} // namespace

caf::error node_supervisor_state::spawn_engines() {
  auto& sys = self->system();
  auto level = cfg.logging.level;
  exec_engine = sys.spawn(tradenode::exec_engine, make_logger("ExecEngine", sinks, level),
                          clock, cfg.trader_id, cfg.journal, cfg.exec_engine);
  data_engine = sys.spawn(tradenode::data_engine, make_logger("DataEngine", sinks, level),
                          clock, cfg.data_engine);
  risk_engine = sys.spawn(tradenode::risk_engine, make_logger("RiskEngine", sinks, level),
                          clock, exec_engine, data_engine, cfg.risk_engine);
  portfolio_engine = sys.spawn(tradenode::portfolio, make_logger("Portfolio", sinks, level),
                               data_engine);
  caf::anon_send(exec_engine, caf::add_atom_v, execution_listener_actor{risk_engine});
  caf::anon_send(exec_engine, caf::add_atom_v, execution_listener_actor{portfolio_engine});
  monitor = sys.spawn(tradenode::run_monitor, make_logger("RunMonitor", sinks, level),
                      clock, cfg.report, data_engine, portfolio_engine);
  caf::anon_send(exec_engine, caf::add_atom_v, observer_atom_v,
                 execution_event_sink_actor{monitor});
  adopt("DataEngine", child_kind::engine, data_engine);
  adopt("RiskEngine", child_kind::engine, risk_engine);
  adopt("ExecEngine", child_kind::engine, exec_engine);
  adopt("Portfolio", child_kind::engine, portfolio_engine);
  adopt("RunMonitor", child_kind::engine, monitor);
  if (cfg.streaming) {
    // Detached: its Redis calls block, and must not hold a scheduler thread.
    streamer = sys.spawn<caf::detached>(redis_streamer, make_logger("Streamer", sinks, level),
                                        *cfg.streaming);
    caf::anon_send(exec_engine, caf::add_atom_v, observer_atom_v,
                   execution_event_sink_actor{streamer});
    adopt("Streamer", child_kind::engine, streamer);
  }
  return caf::none;
}

caf::error node_supervisor_state::build_components() {
  auto& sys = self->system();
  auto level = cfg.logging.level;
  // Runs one client factory; its failure names the config path and the factory.
  auto build_client = [&](const client_id& id, const client_config& client,
                          const char* section, const auto& factory) {
    client_context ctx{sys,         id,          client.settings,
                       make_logger(id.value(), sinks, level),
                       data_engine, exec_engine, venue_of_client(id, client),
                       cfg.base_dir, clock};
    auto handle = call_factory(factory, ctx);
    if (!handle)
      handle = component_error(std::string{section} + "." + id.value(), client.factory,
                               handle.error());
    return handle;
  };
  for (auto& [id, client] : cfg.data_clients) {
    auto handle = build_client(id, client, "data_clients",
                               *factories.data_client(client.factory));
    if (!handle)
      return std::move(handle.error());
    adopt("data client " + id.value(), child_kind::data_client, *handle);
    data_clients[id] = *handle;
    caf::anon_send(data_engine, caf::add_atom_v, id, *handle);
  }
  for (auto& [id, client] : cfg.exec_clients) {
    auto handle = build_client(id, client, "exec_clients",
                               *factories.exec_client(client.factory));
    if (!handle)
      return std::move(handle.error());
    adopt("exec client " + id.value(), child_kind::exec_client, *handle);
    exec_clients[id] = *handle;
    caf::anon_send(exec_engine, caf::add_atom_v, id, venue_of_client(id, client), *handle);
  }
  for (size_t i = 0; i < cfg.strategies.size(); ++i) {
    auto& strategy = cfg.strategies[i];
    strategy_context ctx{sys, strategy.id, cfg.trader_id, strategy.settings,
                         make_logger(strategy.id.value(), sinks, level), data_engine,
                         risk_engine, strategy.options,
                         strategy_state_store_actor{exec_engine}, cfg.base_dir, clock};
    auto handle = call_factory(*factories.strategy(strategy.type), ctx);
    if (!handle)
      return component_error("strategies[" + std::to_string(i) + "]", strategy.type,
                             handle.error());
    adopt("strategy " + strategy.id.value(), child_kind::strategy, *handle);
    strategies[strategy.id] = *handle;
    caf::anon_send(exec_engine, caf::add_atom_v, strategy.id,
                   execution_event_sink_actor{*handle});
  }
  return caf::none;
}

caf::result<caf::ok_atom> node_supervisor_state::build() {
  if (state == node_state::disposed)
    return caf::make_error(errc::disposed, "build: the node is disposed");
  if (state != node_state::created)
    return caf::make_error(errc::already_built, "build: the node is already built");
  auto made = make_log_sinks(cfg.logging);
  if (!made)
    return std::move(made.error());
  sinks = std::move(*made);
  log = make_logger("TradingNode", sinks, cfg.logging.level);
  log->info("Building node for trader {}", cfg.trader_id.value());
  // Check every factory name and every component's settings before
  // spawning anything (what `tradenode validate` checks).
  auto checked = check_config(cfg, factories);
  if (!checked) {
    log->error("Build failed: {}", context_of(checked.error()));
    return std::move(checked.error());
  }
  strategy_instruments = std::move(checked->strategy_instruments);
  stop_at_end = std::move(checked->stop_at_end);
  clock = cfg.clock ? cfg.clock : make_node_clock(self->system(), checked->data_clock, *log);
  auto err = spawn_engines();
  if (!err)
    err = build_components();
  if (err) {
    abandon_build(err);
    return err;
  }
  if (cfg.remote.enabled) {
    auto rp = self->make_response_promise<caf::ok_atom>();
    publish_gateway([this, rp](caf::error failed) mutable {
      if (failed) {
        abandon_build(failed);
        rp.deliver(std::move(failed));
        return;
      }
      set_state(node_state::built);
      rp.deliver(caf::ok_atom_v);
    });
    return rp;
  }
  set_state(node_state::built);
  return caf::ok_atom_v;
}

void node_supervisor_state::abandon_build(const caf::error& err) {
  log->error("Build failed: {}", describe(err));
  for (auto& [addr, child] : children) {
    self->demonitor(child.handle);
    self->send_exit(child.handle, caf::exit_reason::kill);
  }
  children.clear();
  data_clients.clear();
  exec_clients.clear();
  strategies.clear();
  gateway = nullptr;
}

// -- start sequence -----------------------------------------------------------------

caf::result<caf::ok_atom> node_supervisor_state::run() {
  switch (state) {
    case node_state::created:
      return caf::make_error(errc::not_built, "run: the node is not built");
    case node_state::built:
      break;
    case node_state::disposed:
      return caf::make_error(errc::disposed, "run: the node is disposed");
    case node_state::starting:
    case node_state::running:
    case node_state::stopping:
      return caf::make_error(errc::already_running, "run: the node is already running");
    default:
      return caf::make_error(errc::already_running,
                             "run: the node has run already; build a new node");
  }
  run_promise = self->make_response_promise<caf::ok_atom>();
  set_state(node_state::starting);
  start_engines();
  return run_promise;
}

// Returns the callback that ends start step `step`: on error the node stops;
// otherwise `next` runs, unless the node left STARTING in the meantime.
#define TRADENODE_NEXT_STEP(step, next)                                        \
  [this](caf::error err) {                                                     \
    if (state != node_state::starting)                                         \
      return;                                                                  \
    if (err)                                                                   \
      return begin_stop(std::move(err));                                       \
    log->info("Start step {} done", step);                                     \
    next();                                                                    \
  }

void node_supervisor_state::start_engines() {
  named<component_actor> targets = {{"DataEngine", data_engine},
                                    {"RiskEngine", risk_engine},
                                    {"ExecEngine", exec_engine},
                                    {"Portfolio", portfolio_engine}};
  for (auto& observer : observers())
    targets.push_back(observer);
  auto tracker = make_tracker("start_engines", targets.size(),
                              TRADENODE_NEXT_STEP("start_engines", connect_clients));
  request_all(self, targets, cfg.timeout_connection, tracker, errc::engine_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; }, start_atom_v);
}

void node_supervisor_state::connect_clients() {
  auto data = named_clients(data_clients, "data client");
  auto exec = named_clients(exec_clients, "exec client");
  auto tracker = make_tracker("connect", data.size() + exec.size(),
                              TRADENODE_NEXT_STEP("connect", load_instruments));
  auto connected = [this](const std::string& who, caf::ok_atom) {
    log->info("Connected {}", who);
    return caf::error{};
  };
  request_all(self, data, cfg.timeout_connection, tracker, errc::client_failed, connected,
              caf::connect_atom_v);
  request_all(self, exec, cfg.timeout_connection, tracker, errc::client_failed, connected,
              caf::connect_atom_v);
}

void node_supervisor_state::load_instruments() {
  named<data_client_actor> targets;
  std::vector<client_id> ids;
  for (auto& [id, client] : data_clients) {
    targets.emplace_back("data client " + id.value(), client);
    ids.push_back(id);
  }
  auto tracker = make_tracker("load_instruments", targets.size(),
                              TRADENODE_NEXT_STEP("load_instruments", reconcile));
  for (size_t i = 0; i < targets.size(); ++i) {
    auto loaded = [this, id = ids[i]](const std::string& who,
                                      std::vector<instrument>& xs) -> caf::error {
      for (auto& x : xs)
        if (auto err = validate(x))
          return caf::make_error(errc::client_failed,
                                 "load_instruments: " + who + " sent a bad instrument: "
                                   + context_of(err));
      log->info("Loaded {} instrument(s) from {}", xs.size(), who);
      for (auto& x : xs)
        provided_instruments.insert(x.id);
      caf::anon_send(exec_engine, caf::add_atom_v, xs);
      caf::anon_send(risk_engine, caf::add_atom_v, xs);
      caf::anon_send(portfolio_engine, caf::add_atom_v, xs);
      caf::anon_send(data_engine, caf::add_atom_v, id, std::move(xs));
      return caf::error{};
    };
    request_all(self, named<data_client_actor>{targets[i]}, cfg.timeout_connection, tracker,
                errc::client_failed, loaded, caf::get_atom_v, instruments_atom_v);
  }
}

void node_supervisor_state::reconcile() {
  mass_statuses.clear();
  auto targets = named_clients(exec_clients, "exec client");
  auto collected = [this](caf::error err) {
    if (state != node_state::starting)
      return;
    if (err)
      return begin_stop(std::move(err));
    self->request(exec_engine, cfg.timeout_reconciliation, reconcile_atom_v, mass_statuses)
      .then(
        [this](caf::ok_atom) {
          if (state != node_state::starting)
            return;
          log->info("Start step {} done", "reconcile");
          initialize_portfolio();
        },
        [this](caf::error& engine_err) {
          if (state == node_state::starting)
            begin_stop(step_error("reconcile", "ExecEngine", engine_err,
                                  cfg.timeout_reconciliation,
                                  errc::engine_failed));
        });
  };
  auto tracker = make_tracker("reconcile", targets.size(), collected);
  request_all(self, targets, cfg.timeout_reconciliation, tracker, errc::client_failed,
              [this](const std::string&, execution_mass_status& x) {
                mass_statuses.push_back(std::move(x));
                return caf::error{};
              },
              caf::get_atom_v, mass_status_atom_v);
}

void node_supervisor_state::initialize_portfolio() {
  auto tracker = make_tracker("initialize_portfolio", 1,
                              TRADENODE_NEXT_STEP("initialize_portfolio", start_strategies));
  request_all(self, named<portfolio_actor>{{"Portfolio", portfolio_engine}},
              cfg.timeout_portfolio, tracker, errc::engine_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; },
              initialize_atom_v);
}

void node_supervisor_state::start_strategies() {
  named<component_actor> targets;
  for (auto& [id, strategy] : strategies) {
    // A strategy on an instrument no data client provides would trade
    // nothing and say nothing: it does not start, and run reports it.
    std::string missing;
    for (auto& instrument : strategy_instruments[id])
      if (provided_instruments.count(instrument) == 0)
        missing += (missing.empty() ? "" : ", ") + instrument.value();
    if (!missing.empty()) {
      failed_starts.push_back("strategy " + id.value() + ": instrument " + missing
                              + " is not provided by any data client");
      log->error("Start step start_strategies: {} (not started)", failed_starts.back());
      continue;
    }
    targets.emplace_back("strategy " + id.value(), strategy);
  }
  auto running = [this](caf::error) {
    if (state != node_state::starting)
      return;
    log->info("Start step {} done", "start_strategies");
    set_state(node_state::running);
    stop_when_data_ends();
  };
  auto tracker = make_tracker("start_strategies", targets.size(), running);
  // A strategy that fails to start is isolated; the node trades on.
  for (auto& [who, handle] : targets)
    self->request(handle, cfg.timeout_shutdown, start_atom_v)
      .then([tracker](caf::ok_atom) { tracker->settle(caf::error{}); },
            [this, tracker, who = who](caf::error& err) {
              auto why = err.category() == error_category
                           ? context_of(err)
                           : context_of(step_error("start_strategies", who, err,
                                                   cfg.timeout_shutdown,
                                                   errc::strategy_faulted));
              failed_starts.push_back(why);
              log->error("Start step start_strategies: {} (not started)", why);
              tracker->settle(caf::error{});
            });
}

void node_supervisor_state::stop_when_data_ends() {
  if (stop_at_end.empty())
    return;
  self->request(data_engine, caf::infinite, caf::wait_for_atom_v, end_atom_v, stop_at_end)
    .then(
      [this](caf::ok_atom) {
        if (state != node_state::running)
          return;
        std::string names;
        for (auto& id : stop_at_end)
          names += (names.empty() ? "" : ", ") + id.value();
        log->info("The data of {} ended: stopping", names);
        begin_stop(caf::error{});
      },
      [](const caf::error&) {
        // The data engine went down: the node is stopping already.
      });
}

#undef TRADENODE_NEXT_STEP

// -- behavior -------------------------------------------------------------------

node_actor::behavior_type node_supervisor(node_supervisor_state::pointer self,
                                          node_config cfg, factory_registry factories) {
  auto& st = self->state;
  st.cfg = std::move(cfg);
  st.factories = std::move(factories);
  // Until build creates the configured sinks, log to the extra sinks only.
  st.log = make_logger("TradingNode", st.cfg.logging.extra_sinks, st.cfg.logging.level);
  self->set_down_handler([self](caf::down_msg& msg) { self->state.on_down(msg); });
  return {
    [&st](build_atom) { return st.build(); },
    [&st](run_atom) { return st.run(); },
    [&st](stop_atom) { return st.stop(); },
    [&st](kill_atom, bool flatten) { return st.kill(flatten); },
    [&st](dispose_atom) { return st.dispose(); },
    [&st](caf::get_atom, state_atom) { return st.state; },
    [&st](caf::get_atom, engines_atom) { return st.engines(); },
    [&st](caf::get_atom, caf::publish_atom) { return st.gateway_port; },
    [&st](caf::publish_atom, uint32_t attempt) { st.republish_gateway(attempt); },
    [&st](adopt_atom, const strategy_id& id, const strategy_actor& handle) {
      return st.adopt_strategy(id, handle);
    },
    [&st](deadline_atom, uint64_t generation) { st.on_dispose_deadline(generation); },
  };
}

} // namespace tradenode
