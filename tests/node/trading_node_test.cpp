#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "log_capture.hpp"
#include "test_clients.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/trading_node.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

// Real threads: the facade with its own actor system, short timeouts.
tn::node_config facade_config(std::shared_ptr<tn::test::log_capture> logs) {
  tn::node_config cfg;
  cfg.logging.console = false;
  cfg.logging.extra_sinks = {std::move(logs)};
  cfg.timeout_disconnection = 500ms;
  cfg.data_clients.emplace(tn::client_id::of("DATA"), tn::client_config{"data", {}, {}});
  cfg.exec_clients.emplace(tn::client_id::of("EXEC"), tn::client_config{"exec", {}, {}});
  return cfg;
}

void add_factories(tn::trading_node& node, tn::test::client_script exec = {}) {
  node.add_data_client_factory("data", tn::test::scripted_data_client({}));
  node.add_exec_client_factory("exec", tn::test::scripted_exec_client(std::move(exec)));
}

bool reaches(tn::trading_node& node, tn::node_state wanted) {
  return tn::test::wait_until([&] { return node.state() == wanted; });
}

} // namespace

TEST_CASE("facade: build twice throws already_built") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  node.build();
  CHECK(node.state() == tn::node_state::built);
  try {
    node.build();
    FAIL("second build did not throw");
  } catch (const tn::node_error& e) {
    CHECK(e.error() == caf::make_error(tn::errc::already_built));
  }
}

TEST_CASE("facade: factories are refused after build and when duplicated") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  CHECK_THROWS_AS(node.add_data_client_factory("data", tn::test::scripted_data_client({})),
                  tn::node_error);
  node.build();
  CHECK_THROWS_AS(node.add_strategy_factory("late", tn::test::recording_strategy({})),
                  tn::node_error);
}

TEST_CASE("facade: run before build throws only when asked") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  CHECK_NOTHROW(node.run());
  CHECK_THROWS_AS(node.run(true), tn::node_error);
}

TEST_CASE("facade: programmatic stop from another thread ends run()") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  node.build();
  std::thread runner{[&] { node.run(true); }};
  REQUIRE(reaches(node, tn::node_state::running));
  node.stop();
  runner.join();
  CHECK(node.state() == tn::node_state::stopped);
  node.dispose();
  CHECK(node.state() == tn::node_state::disposed);
}

TEST_CASE("facade: run_async then stop completes the future") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  node.build();
  auto run = node.run_async();
  REQUIRE(reaches(node, tn::node_state::running));
  auto stopped = node.stop_async();
  REQUIRE(run.wait_for(30s) == std::future_status::ready);
  CHECK_NOTHROW(run.get());
  CHECK_NOTHROW(stopped.get());
  CHECK(node.state() == tn::node_state::stopped);
}

TEST_CASE("facade: dispose twice, and dispose without run") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  node.build();
  node.dispose();
  CHECK(node.state() == tn::node_state::disposed);
  node.dispose();
  CHECK(node.state() == tn::node_state::disposed);
}

TEST_CASE("facade: hung disconnect, dispose returns within timeout_disconnection + 1s") {
  auto logs = std::make_shared<tn::test::log_capture>();
  auto cfg = facade_config(logs);
  tn::trading_node node{cfg};
  tn::test::client_script hung;
  hung.disconnect = tn::test::disconnect_mode::hang;
  add_factories(node, hung);
  node.build();
  auto run = node.run_async();
  REQUIRE(reaches(node, tn::node_state::running));
  auto started = std::chrono::steady_clock::now();
  node.dispose();
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(took <= cfg.timeout_disconnection + 1s);
  CHECK(node.state() == tn::node_state::disposed);
  CHECK(logs->contains("Killing exec client EXEC: it did not disconnect within 0.5s"));
  REQUIRE(run.wait_for(30s) == std::future_status::ready);
  MESSAGE("dispose with a hung client took "
          << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
}

TEST_CASE("facade: run() called inside an actor returns at once") {
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::trading_node node{facade_config(logs)};
  add_factories(node);
  node.build();
  auto returned = std::make_shared<std::promise<void>>();
  auto call_run = [](caf::event_based_actor*, tn::trading_node* target,
                     std::shared_ptr<std::promise<void>> done) {
    target->run();
    done->set_value();
  };
  node.system().spawn(call_run, &node, returned);
  REQUIRE(returned->get_future().wait_for(30s) == std::future_status::ready);
  REQUIRE(reaches(node, tn::node_state::running));
  CHECK(logs->contains("run() called from an actor"));
  node.stop();
}

TEST_CASE("embedding: the supervisor in the caller's actor system, driven by messages") {
  caf::actor_system_config cfg;
  tn::register_types(cfg);
  caf::actor_system sys{cfg};
  auto logs = std::make_shared<tn::test::log_capture>();
  tn::factory_registry factories;
  REQUIRE_FALSE(factories.add_data_client_factory("data", tn::test::scripted_data_client({})));
  REQUIRE_FALSE(factories.add_exec_client_factory("exec", tn::test::scripted_exec_client({})));
  auto node = sys.spawn(tn::node_supervisor, facade_config(logs), factories);
  caf::scoped_actor self{sys};
  auto ask = [&](auto... xs) {
    caf::error result;
    self->request(node, 30s, xs...).receive([](caf::ok_atom) {},
                                             [&](caf::error& err) { result = err; });
    return result;
  };
  REQUIRE_FALSE(ask(tn::build_atom_v));
  // run's reply comes when the run ends: wait for it in a helper actor.
  auto run_done = std::make_shared<std::promise<caf::error>>();
  auto await_run = [](caf::event_based_actor* helper, tn::node_actor target,
                      std::shared_ptr<std::promise<caf::error>> done) -> caf::behavior {
    helper->request(target, caf::infinite, tn::run_atom_v)
      .then([done](caf::ok_atom) { done->set_value(caf::error{}); },
            [done](caf::error& err) { done->set_value(err); });
    return {[](caf::unit_t) {}};
  };
  sys.spawn(await_run, node, run_done);
  auto state = [&] {
    auto result = tn::node_state::created;
    self->request(node, 30s, caf::get_atom_v, tn::state_atom_v)
      .receive([&](tn::node_state x) { result = x; }, [](caf::error&) {});
    return result;
  };
  REQUIRE(tn::test::wait_until([&] { return state() == tn::node_state::running; }));
  REQUIRE_FALSE(ask(tn::stop_atom_v));
  auto finished = run_done->get_future();
  REQUIRE(finished.wait_for(30s) == std::future_status::ready);
  CHECK_FALSE(finished.get());
  REQUIRE_FALSE(ask(tn::dispose_atom_v));
  // After dispose the supervisor has terminated too.
  caf::error gone;
  self->request(node, 30s, caf::get_atom_v, tn::state_atom_v)
    .receive([](tn::node_state) {}, [&](caf::error& err) { gone = err; });
  CHECK(gone == caf::sec::request_receiver_down);
}

TEST_CASE("facade: the scheduler section configures the system the node owns") {
  auto logs = std::make_shared<tn::test::log_capture>();
  auto cfg = facade_config(logs);
  cfg.scheduler = {tn::scheduler_profile::power_saving, 3};
  tn::trading_node node{cfg};
  CHECK(node.system().scheduler().num_workers() == 3);
  auto& options = node.system().config();
  CHECK(caf::get_or(options, "work-stealing.aggressive-poll-attempts", size_t{0}) == 10);
  CHECK(caf::get_or(options, "work-stealing.moderate-poll-attempts", size_t{1}) == 0);
  CHECK(logs->contains("Scheduler: power_saving profile, 3 worker threads"));
}

TEST_CASE("facade: a borrowed system keeps its scheduler, and the node says so") {
  caf::actor_system_config sys_cfg;
  tn::register_types(sys_cfg);
  tn::apply_scheduler_config(sys_cfg, {tn::scheduler_profile::power_saving, 2});
  caf::actor_system sys{sys_cfg};
  CHECK(sys.scheduler().num_workers() == 2);
  auto logs = std::make_shared<tn::test::log_capture>();
  auto cfg = facade_config(logs);
  cfg.scheduler.profile = tn::scheduler_profile::low_latency;
  tn::trading_node node{sys, cfg};
  CHECK(logs->contains("The scheduler section is ignored for a borrowed actor system"));
}
