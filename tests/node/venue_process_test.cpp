#include <doctest/doctest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>

#include "child_process.hpp"
#include "journaled_orders.hpp"
#include "log_capture.hpp"
#include "redis_server.hpp"
#include "scripted_strategy.hpp"
#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/adapters/redis/redis_journal.hpp"
#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"
#include "tradenode/messages/order.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/trading_node.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

std::string write_venue_file(const std::string& name, const std::string& text) {
  auto path = "venue_test_" + name;
  std::ofstream{path} << text;
  return path;
}

// A `tradenode venue --port 0` process and the port it chose.
struct venue_process {
  tn::test::child_process process;
  uint16_t port = 0;

  explicit venue_process(const std::string& config, uint16_t wanted_port = 0,
                         const std::string& output = "venue_test_venue.out")
    : process({TRADENODE_CLI, "venue", "--port", std::to_string(wanted_port), "--config", config},
              output) {
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

using quote_action = std::function<void(tn::test::scripted_strategy&, const tn::quote_tick&)>;

// Buys 0.100 at market at the first quote.
void buy_once(tn::test::scripted_strategy& x, const tn::quote_tick& q) {
  if (x.orders().empty())
    x.submit_order(
      x.order_factory().market(q.instrument_id, tn::order_side::buy, tn::quantity::of("0.100")));
}

// Keeps one bid resting far below the market: a new one whenever none is open.
void rest_one_bid(tn::test::scripted_strategy& x, const tn::quote_tick& q) {
  for (auto& [id, o] : x.orders())
    if (!o.is_closed())
      return;
  x.submit_order(x.order_factory().limit(q.instrument_id, tn::order_side::buy,
                                         tn::quantity::of("0.100"), tn::price::of("1.00")));
}

// A node whose synthetic feed quotes BTCUSDT.SIM and whose sandbox client
// connects to `address`; its strategy runs `on_quote` at every quote.
struct remote_node {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::unique_ptr<tn::trading_node> node;

  remote_node(const std::string& address, quote_action on_quote) {
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
      "scripted",
      [log, on_quote](const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
        auto impl = std::make_unique<tn::test::scripted_strategy>(log);
        impl->when_started = [](tn::test::scripted_strategy& x) {
          x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
        };
        impl->when_quote = on_quote;
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
  venue_process venue{write_venue_file("venue.json", venue_settings)};
  auto address = "127.0.0.1:" + std::to_string(venue.port);
  {
    remote_node first{address, buy_once};
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
    remote_node second{address, nullptr};
    second.node->build();
    auto done = second.node->run_async();
    REQUIRE(tn::test::wait_until(
      // The portfolio's step comes after the reconciliation's.
      [&] { return second.logs->contains("Start step initialize_portfolio done"); }, 60s));
    std::string reconciliation;
    for (auto& line : second.logs->lines())
      if (line.find("Reconciliation") != std::string::npos
          || line.find("Portfolio initialized") != std::string::npos)
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

TEST_CASE("a venue process that dies and comes back: the node reconnects, reconciles, trades") {
  auto settings = write_venue_file("venue_back.json", venue_settings);
  auto venue = std::make_unique<venue_process>(settings, 0, "venue_test_back_1.out");
  auto port = venue->port;
  auto address = "127.0.0.1:" + std::to_string(port);
  remote_node node{address, rest_one_bid};
  node.node->build();
  auto done = node.node->run_async();
  REQUIRE(tn::test::wait_until([&] { return node.recorded("accepted "); }, 60s));
  // The venue dies with the bid resting there; the node runs on without it.
  venue->process.signal(SIGKILL);
  CHECK(venue->process.wait() == 128 + SIGKILL);
  REQUIRE(tn::test::wait_until(
    [&] { return node.logs->contains("Sandbox: lost the venue at " + address); }, 60s));
  CHECK(node.logs->contains("Reconnecting to the venue at " + address + " in 500 ms"));
  // A new venue process on the same port starts empty: the node reaches it,
  // reconciles (the bid it lost is canceled) and rests a new bid there.
  venue = std::make_unique<venue_process>(settings, port, "venue_test_back_2.out");
  REQUIRE(tn::test::wait_until(
    [&] { return node.logs->contains("Sandbox: the venue at " + address + " is back"); }, 60s));
  REQUIRE(tn::test::wait_until([&] { return node.recorded("canceled "); }, 60s));
  REQUIRE(tn::test::wait_until(
    [&] {
      auto events = node.record->events();
      return std::count_if(events.begin(), events.end(),
                           [](const std::string& x) { return x.rfind("accepted ", 0) == 0; })
             >= 2;
    },
    60s));
  CHECK(node.logs->contains("Reconciliation with client SIM: 0 order(s), 0 fill(s)"));
  CHECK(node.logs->contains("Reconciliation: 1 open order(s) unknown at their venue "
                            "closed"));
  node.node->stop();
  done.get();
  node.node->dispose();
  CHECK(venue->process.output().find("Sandbox: a client attached to venue SIM")
        != std::string::npos);
  venue->process.signal(SIGTERM);
  CHECK(venue->process.wait() == 0);
}

TEST_CASE("a submit while the venue process is away is rejected for the venue's account") {
  // An account id other than the client's default "SIM-001": the client
  // learns it from the venue, and its own rejections carry it (an empty one
  // made the journal refuse the record when the node restarted).
  auto settings = write_venue_file("venue_away.json", R"({"venue": "SIM", "account_id": "SIM-MAIN",
    "balances": ["1000000.00000000 USDT", "10.00000000 BTC"]})");
  auto venue = std::make_unique<venue_process>(settings, 0, "venue_test_away.out");
  auto address = "127.0.0.1:" + std::to_string(venue->port);
  auto away = std::make_shared<std::atomic<bool>>(false);
  remote_node node{address, [away](tn::test::scripted_strategy& x, const tn::quote_tick& q) {
                     if (*away && x.orders().empty())
                       x.submit_order(x.order_factory().limit(q.instrument_id, tn::order_side::buy,
                                                              tn::quantity::of("0.100"),
                                                              tn::price::of("1.00")));
                   }};
  node.node->build();
  auto done = node.node->run_async();
  REQUIRE(tn::test::wait_until([&] { return node.logs->contains("TradingNode STARTING -> RUNNING"); },
                               60s));
  venue->process.signal(SIGKILL);
  CHECK(venue->process.wait() == 128 + SIGKILL);
  REQUIRE(tn::test::wait_until(
    [&] { return node.logs->contains("Sandbox: lost the venue at " + address); }, 60s));
  *away = true;
  REQUIRE(tn::test::wait_until([&] { return node.recorded("rejected "); }, 60s));
  auto events = node.record->events();
  auto rejected = std::find_if(events.begin(), events.end(),
                               [](const std::string& x) { return x.rfind("rejected ", 0) == 0; });
  CHECK_NE(rejected->find(" for SIM-MAIN: the venue at " + address + " is unreachable"),
           std::string::npos);
  node.node->stop();
  done.get();
  node.node->dispose();
}

TEST_CASE("a node whose venue process is not there fails its run naming the address") {
  // Port 1 on loopback: nothing listens there.
  remote_node node{"127.0.0.1:1", nullptr};
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
  CHECK(no_port.second.find("--port is required") != std::string::npos);
  auto bad = run({"venue", "--port", "0", "--config",
                  write_venue_file("bad.json", R"({"venue": "SIM", "balance": []})")},
                 "bad_config");
  CHECK(bad.first == 2);
  CHECK(bad.second.find("settings.balance: unknown key") != std::string::npos);
  CHECK(run({"run", "--config", "x.json", "--port", "1"}, "port_on_run").first == 2);
}

TEST_CASE("a node killed with SIGKILL restarts and finds its orders at the venue process") {
  venue_process venue{write_venue_file("venue_kill.json", venue_settings)};
  auto address = "127.0.0.1:" + std::to_string(venue.port);
  auto config = write_venue_file("node_kill.json", R"({
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

namespace {

// What the venue process holds now: its mass status, asked over the wire.
tn::execution_mass_status venue_status(uint16_t port) {
  caf::actor_system_config cfg;
  tn::register_types(cfg);
  cfg.load<caf::io::middleman>();
  caf::actor_system sys{cfg};
  auto venue = sys.middleman().remote_actor<tn::sandbox::sandbox_exec_client_actor>("127.0.0.1",
                                                                                   port);
  REQUIRE(venue);
  tn::execution_mass_status result;
  caf::scoped_actor self{sys};
  self->request(*venue, 30s, caf::get_atom_v, tn::mass_status_atom_v)
    .receive([&](tn::execution_mass_status& x) { result = std::move(x); },
             [](caf::error& err) { FAIL(to_string(err)); });
  return result;
}

unsigned env_or(const char* name, unsigned fallback) {
  auto* x = std::getenv(name);
  return x ? static_cast<unsigned>(std::stoul(x)) : fallback;
}

// SIGKILLs a node at random moments of its runs against one venue process,
// `kills` times, restarting it from its journal (`persistence`, the config
// section; `journal`, the same for reading it back), then checks that the
// journal ends with the venue's orders, fills and positions. The seed can be
// set (TRADENODE_KILL_SEED).
void kill_loop(const std::string& name, const std::string& persistence,
               const tn::journal_config& journal, unsigned kills) {
  auto seed = env_or("TRADENODE_KILL_SEED", std::random_device{}());
  INFO("TRADENODE_KILL_SEED=" << seed << " kills=" << kills);
  std::mt19937 rng{seed};
  venue_process venue{write_venue_file(name + "_venue.json", venue_settings), 0,
                      "venue_test_" + name + "_venue.out"};
  auto address = "127.0.0.1:" + std::to_string(venue.port);
  auto config = write_venue_file(name + "_node.json", R"({
    "logging": {"level": "info"},
    "persistence": )" + persistence + R"(,
    "data_clients": {"SYNTH": {"factory": "synthetic", "settings": {
      "rate": 200, "seed": 5, "instruments_file": ")" TRADENODE_EXAMPLES_DIR R"(/instruments.json"}}},
    "exec_clients": {"SIM": {"factory": "sandbox", "settings": {"connect": ")"
                                                 + address + R"("}}},
    "strategies": [{"type": "market_maker", "id": "MarketMaker-001",
      "settings": {"instrument_id": "BTCUSDT.SIM", "trade_size": "0.010", "offset_ticks": 0}}]
  })");
  unsigned killed_trading = 0;
  unsigned held_early = 0;
  unsigned refusing = 0;
  for (unsigned i = 0; i < kills; ++i) {
    tn::test::child_process node{{TRADENODE_CLI, "run", "--config", config},
                                 "venue_test_" + name + "_node.out"};
    REQUIRE(node.started());
    REQUIRE(tn::test::wait_until(
      [&] { return node.output().find("STARTING -> RUNNING") != std::string::npos; }, 60s));
    // The fault: a random moment in the first 400 ms of trading.
    std::this_thread::sleep_for(std::chrono::milliseconds{rng() % 400});
    node.signal(SIGKILL);
    REQUIRE(node.wait() == 128 + SIGKILL);
    auto out = node.output();
    killed_trading += out.find(" filled ") != std::string::npos ? 1 : 0;
    INFO("run " << i << ":\n" << out);
    // No journal record refused, nothing the venue holds unknown here, no
    // fill left unbooked, no venue event refused. (A venue event for an order
    // whose own events died with the last run may come before the
    // reconciliation, and be newer than the venue's report: it is held and
    // applied after it; the comparison below checks the outcome.)
    CHECK(out.find("does not apply") == std::string::npos);
    CHECK(out.find("not booked") == std::string::npos);
    CHECK(out.find(" 0 external order(s) adopted") != std::string::npos);
    held_early += out.find("held until reconciliation") != std::string::npos ? 1 : 0;
    refusing += std::regex_search(out, std::regex{"Event \\S+ refused"}) ? 1 : 0;
  }
  // The last run stops cleanly once it has reconciled and runs: not after a
  // fixed duration, which a long journal read under a sanitizer can use up
  // while the node is still starting.
  tn::test::child_process last{{TRADENODE_CLI, "run", "--config", config},
                               "venue_test_" + name + "_last.out"};
  REQUIRE(last.started());
  REQUIRE(tn::test::wait_until(
    [&] { return last.output().find("STARTING -> RUNNING") != std::string::npos; }, 120s));
  last.signal(SIGTERM);
  auto code = last.wait();
  INFO("last run:\n" << last.output());
  REQUIRE(code == 0);
  auto status = venue_status(venue.port);
  auto mine = tn::test::read_journal_orders(journal);
  // Every venue order is in the journal with the venue's status and fills.
  size_t compared = 0;
  for (auto& r : status.order_reports) {
    REQUIRE(r.client_order_id);
    auto i = mine.orders.find(r.client_order_id->value());
    REQUIRE_MESSAGE(i != mine.orders.end(), r.client_order_id->value());
    CHECK_MESSAGE(i->second.status() == r.status, r.client_order_id->value());
    CHECK_MESSAGE(i->second.filled_qty() == r.filled_qty, r.client_order_id->value());
    ++compared;
  }
  // Every venue fill was applied exactly once, and no other.
  std::map<std::string, int> venue_fills;
  for (auto& f : status.fill_reports)
    ++venue_fills[f.trade_id.value()];
  CHECK(mine.fills_by_trade == venue_fills);
  int64_t venue_net = 0;
  for (auto& p : status.position_reports)
    venue_net += p.side == tn::position_side::short_side ? -p.quantity.raw() : p.quantity.raw();
  CHECK(mine.net_raw == venue_net);
  MESSAGE("kill loop (" << journal.where() << "): " << kills << " kills (" << killed_trading
                        << " after a fill, " << held_early
                        << " restarts held an event until reconciling, " << refusing
                        << " refused one), " << compared << " venue orders, "
                        << venue_fills.size() << " fills, all equal, none duplicated; net "
                        << "position raw " << venue_net);
  venue.process.signal(SIGTERM);
  CHECK(venue.process.wait() == 0);
}

} // namespace

TEST_CASE("a node killed again and again ends with the venue's orders, fills and positions") {
  // TRADENODE_KILLS sets the count.
  std::filesystem::remove_all("venue_test_state");
  tn::journal_config journal;
  journal.path = "venue_test_state/TRADER-001/journal.jsonl";
  kill_loop("loop", R"({"journal": true, "state_dir": "venue_test_state", "fsync": "off"})",
            journal, env_or("TRADENODE_KILLS", 20));
}

TEST_CASE("a node journaling to Redis, killed again and again, ends with the venue's state") {
  // TRADENODE_REDIS_KILLS sets the count.
  tn::test::redis_server server{"venue_test_redis"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto journal = tn::redis_journal_config(server.config(), "tradenode:TRADER-001:journal");
  kill_loop("redis_loop",
            R"({"journal": true, "database": {"type": "redis", "port": )"
              + std::to_string(server.port()) + "}}",
            journal, env_or("TRADENODE_REDIS_KILLS", 20));
}
