#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <regex>

#include "child_process.hpp"
#include "log_capture.hpp"
#include "scripted_strategy.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/trading_node.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  auto path = "venue_test_" + name;
  std::ofstream{path} << text;
  return path;
}

// A `tradenode venue --port 0` process and the port it chose.
struct venue_process {
  tn::test::child_process process;
  uint16_t port = 0;

  explicit venue_process(const std::string& config)
    : process({TRADENODE_CLI, "venue", "--port", "0", "--config", config},
              "venue_test_venue.out") {
    REQUIRE(process.started());
    std::smatch match;
    std::regex listening{"venue SIM listening on 127\\.0\\.0\\.1:([0-9]+)"};
    REQUIRE(tn::test::wait_until(
      [&] {
        auto out = process.output();
        if (!std::regex_search(out, match, listening))
          return false;
        port = static_cast<uint16_t>(std::stoi(match[1].str()));
        return true;
      },
      60s));
  }
};

// A node whose synthetic feed quotes BTCUSDT.SIM and whose sandbox client
// connects to `address`; its strategy buys 0.100 at the first quote when
// `buy` is set.
struct remote_node {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::unique_ptr<tn::trading_node> node;

  remote_node(const std::string& address, bool buy) {
    auto instrument = nlohmann::json(tn::test::test_instrument("BTCUSDT", "SIM"));
    tn::node_config cfg;
    cfg.logging.console = false;
    cfg.logging.extra_sinks = {logs};
    cfg.data_clients.emplace(
      tn::client_id::of("SYNTH"),
      tn::client_config{"synthetic", {}, {{"rate", 200}, {"instruments", {instrument}}}});
    cfg.exec_clients.emplace(tn::client_id::of("SIM"),
                             tn::client_config{"sandbox", {}, {{"connect", address}}});
    cfg.strategies.push_back({"scripted", tn::strategy_id::of("Scripted-001"), {}, {}});
    auto factories = tn::builtin_factories();
    auto log = record;
    REQUIRE_FALSE(factories.add_strategy_factory(
      "scripted", [log, buy](const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
        auto impl = std::make_unique<tn::test::scripted_strategy>(log);
        impl->when_started = [](tn::test::scripted_strategy& x) {
          x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
        };
        if (buy)
          impl->when_quote = [](tn::test::scripted_strategy& x, const tn::quote_tick& q) {
            if (x.orders().empty())
              x.submit_order(
                x.order_factory().market(q.instrument_id, tn::order_side::buy,
                                         tn::quantity::of("0.100")));
          };
        return tn::spawn_strategy(ctx, std::move(impl));
      }));
    node = std::make_unique<tn::trading_node>(std::move(cfg), std::move(factories));
  }

  bool recorded(const std::string& prefix) {
    auto events = record->events();
    return std::any_of(events.begin(), events.end(),
                       [&](const std::string& x) { return x.rfind(prefix, 0) == 0; });
  }
};

const char* venue_settings = R"({"venue": "SIM", "account_id": "SIM-001",
  "balances": ["1000000.00000000 USDT", "10.00000000 BTC"]})";

} // namespace

TEST_CASE("the sandbox venue in its own process keeps its state across node restarts") {
  venue_process venue{write_file("venue.json", venue_settings)};
  auto address = "127.0.0.1:" + std::to_string(venue.port);
  {
    remote_node first{address, true};
    first.node->build();
    auto done = first.node->run_async();
    // The order crosses the loopback to the venue; its fill comes back.
    REQUIRE(tn::test::wait_until([&] { return first.recorded("filled "); }, 60s));
    first.node->stop();
    done.get();
    first.node->dispose();
    CHECK(first.logs->contains("Sandbox: attached to the venue at " + address));
  }
  {
    // A new node reconciles with what the venue kept: the order, its fill
    // and the long position.
    remote_node second{address, false};
    second.node->build();
    auto done = second.node->run_async();
    REQUIRE(tn::test::wait_until(
      [&] { return second.logs->contains("Start step reconcile done"); }, 60s));
    std::string reconciliation;
    for (auto& line : second.logs->lines())
      if (line.find("Reconciliation") != std::string::npos)
        reconciliation += line + "\n";
    INFO("the second node's reconciliation:\n" << reconciliation); // shown on a failure
    CHECK(second.logs->contains(
      "Reconciliation with client SIM: 1 order(s), 1 fill(s), 1 position(s) reported"));
    CHECK(second.logs->contains("Portfolio initialized: 1 account(s), 1 position(s)"));
    second.node->stop();
    done.get();
    second.node->dispose();
  }
  venue.process.signal(SIGTERM);
  CHECK(venue.process.wait() == 0);
  CHECK(venue.process.output().find("Sandbox: a client attached to venue SIM")
        != std::string::npos);
}

TEST_CASE("a node whose venue process is not there fails its run naming the address") {
  // Port 1 on loopback: nothing listens there.
  remote_node node{"127.0.0.1:1", false};
  node.node->build();
  try {
    node.node->run(true);
    FAIL("run should have failed");
  } catch (const tn::node_error& e) {
    CHECK(e.error() == caf::make_error(tn::errc::client_failed));
    CHECK(std::string{e.what()}.find("cannot reach the venue at 127.0.0.1:1")
          != std::string::npos);
  }
  node.node->dispose();
}

TEST_CASE("bad connect settings fail the build naming the key") {
  auto build_error = [](const nlohmann::json& settings) -> std::string {
    tn::node_config cfg;
    cfg.logging.console = false;
    cfg.exec_clients.emplace(tn::client_id::of("SIM"),
                             tn::client_config{"sandbox", {}, settings});
    tn::trading_node node{std::move(cfg), tn::builtin_factories()};
    try {
      node.build();
      return "no error";
    } catch (const tn::node_error& e) {
      CHECK(e.error() == caf::make_error(tn::errc::invalid_config));
      return e.what();
    }
  };
  CHECK_NE(build_error({{"connect", "127.0.0.1:x"}})
             .find("settings.connect: port \"x\" is not 1..65535"),
           std::string::npos);
  CHECK_NE(build_error({{"connect", 7000}}).find("settings.connect: expected \"HOST:PORT\""),
           std::string::npos);
  CHECK_NE(build_error({{"connect", "127.0.0.1:7000"}, {"balances", {"1 USD"}}})
             .find("takes no other settings"),
           std::string::npos);
}

TEST_CASE("cli: venue usage and config errors exit 2") {
  auto run = [](std::vector<std::string> args, const std::string& name) {
    args.insert(args.begin(), TRADENODE_CLI);
    tn::test::child_process cli{args, "venue_test_" + name + ".out"};
    REQUIRE(cli.started());
    auto code = cli.wait();
    return std::make_pair(code, cli.output());
  };
  auto no_port = run({"venue"}, "no_port");
  CHECK(no_port.first == 2);
  CHECK(no_port.second.find("venue needs --port N") != std::string::npos);
  auto bad = run({"venue", "--port", "0", "--config",
                  write_file("bad.json", R"({"venue": "SIM", "balance": []})")},
                 "bad_config");
  CHECK(bad.first == 2);
  CHECK(bad.second.find("settings.balance: unknown key") != std::string::npos);
  CHECK(run({"run", "--config", "x.json", "--port", "1"}, "port_on_run").first == 2);
}

TEST_CASE("a node killed with SIGKILL restarts and finds its orders at the venue process") {
  venue_process venue{write_file("venue_kill.json", venue_settings)};
  auto address = "127.0.0.1:" + std::to_string(venue.port);
  auto config = write_file("node_kill.json", R"({
    "logging": {"level": "info"},
    "data_clients": {"SYNTH": {"factory": "synthetic", "settings": {
      "rate": 200, "seed": 3, "instruments_file": ")" TRADENODE_EXAMPLES_DIR R"(/instruments.json"}}},
    "exec_clients": {"SIM": {"factory": "sandbox", "settings": {"connect": ")"
                                                 + address + R"("}}},
    "strategies": [{"type": "market_maker", "id": "MarketMaker-001",
      "settings": {"instrument_id": "BTCUSDT.SIM", "trade_size": "0.010", "offset_ticks": 0}}]
  })");
  {
    tn::test::child_process node{{TRADENODE_CLI, "run", "--config", config},
                                 "venue_test_killed_node.out"};
    REQUIRE(node.started());
    // Killed mid-run, without a stop: its resting quotes stay open at the venue.
    REQUIRE(tn::test::wait_until(
      [&] { return node.output().find(" filled ") != std::string::npos; }, 60s));
    node.signal(SIGKILL);
    CHECK(node.wait() == 128 + SIGKILL);
  }
  tn::test::child_process again{{TRADENODE_CLI, "run", "--config", config, "--duration", "1"},
                                "venue_test_restarted_node.out"};
  REQUIRE(again.started());
  auto code = again.wait();
  auto out = again.output();
  INFO("restarted node's output:\n" << out);
  CHECK(code == 0);
  std::smatch match;
  std::regex reconciled{"Reconciliation with client SIM: ([0-9]+) order\\(s\\), ([0-9]+) fill"};
  REQUIRE(std::regex_search(out, match, reconciled));
  CHECK(std::stoi(match[1].str()) >= 2); // the two sides of the first quote at least
  CHECK(std::stoi(match[2].str()) >= 1);
  CHECK(out.find("external order") != std::string::npos);
  venue.process.signal(SIGTERM);
  CHECK(venue.process.wait() == 0);
}
