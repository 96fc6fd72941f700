#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <fstream>

#include <unistd.h>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "scripted_strategy.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/node_actor.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

const std::string data_dir = TRADENODE_TEST_DATA_DIR "/replay/";

// A whole node on the deterministic scheduler: the replay client plays six
// quotes one second apart, the sandbox venue fills, a scripted strategy trades.
struct end_to_end_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::filesystem::path out = std::filesystem::temp_directory_path()
                              / ("tradenode-e2e-" + std::to_string(::getpid()));
  tn::node_config config;
  tn::node_actor node;

  end_to_end_fixture() {
    std::filesystem::remove_all(out);
    config.logging.console = false;
    config.logging.extra_sinks = {logs};
    config.report.output_dir = out.string();
    config.data_clients.emplace(
      tn::client_id::of("REPLAY"),
      tn::client_config{"replay",
                        {},
                        {{"instruments_file", data_dir + "instruments.json"},
                         {"files", {data_dir + "e2e_quotes_BTCUSDT.csv"}},
                         {"speed", 1},
                         {"start_delay_ms", 1000}}});
    config.exec_clients.emplace(
      tn::client_id::of("SIM"),
      tn::client_config{"sandbox",
                        {},
                        {{"balances", {"100000.00000000 USDT", "10.00000000 BTC"}}}});
    config.strategies.push_back({"scripted", tn::strategy_id::of("Scripted-001"), {}, {}});
  }

  ~end_to_end_fixture() {
    if (node) {
      self->send(node, tn::dispose_atom_v);
      sched.run();
      advance(config.timeout_disconnection + 1s);
    }
    std::filesystem::remove_all(out);
  }

  // Buys 1 at the first quote, sells it at the third, sells 2 short at the
  // fourth and buys them back at the fifth: all market orders, taker fills.
  static void trade(tn::test::scripted_strategy& x, const tn::quote_tick& q) {
    static const std::map<std::string, std::pair<tn::order_side, const char*>> plan = {
      {"100.00", {tn::order_side::buy, "1.000"}},
      {"102.00", {tn::order_side::sell, "1.000"}},
      {"101.50", {tn::order_side::sell, "2.000"}},
      {"100.50", {tn::order_side::buy, "2.000"}},
    };
    auto step = plan.find(to_string(q.bid_price));
    if (step == plan.end())
      return;
    // The last quote repeats the fifth: buy back only while the short is open.
    if (step->first == "100.50" && x.position(q.instrument_id) == nullptr)
      return;
    x.submit_order(x.order_factory().market(q.instrument_id, step->second.first,
                                            tn::quantity::of(step->second.second)));
  }

  // The builtin factories and "scripted": a scripted strategy subscribed to
  // BTCUSDT.SIM's quotes, its other hooks set by `script`.
  tn::factory_registry with_scripted(std::function<void(tn::test::scripted_strategy&)> script) {
    auto factories = tn::builtin_factories();
    auto scripted = [this, script](const tn::strategy_context& ctx)
      -> caf::expected<tn::strategy_actor> {
      auto impl = std::make_unique<tn::test::scripted_strategy>(record);
      impl->when_started = [](tn::test::scripted_strategy& x) {
        x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
      };
      script(*impl);
      return tn::spawn_strategy(ctx, std::move(impl));
    };
    REQUIRE_FALSE(factories.add_strategy_factory("scripted", scripted));
    return factories;
  }

  void run_scripted() {
    run_to_the_end(with_scripted([](tn::test::scripted_strategy& x) { x.when_quote = trade; }));
  }

  // Builds the node and asks it to run (run answers when the run ends).
  void start(const tn::factory_registry& factories) {
    node = sys.spawn(tn::node_supervisor, config, factories);
    self->send(node, tn::build_atom_v);
    sched.run();
    REQUIRE(take_reply<caf::ok_atom>());
    self->send(node, tn::run_atom_v);
    sched.run();
  }

  void run_to_the_end(const tn::factory_registry& factories) {
    start(factories);
    // One quote a second after the start delay; let each settle.
    for (int i = 0; i < 7; ++i)
      advance(1s);
    REQUIRE(logs->contains("replay finished: 6 quotes, 0 trades, 0 malformed lines skipped"));
    self->send(node, tn::stop_atom_v);
    sched.run();
  }

  nlohmann::json report() {
    std::ifstream in{out / "latest" / "report.json"};
    REQUIRE(in);
    return nlohmann::json::parse(in);
  }
};

} // namespace

TEST_CASE_FIXTURE(end_to_end_fixture,
                  "a scripted strategy on the sandbox: fills, positions and PnL by hand") {
  run_scripted();
  auto r = report();
  // Fills at the touch: buy at the ask, sell at the bid.
  auto& fills = r["fills"];
  REQUIRE_EQ(fills.size(), 4u);
  std::vector<std::string> prices;
  std::vector<std::string> commissions;
  for (auto& f : fills) {
    prices.push_back(f["side"].get<std::string>() + " " + f["last_qty"].get<std::string>()
                     + " @ " + f["last_px"].get<std::string>());
    commissions.push_back(f["commission"].get<std::string>());
  }
  CHECK_EQ(prices, std::vector<std::string>{"BUY 1.000 @ 100.10", "SELL 1.000 @ 102.00",
                                            "SELL 2.000 @ 101.50", "BUY 2.000 @ 100.60"});
  // Taker fee 0.0004 of the notional: 100.10 * 1, 102.00 * 1, 101.50 * 2, 100.60 * 2.
  CHECK_EQ(commissions, std::vector<std::string>{"0.04004000 USDT", "0.04080000 USDT",
                                                 "0.08120000 USDT", "0.08048000 USDT"});
  // Two lives of the netting position:
  //   long 1:  (102.00 - 100.10) * 1 - 0.04004 - 0.04080 = 1.81916
  //   short 2: (101.50 - 100.60) * 2 - 0.08120 - 0.08048 = 1.63832
  auto& positions = r["positions"];
  REQUIRE_EQ(positions.size(), 2u);
  CHECK_EQ(positions[0]["entry"], "BUY");
  CHECK_EQ(positions[0]["avg_px_open"], "100.10");
  CHECK_EQ(positions[0]["avg_px_close"], "102.00");
  CHECK_EQ(positions[0]["realized_pnl"], "1.81916000 USDT");
  CHECK_EQ(positions[1]["entry"], "SELL");
  CHECK_EQ(positions[1]["avg_px_open"], "101.50");
  CHECK_EQ(positions[1]["realized_pnl"], "1.63832000 USDT");
  CHECK_EQ(positions[1]["side"], "FLAT");
  // The portfolio's total: 1.81916 + 1.63832 = 3.45748, nothing left open.
  REQUIRE_EQ(r["pnl"].size(), 1u);
  CHECK_EQ(r["pnl"][0]["realized_pnl"], "3.45748000 USDT");
  CHECK_EQ(r["summary"]["orders"], 4);
  CHECK_EQ(r["summary"]["market_events"], 6);
  CHECK_EQ(r["summary"]["total_pnl"]["USDT"].get<double>(), doctest::Approx(3.45748));
  CHECK(logs->contains("Run report: "));
  // The status line came every 5 s (the default) while the node ran.
  CHECK(logs->contains("[RunMonitor] Status: "));
  CHECK(logs->contains("total PnL: 3.45748 USDT"));
  // Components are named by their names, not by actor addresses.
  CHECK(logs->contains("Subscribed strategy Scripted-001 to QUOTES BTCUSDT.SIM"));
  CHECK(logs->contains("Subscribed exec client SIM to QUOTES BTCUSDT.SIM"));
  CHECK_FALSE(logs->contains("Subscribed actor "));
  for (auto name : {"orders.csv", "fills.csv", "positions.csv", "equity.svg"})
    CHECK(std::filesystem::exists(out / "latest" / name));
}

TEST_CASE_FIXTURE(end_to_end_fixture, "the market maker example quotes both sides, post-only") {
  config.strategies = {{"market_maker",
                        tn::strategy_id::of("MarketMaker-001"),
                        {{"instrument_id", "BTCUSDT.SIM"},
                         {"trade_size", "1.000"},
                         {"offset_ticks", 0},
                         {"requote_ticks", 2}},
                        {}}};
  run_to_the_end(tn::builtin_factories());
  auto r = report();
  auto& orders = r["orders"];
  REQUIRE_GE(orders.size(), 2u);
  // At the first quote (100.00 / 100.10): a bid at the bid and an offer at the ask.
  CHECK_EQ(orders[0]["side"], "BUY");
  CHECK_EQ(orders[0]["type"], "LIMIT");
  CHECK_EQ(orders[0]["price"], "100.00");
  CHECK_EQ(orders[1]["side"], "SELL");
  CHECK_EQ(orders[1]["price"], "100.10");
  // The next quote's bid (101.00) crosses the resting offer: it fills at its
  // own price as maker (fee 0.0002 * 100.10).
  auto& fills = r["fills"];
  REQUIRE_GE(fills.size(), 1u);
  CHECK_EQ(fills[0]["client_order_id"], orders[1]["client_order_id"]);
  CHECK_EQ(fills[0]["last_px"], "100.10");
  CHECK_EQ(fills[0]["liquidity_side"], "MAKER");
  CHECK_EQ(fills[0]["commission"], "0.02002000 USDT");
  for (auto& o : orders)
    CHECK_NE(o["status"], "DENIED");
}

TEST_CASE_FIXTURE(end_to_end_fixture,
                  "kill cancels every open order, flattens every position and stops") {
  // A strategy that leaves its orders and position alone when stopped: only
  // the emergency cleans up.
  config.strategies[0].options = tn::strategy_options{false, false};
  start(with_scripted([](tn::test::scripted_strategy& script) {
    script.when_quote = [](tn::test::scripted_strategy& x, const tn::quote_tick& q) {
      if (to_string(q.bid_price) != "100.00")
        return;
      x.submit_order(x.order_factory().market(q.instrument_id, tn::order_side::buy,
                                              tn::quantity::of("1.000")));
      x.submit_order(x.order_factory().limit(q.instrument_id, tn::order_side::buy,
                                             tn::quantity::of("0.500"), tn::price::of("90.00")));
    };
  }));
  advance(1s); // the first quote: long 1, a bid resting at 90
  REQUIRE(logs->contains("Position BTCUSDT.SIM-Scripted-001 OPENED: LONG 1.000"));
  self->send(node, tn::kill_atom_v, true);
  sched.run();
  CHECK(take_reply<caf::ok_atom>()); // run's answer
  CHECK(take_reply<caf::ok_atom>()); // kill's: the node stopped
  CHECK(logs->contains("Emergency kill: canceling every open order, flattening every "
                       "position, then stopping"));
  CHECK(logs->contains("Emergency: canceling 1 open order(s) and flattening every position"));
  CHECK(logs->contains("Emergency: closing SELL 1.000 of BTCUSDT.SIM with KILL-"));
  CHECK(logs->contains("Stop step kill_orders done"));
  auto r = report();
  for (auto& o : r["orders"])
    CHECK_MESSAGE(o["status"] != "ACCEPTED", o.dump());
  CHECK_EQ(r["orders"].size(), 3u);
  CHECK_EQ(r["positions"].back()["side"], "FLAT");
  CHECK(logs->contains("3 orders (0 open at the end)"));
}

TEST_CASE_FIXTURE(end_to_end_fixture,
                  "kill cancels an order a strategy sent while stopping, however fast it is") {
  // The strategy's last order goes to the risk engine as it answers its stop;
  // the node then runs first, whenever it can: its kill must still land
  // behind that order (CI once saw it overtake, leaving the order open).
  config.strategies[0].options = tn::strategy_options{false, false};
  start(with_scripted([](tn::test::scripted_strategy& script) {
    script.when_stopped = [](tn::test::scripted_strategy& x) {
      x.submit_order(x.order_factory().limit(tn::instrument_id::of("BTCUSDT.SIM"),
                                             tn::order_side::buy, tn::quantity::of("0.500"),
                                             tn::price::of("90.00")));
    };
  }));
  advance(1s); // the first quote
  self->send(node, tn::kill_atom_v, false);
  while (sched.has_job()) {
    sched.prioritize(node);
    sched.run_once();
  }
  sched.run();
  CHECK(take_reply<caf::ok_atom>()); // run's answer
  CHECK(take_reply<caf::ok_atom>()); // kill's
  auto r = report();
  REQUIRE_EQ(r["orders"].size(), 1u);
  CHECK_EQ(r["orders"][0]["status"], "CANCELED");
  CHECK(logs->contains("Emergency: canceling 1 open order(s)"));
}

TEST_CASE_FIXTURE(end_to_end_fixture,
                  "a graceful stop waits for the venue's answers to the cancels it sent") {
  // The venue answers 100 ms after a command arrives. The strategy's bid is
  // not yet accepted when the stop cancels it, so the venue's accept comes
  // first and its cancel 60 ms later: the stop must wait for that one too
  // (the kill loop found the journal left ACCEPTED when it did not).
  config.exec_clients.at(tn::client_id::of("SIM")).settings["latency_ms"] = 100;
  start(with_scripted([](tn::test::scripted_strategy& script) {
    script.when_quote = [](tn::test::scripted_strategy& x, const tn::quote_tick& q) {
      if (to_string(q.bid_price) == "100.00")
        x.submit_order(x.order_factory().limit(q.instrument_id, tn::order_side::buy,
                                               tn::quantity::of("0.500"),
                                               tn::price::of("90.00")));
    };
  }));
  advance(1s); // the first quote: the bid goes out
  advance(60ms);
  self->send(node, tn::stop_atom_v);
  sched.run();
  REQUIRE(logs->contains("Canceling 1 open order(s) of Scripted-001 on BTCUSDT.SIM"));
  advance(40ms); // the venue accepts the bid
  CHECK_FALSE(logs->contains("Stop step await_inflight done"));
  advance(60ms); // and cancels it
  CHECK(logs->contains("Stop step await_inflight done"));
  CHECK(take_reply<caf::ok_atom>()); // run's answer
  CHECK(take_reply<caf::ok_atom>()); // stop's
  auto r = report();
  REQUIRE_EQ(r["orders"].size(), 1u);
  CHECK_EQ(r["orders"][0]["status"], "CANCELED");
}

TEST_CASE_FIXTURE(end_to_end_fixture,
                  "a stop whose cancel is never answered gives up after post_stop, naming it") {
  // A venue 60 s away: the cancel's answer cannot come within post_stop.
  config.exec_clients.at(tn::client_id::of("SIM")).settings["latency_ms"] = 60000;
  config.timeout_post_stop = 2s;
  start(with_scripted([](tn::test::scripted_strategy& script) {
    script.when_quote = [](tn::test::scripted_strategy& x, const tn::quote_tick& q) {
      if (to_string(q.bid_price) == "100.00")
        x.submit_order(x.order_factory().limit(q.instrument_id, tn::order_side::buy,
                                               tn::quantity::of("0.500"),
                                               tn::price::of("90.00")));
    };
  }));
  advance(1s);
  self->send(node, tn::stop_atom_v);
  sched.run();
  advance(1900ms);
  CHECK_FALSE(logs->contains("Stop step await_inflight"));
  advance(100ms);
  CHECK(logs->contains("Stop step await_inflight: tradenode: timeout (gave up waiting for 1 "
                       "order(s) with unanswered commands: submit of O-"));
  CHECK(logs->contains(", cancel of O-"));
  CHECK(take_reply<caf::ok_atom>()); // run's answer: the stop went on
  CHECK(take_reply<caf::ok_atom>());
}

TEST_CASE_FIXTURE(end_to_end_fixture, "a replay stops the node at the end of its data") {
  start(with_scripted([](tn::test::scripted_strategy&) {}));
  advance(3s);
  CHECK_FALSE(take_reply<caf::ok_atom>()); // quotes are still to come
  for (int i = 0; i < 10 && !logs->contains("replay finished"); ++i)
    advance(1s);
  REQUIRE(logs->contains("replay finished: 6 quotes"));
  CHECK(logs->contains("The data of REPLAY ended: stopping"));
  CHECK(take_reply<caf::ok_atom>()); // run's answer, without a stop
  CHECK_EQ(report()["summary"]["market_events"], 6);
}

TEST_CASE_FIXTURE(end_to_end_fixture, "a replay with stop_at_end false leaves the node running") {
  config.data_clients.at(tn::client_id::of("REPLAY")).settings["stop_at_end"] = false;
  start(with_scripted([](tn::test::scripted_strategy&) {}));
  for (int i = 0; i < 10; ++i)
    advance(1s);
  REQUIRE(logs->contains("replay finished: 6 quotes"));
  CHECK_FALSE(logs->contains("ended: stopping"));
  CHECK_FALSE(take_reply<caf::ok_atom>());
  self->send(node, tn::stop_atom_v);
  sched.run();
  CHECK(take_reply<caf::ok_atom>());
}

TEST_CASE_FIXTURE(end_to_end_fixture, "kill before build is an error naming it") {
  node = sys.spawn(tn::node_supervisor, config, tn::builtin_factories());
  self->send(node, tn::kill_atom_v, false);
  sched.run();
  auto early = take_reply<caf::ok_atom>();
  REQUIRE_FALSE(early);
  CHECK(early.error() == caf::make_error(tn::errc::not_built));
  CHECK(tn::context_of(early.error()) == "kill: the node is not built");
}
