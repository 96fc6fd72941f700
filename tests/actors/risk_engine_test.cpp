#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "message_samples.hpp"
#include "shorthands.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/risk_engine.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

// A risk engine in front of a real execution engine with one scripted client
// SIM; strategy ALPHA-001's events are recorded.
struct risk_engine_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::shared_ptr<tn::test::received_execution_events> alpha
    = std::make_shared<tn::test::received_execution_events>();
  tn::exec_engine_actor exec;
  tn::data_engine_actor data;
  tn::risk_engine_actor risk;
  tn::exec_client_actor client;
  tn::data_client_actor feed;
  int next_order = 0;

  void spawn(tn::risk_engine_config checks) {
    auto log = std::make_shared<spdlog::logger>("Engines", logs);
    exec = sys.spawn(tn::exec_engine, log, clock, tn::trader_id::of("TRADER-001"), tn::journal_config{},
                     tn::exec_engine_config{});
    data = sys.spawn(tn::data_engine, log, clock, tn::data_engine_config{});
    risk = sys.spawn(tn::risk_engine, log, clock, exec, data, std::move(checks));
    tn::test::client_script script;
    script.record = record;
    nlohmann::json settings = nlohmann::json::object();
    auto id = tn::client_id::of("SIM");
    client = *tn::test::scripted_exec_client(script)(
      tn::client_context{sys, id, settings, log, {}, exec, {}});
    feed = *tn::test::scripted_data_client(script)(
      tn::client_context{sys, id, settings, log, data, {}, {}});
    auto btc = tn::test::test_instrument("BTCUSDT", "SIM");
    btc.min_quantity = tn::quantity::of("0.010");
    btc.max_quantity = tn::quantity::of("5.000");
    std::vector<tn::instrument> xs{btc};
    caf::anon_send(exec, caf::add_atom_v, id, tn::venue::of("SIM"), client);
    caf::anon_send(exec, caf::add_atom_v, xs);
    caf::anon_send(exec, caf::add_atom_v, tn::execution_listener_actor{risk});
    caf::anon_send(data, caf::add_atom_v, id, feed);
    caf::anon_send(data, caf::add_atom_v, id, xs);
    caf::anon_send(risk, caf::add_atom_v, xs);
    caf::anon_send(exec, caf::add_atom_v, tn::strategy_id::of("ALPHA-001"),
                   tn::test::recording_execution_sink(sys, alpha));
    sched.run();
  }

  ~risk_engine_fixture() {
    for (auto x : {caf::actor_cast<caf::actor>(client), caf::actor_cast<caf::actor>(feed),
                   caf::actor_cast<caf::actor>(risk), caf::actor_cast<caf::actor>(data),
                   caf::actor_cast<caf::actor>(exec)})
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    sched.run();
  }

  tn::submit_order order(tn::order_side side, const char* qty, const char* px,
                         const char* instrument = "BTCUSDT.SIM") {
    auto init = tn::test::sample_order_initialized();
    init.strategy_id = tn::strategy_id::of("ALPHA-001");
    init.client_order_id = tn::client_order_id::of("O-" + std::to_string(++next_order));
    init.instrument_id = tn::instrument_id::of(instrument);
    init.side = side;
    init.order_type = tn::order_type::limit;
    init.quantity = tn::quantity::of(qty);
    init.price = tn::price::of(px);
    init.trigger_price = caf::none;
    init.time_in_force = tn::time_in_force::gtc;
    init.post_only = false;
    init.reduce_only = false;
    return {init.trader_id, init.strategy_id, init, caf::none, caf::none, tn::uuid4{}, 0};
  }

  // Submits `cmd` through the risk engine; returns the denial reason, or "" if it reached the client.
  std::string submit(const tn::submit_order& cmd) {
    auto before = record->events().size();
    caf::anon_send(risk, cmd);
    sched.run();
    if (record->events().size() > before)
      return "";
    auto& last = alpha->orders.back();
    REQUIRE(caf::holds_alternative<tn::order_denied>(last));
    return caf::get<tn::order_denied>(last).reason;
  }

  void fill(const tn::submit_order& cmd, const char* trade) {
    auto x = tn::test::sample_event<tn::order_filled>(20);
    x.strategy_id = cmd.strategy_id;
    x.instrument_id = cmd.order.instrument_id;
    x.client_order_id = cmd.order.client_order_id;
    x.trade_id = tn::trade_id::of(trade);
    x.side = cmd.order.side;
    x.last_qty = cmd.order.quantity;
    x.last_px = *cmd.order.price;
    x.commission = tn::money::of("0.00000000 USDT");
    for (tn::order_event ev : {tn::order_event{tn::test::sample_event<tn::order_submitted>(3)},
                               tn::order_event{tn::test::sample_event<tn::order_accepted>(4)},
                               tn::order_event{x}}) {
      caf::visit(
        [&](auto& e) {
          e.strategy_id = cmd.strategy_id;
          e.instrument_id = cmd.order.instrument_id;
          e.client_order_id = cmd.order.client_order_id;
        },
        ev);
      caf::anon_send(exec, ev);
    }
    sched.run();
  }
};

using tn::test::buy;
using tn::test::sell;

} // namespace

TEST_CASE_FIXTURE(risk_engine_fixture, "risk engine denies each failed check with its reason") {
  tn::risk_engine_config risk_cfg;
  risk_cfg.max_notional_per_order[tn::instrument_id::of("BTCUSDT.SIM")]
    = tn::money::amount_type::of("1000");
  spawn(risk_cfg);
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  CHECK_EQ(submit(order(buy, "1.000", "100.00", "XRPUSDT.SIM")),
           "unknown instrument XRPUSDT.SIM");
  CHECK_EQ(submit(order(buy, "1.0005", "100.00")),
           "quantity 1.0005 does not fit size increment 0.001 of BTCUSDT.SIM");
  CHECK_EQ(submit(order(buy, "0.005", "100.00")),
           "quantity 0.005 below min_quantity 0.010 of BTCUSDT.SIM");
  CHECK_EQ(submit(order(buy, "6.000", "100.00")),
           "quantity 6.000 above max_quantity 5.000 of BTCUSDT.SIM");
  CHECK_EQ(submit(order(buy, "1.000", "100.005")),
           "price 100.005 does not fit price increment 0.01 of BTCUSDT.SIM");
  auto stop = order(buy, "1.000", "100.00");
  stop.order.order_type = tn::order_type::stop_limit;
  stop.order.trigger_price = tn::price::of("99.999");
  CHECK_EQ(submit(stop), "trigger_price 99.999 does not fit price increment 0.01 of BTCUSDT.SIM");
  CHECK_EQ(submit(order(buy, "5.000", "300.00")),
           "notional 1500.00000000 USDT above max_notional_per_order 1000 for BTCUSDT.SIM");
  auto reduce = order(sell, "1.000", "100.00");
  reduce.order.reduce_only = true;
  CHECK_EQ(submit(reduce), "reduce-only order would increase the position");
}

TEST_CASE_FIXTURE(risk_engine_fixture,
                  "risk engine values market orders at the touch for the notional limit") {
  tn::risk_engine_config risk_cfg;
  risk_cfg.max_notional_per_order[tn::instrument_id::of("BTCUSDT.SIM")]
    = tn::money::amount_type::of("1000");
  spawn(risk_cfg);
  // The limit made the risk engine subscribe to the instrument's quotes.
  CHECK_EQ(record->events(), std::vector<std::string>{"SIM subscribe QUOTES BTCUSDT.SIM"});
  auto market = [this](tn::order_side side, const char* qty) {
    auto cmd = order(side, qty, "1.00");
    cmd.order.order_type = tn::order_type::market;
    cmd.order.price = caf::none;
    return cmd;
  };
  CHECK_EQ(submit(market(buy, "1.000")),
           "no quote of BTCUSDT.SIM to check max_notional_per_order");
  caf::anon_send(data, tn::quote_tick{tn::instrument_id::of("BTCUSDT.SIM"),
                                      tn::price::of("150.00"), tn::price::of("300.00"),
                                      tn::quantity::of("1"), tn::quantity::of("1"), 1, 1});
  sched.run();
  CHECK_EQ(submit(market(buy, "4.000")),
           "notional 1200.00000000 USDT above max_notional_per_order 1000 for BTCUSDT.SIM");
  CHECK_EQ(submit(market(sell, "4.000")), ""); // 4 * 150 at the bid
  CHECK_EQ(submit(market(buy, "3.000")), "");
}

TEST_CASE_FIXTURE(risk_engine_fixture,
                  "risk engine trading states HALTED and REDUCING deny what they must") {
  spawn({});
  auto opening = order(buy, "2.000", "100.00");
  REQUIRE_EQ(submit(opening), "");
  fill(opening, "T-1");
  self->send(risk, caf::put_atom_v, tn::trading_state::reducing);
  sched.run();
  REQUIRE(take_reply<caf::ok_atom>());
  CHECK_EQ(submit(order(buy, "1.000", "100.00")),
           "trading state is REDUCING and the order would increase the position");
  CHECK_EQ(submit(order(sell, "3.000", "100.00")),
           "trading state is REDUCING and the order would increase the position");
  auto reduce = order(sell, "1.000", "100.00");
  reduce.order.reduce_only = true;
  CHECK_EQ(submit(reduce), "");
  self->send(risk, caf::put_atom_v, tn::trading_state::halted);
  sched.run();
  REQUIRE(take_reply<caf::ok_atom>());
  CHECK_EQ(submit(order(sell, "1.000", "100.00")), "trading state is HALTED");
}

TEST_CASE_FIXTURE(risk_engine_fixture, "risk engine limits the submit rate on the node clock") {
  tn::risk_engine_config risk_cfg;
  risk_cfg.max_order_submit = *tn::rate_limit::parse("2/00:00:01");
  spawn(risk_cfg);
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  advance(400ms);
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "submit rate above 2/00:00:01");
  advance(600ms); // the first submit leaves the window
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "submit rate above 2/00:00:01");
}

TEST_CASE_FIXTURE(risk_engine_fixture,
                  "on recorded data the submit rate counts the data's time, not the wall's") {
  // The data clock of a replay at speed 0: it moves only with the events.
  clock = tn::node_clock::data(sched.clock(), clock_start);
  tn::risk_engine_config risk_cfg;
  risk_cfg.max_order_submit = *tn::rate_limit::parse("2/00:00:01");
  spawn(risk_cfg);
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
  advance(10s); // wall time passes, data time does not
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "submit rate above 2/00:00:01");
  clock->step_to(clock_start + 1'000'000'000); // the next event, a data second later
  CHECK_EQ(submit(order(buy, "1.000", "100.00")), "");
}

TEST_CASE_FIXTURE(risk_engine_fixture,
                  "risk engine rejects a modify over the modify rate with order_modify_rejected") {
  tn::risk_engine_config risk_cfg;
  risk_cfg.max_order_modify = *tn::rate_limit::parse("1/00:01:00");
  spawn(risk_cfg);
  auto cmd = order(buy, "1.000", "100.00");
  REQUIRE_EQ(submit(cmd), "");
  tn::modify_order modify{cmd.trader_id, cmd.strategy_id, cmd.order.instrument_id,
                          cmd.order.client_order_id, caf::none, caf::none,
                          tn::price::of("101.00"), caf::none, caf::none, tn::uuid4{}, 0};
  caf::anon_send(risk, modify);
  caf::anon_send(risk, modify);
  modify.price = tn::price::of("101.001");
  caf::anon_send(risk, modify);
  sched.run();
  auto events = record->events();
  CHECK_EQ(std::count(events.begin(), events.end(), "SIM modify"), 1);
  auto names = alpha->order_event_names();
  REQUIRE_EQ(names.size(), 3u);
  CHECK_EQ(caf::get<tn::order_modify_rejected>(alpha->orders[1]).reason,
           "modify rate above 1/00:01:00");
  CHECK_EQ(caf::get<tn::order_modify_rejected>(alpha->orders[2]).reason,
           "price 101.001 does not fit price increment 0.01 of BTCUSDT.SIM");
}

TEST_CASE_FIXTURE(risk_engine_fixture, "risk engine bypass lets every submit through") {
  tn::risk_engine_config risk_cfg;
  risk_cfg.bypass = true;
  spawn(risk_cfg);
  CHECK_EQ(submit(order(buy, "1.0005", "100.005")), "");
}

TEST_CASE("rate limits parse NautilusTrader's form and name bad text") {
  auto x = tn::rate_limit::parse("100/00:00:01");
  REQUIRE(x);
  CHECK_EQ(x->limit, 100u);
  CHECK_EQ(x->interval, caf::timespan{1s});
  CHECK_EQ(to_string(*tn::rate_limit::parse("5/01:02:03")), "5/01:02:03");
  for (auto bad : {"100", "0/00:00:01", "10/00:00:00", "10/0:00:01", "x/00:00:01",
                   "10/00:61:00"}) {
    auto result = tn::rate_limit::parse(bad);
    REQUIRE_FALSE(result);
    CHECK_EQ(tn::context_of(result.error()),
             std::string{"rate \""} + bad
               + "\": expected LIMIT/HH:MM:SS with LIMIT > 0 and a non-zero interval");
  }
}
