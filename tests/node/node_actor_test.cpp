#include <doctest/doctest.h>

#include <caf/local_actor.hpp>
#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "scripted_strategy.hpp"
#include "test_clients.hpp"
#include "tradenode/node/node_actor.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

// A node with one data client DATA, one execution client EXEC and one
// strategy, each a real actor whose behaviour the test chooses.
struct node_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  tn::test::client_script data_script;
  tn::test::client_script exec_script;
  tn::node_config config;
  tn::node_actor node;
  /// What the strategy configured as "scripted" does.
  tn::test::scripted_strategy::action scripted_start;

  node_fixture() {
    config.logging.console = false;
    config.logging.level = spdlog::level::debug;
    config.logging.extra_sinks = {logs};
    config.data_clients.emplace(tn::client_id::of("DATA"), tn::client_config{"scripted_data", {}, {}});
    config.exec_clients.emplace(tn::client_id::of("EXEC"), tn::client_config{"scripted_exec", {}, {}});
    config.strategies.push_back({"recording", tn::strategy_id::of("S-001"), {}, {}});
    data_script.record = record;
    exec_script.record = record;
    data_script.instruments = {tn::test::test_instrument("BTCUSDT", "EXEC")};
  }

  ~node_fixture() {
    // Leave no actor behind for the next test.
    if (node) {
      self->send(node, tn::dispose_atom_v);
      sched.run();
      advance(config.timeout_disconnection + 1s);
    }
  }

  tn::node_actor spawn_node() {
    tn::factory_registry factories;
    REQUIRE_FALSE(factories.add_data_client_factory("scripted_data",
                                                    tn::test::scripted_data_client(data_script)));
    REQUIRE_FALSE(factories.add_exec_client_factory("scripted_exec",
                                                    tn::test::scripted_exec_client(exec_script)));
    REQUIRE_FALSE(factories.add_strategy_factory("recording",
                                                 tn::test::recording_strategy(record)));
    auto scripted = [this](const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
      auto impl = std::make_unique<tn::test::scripted_strategy>(record);
      impl->when_started = scripted_start;
      return tn::spawn_strategy(ctx, std::move(impl));
    };
    REQUIRE_FALSE(factories.add_strategy_factory("scripted", scripted));
    node = sys.spawn(tn::node_supervisor, config, factories);
    sched.run();
    return node;
  }

  template <class... Ts>
  caf::expected<caf::ok_atom> command(Ts... xs) {
    self->send(node, xs...);
    sched.run();
    return take_reply<caf::ok_atom>();
  }

  tn::node_state state() {
    self->send(node, caf::get_atom_v, tn::state_atom_v);
    sched.run();
    auto result = take_reply<tn::node_state>();
    REQUIRE(result);
    return *result;
  }

  std::vector<caf::actor> engines() {
    self->send(node, caf::get_atom_v, tn::engines_atom_v);
    sched.run();
    auto result = take_reply<std::vector<caf::actor>>();
    REQUIRE(result);
    return *result;
  }

  void start_running() {
    spawn_node();
    REQUIRE(command(tn::build_atom_v));
    self->send(node, tn::run_atom_v);
    sched.run();
    REQUIRE(state() == tn::node_state::running);
  }

  void require_error(const caf::expected<caf::ok_atom>& result, tn::errc code,
                     const std::string& text) {
    REQUIRE_FALSE(result);
    CHECK(result.error() == caf::make_error(code));
    CHECK_MESSAGE(tn::describe(result.error()).find(text) != std::string::npos,
                  tn::describe(result.error()));
  }

  size_t index_of(const std::string& event) {
    auto events = record->events();
    auto i = std::find(events.begin(), events.end(), event);
    REQUIRE_MESSAGE(i != events.end(), "missing event " << event);
    return static_cast<size_t>(i - events.begin());
  }
};

} // namespace

TEST_CASE_FIXTURE(node_fixture, "node rejects build twice") {
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  CHECK(state() == tn::node_state::built);
  require_error(command(tn::build_atom_v), tn::errc::already_built, "already built");
}

TEST_CASE_FIXTURE(node_fixture, "node rejects run before build") {
  spawn_node();
  require_error(command(tn::run_atom_v), tn::errc::not_built, "not built");
  CHECK(state() == tn::node_state::created);
}

TEST_CASE_FIXTURE(node_fixture, "node rejects run while running") {
  start_running();
  require_error(command(tn::run_atom_v), tn::errc::already_running, "already running");
}

TEST_CASE_FIXTURE(node_fixture, "the start steps happen in order") {
  start_running();
  CHECK(index_of("DATA connect") < index_of("DATA instruments"));
  CHECK(index_of("EXEC connect") < index_of("DATA instruments"));
  CHECK(index_of("DATA instruments") < index_of("EXEC mass_status"));
  CHECK(index_of("EXEC mass_status") < index_of("S-001 start"));
  long previous = -1;
  for (auto step : {"start_engines", "connect", "load_instruments", "reconcile",
                    "initialize_portfolio", "start_strategies"}) {
    auto at = logs->index_of(std::string{"Start step "} + step + " done");
    CHECK_MESSAGE(at > previous, step);
    previous = at;
  }
  CHECK(logs->index_of("TradingNode STARTING -> RUNNING") > previous);
  CHECK(logs->contains("Loaded 1 instrument(s) from data client DATA"));
}

TEST_CASE_FIXTURE(node_fixture, "a client connecting late within the timeout starts the node") {
  data_script.connect = tn::test::connect_mode::late;
  data_script.delay = 30s;
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  self->send(node, tn::run_atom_v);
  sched.run();
  CHECK(state() == tn::node_state::starting);
  advance(30s);
  CHECK(state() == tn::node_state::running);
}

TEST_CASE_FIXTURE(node_fixture, "connection timeout fails run naming the client and stops everything") {
  data_script.connect = tn::test::connect_mode::never;
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  for (auto& engine : engines())
    self->monitor(engine);
  self->send(node, tn::run_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
  advance(config.timeout_connection);
  size_t engines_down = 0;
  caf::expected<caf::ok_atom> run_reply = caf::make_error(tn::errc::invalid_state);
  for (int i = 0; i < 6; ++i)
    self->receive([&](caf::down_msg&) { ++engines_down; },
                  [&](caf::error& err) { run_reply = std::move(err); },
                  caf::after(0s) >> [] {});
  CHECK(engines_down == 5); // four engines and the run monitor
  require_error(run_reply, tn::errc::timeout, "connect: data client DATA timed out after 60s");
  CHECK(state() == tn::node_state::faulted);
  CHECK(engines().empty());
  CHECK(logs->contains("TradingNode STOPPING -> FAULTED"));
  // The clients are still there (disconnected) until dispose releases them.
  for (auto& client : *data_script.spawned)
    self->monitor(client);
  for (auto& client : *exec_script.spawned)
    self->monitor(client);
  REQUIRE(command(tn::dispose_atom_v));
  size_t clients_down = 0;
  for (int i = 0; i < 2; ++i)
    self->receive([&](caf::down_msg&) { ++clients_down; }, caf::after(0s) >> [] {});
  CHECK(clients_down == 2);
  CHECK(logs->contains("TradingNode FAULTED -> DISPOSED"));
}

TEST_CASE_FIXTURE(node_fixture, "a client throwing in connect fails run naming the client") {
  exec_script.connect = tn::test::connect_mode::throws;
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  auto result = command(tn::run_atom_v);
  require_error(result, tn::errc::client_failed, "exec client EXEC");
  CHECK(state() == tn::node_state::faulted);
}

TEST_CASE_FIXTURE(node_fixture, "run's reply arrives only after every engine actor is down") {
  start_running();
  auto engine_handles = engines();
  REQUIRE(engine_handles.size() == 5); // four engines and the run monitor
  for (auto& engine : engine_handles)
    self->monitor(engine);
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
  self->send(node, tn::stop_atom_v);
  sched.run();
  // The mailbox holds, in arrival order: the run reply and the stop reply
  // (both ok) and five down messages; both replies must come after the downs.
  std::vector<std::string> arrivals;
  for (int i = 0; i < 7; ++i)
    self->receive([&](caf::down_msg&) { arrivals.emplace_back("down"); },
                  [&](caf::ok_atom) { arrivals.emplace_back("ok"); },
                  caf::after(0s) >> [&] { arrivals.emplace_back("none"); });
  CHECK(arrivals
        == std::vector<std::string>{"down", "down", "down", "down", "down", "ok", "ok"});
  CHECK(state() == tn::node_state::stopped);
  CHECK(index_of("S-001 stop") < index_of("DATA disconnect"));
}

TEST_CASE_FIXTURE(node_fixture, "hung disconnect: dispose kills the straggler after timeout_disconnection") {
  exec_script.disconnect = tn::test::disconnect_mode::hang;
  start_running();
  auto started = sched.clock().now();
  self->send(node, tn::dispose_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
  advance(config.timeout_disconnection);
  CHECK(take_reply<caf::ok_atom>());
  CHECK(sched.clock().now() - started <= config.timeout_disconnection + 1s);
  CHECK(logs->contains("-> DISPOSED"));
  CHECK(logs->contains("Killing exec client EXEC: it did not disconnect within 10s"));
  CHECK(logs->contains("exec client EXEC terminated abnormally"));
}

TEST_CASE_FIXTURE(node_fixture, "a client ignoring exit is killed at the dispose deadline and named") {
  // Disconnects fine during stop, but ignores the exit request afterwards.
  exec_script.disconnect = tn::test::disconnect_mode::hang;
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  self->send(node, tn::dispose_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
  advance(config.timeout_disconnection);
  CHECK(take_reply<caf::ok_atom>());
  CHECK(logs->contains("Killing straggler exec client EXEC"));
  CHECK(logs->contains("TradingNode BUILT -> DISPOSED"));
}

TEST_CASE_FIXTURE(node_fixture, "dispose delivers run's reply, answers ok, and ends the supervisor") {
  start_running();
  self->monitor(node);
  self->send(node, tn::dispose_atom_v);
  sched.run();
  std::vector<std::string> arrivals;
  for (int i = 0; i < 3; ++i)
    self->receive([&](caf::ok_atom) { arrivals.emplace_back("ok"); },
                  [&](caf::down_msg& msg) {
                    arrivals.emplace_back(msg.reason == caf::exit_reason::normal ? "down"
                                                                                : "abnormal");
                  },
                  caf::after(0s) >> [&] { arrivals.emplace_back("none"); });
  // run's reply, dispose's reply, then the supervisor terminates normally.
  CHECK(arrivals == std::vector<std::string>{"ok", "ok", "down"});
  CHECK(logs->contains("TradingNode STOPPED -> DISPOSED"));
  // Messages to the terminated supervisor go nowhere.
  self->send(node, tn::dispose_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
}

TEST_CASE_FIXTURE(node_fixture, "dispose while stopping forces: no waiting for a hung client") {
  exec_script.disconnect = tn::test::disconnect_mode::hang;
  start_running();
  self->send(node, tn::stop_atom_v);
  sched.run();
  // The stop is now waiting for EXEC to disconnect; a dispose cuts it short
  // without any time passing.
  CHECK(take_reply<caf::ok_atom>() == caf::make_error(tn::errc::invalid_state));
  self->send(node, tn::dispose_atom_v);
  sched.run();
  size_t oks = 0;
  for (int i = 0; i < 3; ++i)
    self->receive([&](caf::ok_atom) { ++oks; }, caf::after(0s) >> [] {});
  CHECK(oks == 3); // run, stop and dispose answered
  CHECK(logs->contains("Forced dispose while stopping"));
  CHECK(logs->contains("Killing exec client EXEC: forced dispose"));
  CHECK(logs->contains("TradingNode STOPPED -> DISPOSED"));
}

TEST_CASE_FIXTURE(node_fixture, "dispose without run releases every component") {
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  auto engine_handles = engines();
  for (auto& engine : engine_handles)
    self->monitor(engine);
  REQUIRE(command(tn::dispose_atom_v));
  size_t down = 0;
  for (int i = 0; i < 5; ++i)
    self->receive([&](caf::down_msg&) { ++down; }, caf::after(0s) >> [] {});
  CHECK(down == 5);
  CHECK(logs->contains("TradingNode BUILT -> DISPOSED"));
}

TEST_CASE_FIXTURE(node_fixture, "dispose before build answers ok") {
  spawn_node();
  REQUIRE(command(tn::dispose_atom_v));
  CHECK(logs->contains("TradingNode CREATED -> DISPOSED"));
}

TEST_CASE_FIXTURE(node_fixture, "an engine killed abnormally stops the node and run reports it") {
  start_running();
  auto engine_handles = engines();
  // Engines are listed by address; find the ExecEngine by its name.
  auto exec = std::find_if(engine_handles.begin(), engine_handles.end(), [](auto& x) {
    auto* actor = dynamic_cast<caf::local_actor*>(caf::actor_cast<caf::abstract_actor*>(x));
    return actor != nullptr && std::string{actor->name()} == "exec_engine";
  });
  REQUIRE(exec != engine_handles.end());
  caf::anon_send_exit(*exec, caf::exit_reason::kill);
  sched.run();
  auto run_reply = take_reply<caf::ok_atom>();
  require_error(run_reply, tn::errc::engine_failed, "ExecEngine terminated: kill");
  CHECK(state() == tn::node_state::faulted);
  CHECK(engines().empty());
}

TEST_CASE_FIXTURE(node_fixture, "stop from running stops in order and answers ok") {
  start_running();
  self->send(node, tn::stop_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>());
  CHECK(take_reply<caf::ok_atom>());
  CHECK(state() == tn::node_state::stopped);
  long previous = -1;
  for (auto step :
       {"stop_strategies", "await_inflight", "disconnect", "stop_engines", "stop_run_monitor"}) {
    auto at = logs->index_of(std::string{"Stop step "} + step + " done");
    CHECK_MESSAGE(at > previous, step);
    previous = at;
  }
  CHECK(logs->index_of("TradingNode STOPPING -> STOPPED") > previous);
  // The report is made after the execution engine's last event.
  CHECK(logs->index_of("Component ExecEngine STOPPED")
        < logs->index_of("Component RunMonitor STOPPED"));
}

TEST_CASE_FIXTURE(node_fixture, "stop while starting stops at once") {
  data_script.connect = tn::test::connect_mode::never;
  spawn_node();
  REQUIRE(command(tn::build_atom_v));
  self->send(node, tn::run_atom_v);
  sched.run();
  self->send(node, tn::stop_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>());
  CHECK(take_reply<caf::ok_atom>());
  CHECK(state() == tn::node_state::stopped);
}

TEST_CASE_FIXTURE(node_fixture, "an unknown factory fails build naming it and leaves nothing running") {
  config.exec_clients.begin()->second.factory = "nope";
  spawn_node();
  require_error(command(tn::build_atom_v), tn::errc::invalid_config,
                "exec_clients.EXEC.factory: no exec client factory named \"nope\" (expected "
                "one of: scripted_exec)");
  CHECK(state() == tn::node_state::created);
  CHECK(engines().empty());
  for (auto& client : *data_script.spawned)
    self->monitor(client);
  sched.run();
  size_t down = 0;
  self->receive([&](caf::down_msg&) { ++down; }, caf::after(0s) >> [] {});
  CHECK(down == data_script.spawned->size());
}

TEST_CASE_FIXTURE(node_fixture, "a factory that throws fails build naming the client as a "
                                "config problem") {
  config.exec_clients.clear();
  config.strategies.clear();
  tn::factory_registry factories;
  REQUIRE_FALSE(factories.add_data_client_factory(
    "scripted_data", [](const tn::client_context&) -> caf::expected<tn::data_client_actor> {
      throw std::runtime_error("settings.port missing");
    }));
  node = sys.spawn(tn::node_supervisor, config, factories);
  require_error(command(tn::build_atom_v), tn::errc::invalid_config,
                "(data_clients.DATA: the factory threw: settings.port missing)");
  CHECK(state() == tn::node_state::created);
}

TEST_CASE_FIXTURE(node_fixture, "a factory failing for another reason is the client's failure") {
  config.exec_clients.clear();
  config.strategies.clear();
  tn::factory_registry factories;
  REQUIRE_FALSE(factories.add_data_client_factory(
    "scripted_data", [](const tn::client_context&) -> caf::expected<tn::data_client_actor> {
      return caf::make_error(caf::sec::cannot_connect_to_node, "venue unreachable");
    }));
  node = sys.spawn(tn::node_supervisor, config, factories);
  require_error(command(tn::build_atom_v), tn::errc::client_failed,
                "data_clients.DATA: factory \"scripted_data\" failed: ");
}

TEST_CASE_FIXTURE(node_fixture, "stop before build is an error, stop when built is ok") {
  spawn_node();
  require_error(command(tn::stop_atom_v), tn::errc::not_built, "not built");
  REQUIRE(command(tn::build_atom_v));
  CHECK(command(tn::stop_atom_v));
}

TEST_CASE_FIXTURE(node_fixture, "a strategy object trades through the node's engines") {
  config.strategies.push_back({"scripted", tn::strategy_id::of("EMACross-001"), {}, {}});
  scripted_start = [](tn::test::scripted_strategy& x) {
    auto btc = tn::instrument_id::of("BTCUSDT.EXEC");
    x.subscribe_quotes(btc);
    x.submit_order(
      x.order_factory().market(btc, tn::order_side::buy, tn::quantity::of("0.100")));
  };
  start_running();
  // Subscribed through the data engine, the order passed the risk engine and
  // reached the client, and its first event came back to the strategy.
  index_of("DATA subscribe QUOTES BTCUSDT.EXEC");
  CHECK_LT(index_of("start"), index_of("EXEC submit"));
  auto events = record->events();
  CHECK(std::any_of(events.begin(), events.end(), [](const std::string& x) {
    return x.rfind("initialized O-", 0) == 0 && x.find("-001-001-1") != std::string::npos;
  }));
}

TEST_CASE_FIXTURE(node_fixture, "a strategy that throws in on_start is isolated, the node runs") {
  config.strategies.push_back({"scripted", tn::strategy_id::of("EMACross-001"), {}, {}});
  scripted_start = [](tn::test::scripted_strategy&) { throw std::runtime_error("no model"); };
  start_running();
  CHECK(logs->contains("strategy EMACross-001 threw in on_start: no model"));
  index_of("S-001 start");
  self->send(node, tn::stop_atom_v);
  sched.run();
  // The node ran and stopped; run's answer says a strategy did not start.
  require_error(take_reply<caf::ok_atom>(), tn::errc::strategy_faulted,
                "(1 strategy(ies) did not start: strategy EMACross-001 threw in on_start: "
                "no model)");
  CHECK(take_reply<caf::ok_atom>()); // stop's
  CHECK(state() == tn::node_state::stopped);
}
