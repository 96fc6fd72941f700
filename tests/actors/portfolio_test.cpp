#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "message_samples.hpp"
#include "shorthands.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/portfolio.hpp"

namespace tn = tradenode;

namespace {

// A portfolio behind real data and execution engines, each with a scripted client SIM.
struct portfolio_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  tn::instrument_id btc = tn::instrument_id::of("BTCUSDT.SIM");
  tn::data_engine_actor data;
  tn::exec_engine_actor exec;
  tn::portfolio_actor portfolio;
  std::vector<caf::actor> clients;
  int trades = 0;

  portfolio_fixture() {
    auto log = std::make_shared<spdlog::logger>("Engines", logs);
    data = sys.spawn(tn::data_engine, log, clock, tn::data_engine_config{});
    exec = sys.spawn(tn::exec_engine, log, clock, tn::trader_id::of("TRADER-001"), tn::journal_config{},
                     tn::exec_engine_config{});
    portfolio = sys.spawn(tn::portfolio, log, data);
    tn::test::client_script script;
    script.record = record;
    nlohmann::json settings = nlohmann::json::object();
    auto id = tn::client_id::of("SIM");
    tn::client_context ctx{sys, id, settings, log, data, exec, {}};
    auto feed = *tn::test::scripted_data_client(script)(ctx);
    auto venue = *tn::test::scripted_exec_client(script)(ctx);
    clients = {caf::actor_cast<caf::actor>(feed), caf::actor_cast<caf::actor>(venue)};
    std::vector<tn::instrument> xs{tn::test::test_instrument("BTCUSDT", "SIM")};
    caf::anon_send(data, caf::add_atom_v, id, feed);
    caf::anon_send(data, caf::add_atom_v, id, xs);
    caf::anon_send(exec, caf::add_atom_v, id, tn::venue::of("SIM"), venue);
    caf::anon_send(exec, caf::add_atom_v, xs);
    caf::anon_send(exec, caf::add_atom_v, tn::execution_listener_actor{portfolio});
    caf::anon_send(portfolio, caf::add_atom_v, xs);
    sched.run();
  }

  ~portfolio_fixture() {
    for (auto& x : clients)
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    for (auto x : {caf::actor_cast<caf::actor>(portfolio), caf::actor_cast<caf::actor>(exec),
                   caf::actor_cast<caf::actor>(data)})
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    sched.run();
  }

  // Submits an order of `strategy` and has the venue fill it at once.
  void trade(const char* strategy, tn::order_side side, const char* qty, const char* px,
             const char* fee) {
    auto init = tn::test::sample_order_initialized();
    init.strategy_id = tn::strategy_id::of(strategy);
    init.client_order_id = tn::client_order_id::of("O-" + std::to_string(++trades));
    init.instrument_id = btc;
    init.side = side;
    init.order_type = tn::order_type::market;
    init.quantity = tn::quantity::of(qty);
    init.price = init.trigger_price = caf::none;
    init.post_only = init.reduce_only = false;
    caf::anon_send(exec, tn::submit_order{init.trader_id, init.strategy_id, init, caf::none,
                                          caf::none, tn::uuid4{}, 0});
    auto fill = tn::test::sample_event<tn::order_filled>(20);
    fill.strategy_id = init.strategy_id;
    fill.instrument_id = btc;
    fill.client_order_id = init.client_order_id;
    fill.trade_id = tn::trade_id::of("T-" + std::to_string(trades));
    fill.side = side;
    fill.last_qty = init.quantity;
    fill.last_px = tn::price::of(px);
    fill.commission = tn::money::of(fee);
    for (tn::order_event ev : {tn::order_event{tn::test::sample_event<tn::order_submitted>(3)},
                               tn::order_event{tn::test::sample_event<tn::order_accepted>(4)},
                               tn::order_event{fill}}) {
      caf::visit([&](auto& e) {
        e.strategy_id = init.strategy_id;
        e.instrument_id = btc;
        e.client_order_id = init.client_order_id;
      }, ev);
      caf::anon_send(exec, ev);
    }
    sched.run();
  }

  tn::instrument_pnl pnl() {
    self->send(portfolio, caf::get_atom_v, tn::pnl_atom_v);
    sched.run();
    auto result = take_reply<std::vector<tn::instrument_pnl>>();
    REQUIRE(result);
    REQUIRE_EQ(result->size(), 1u);
    return result->front();
  }
};

std::string text(const caf::optional<tn::money>& x) {
  return x ? to_string(*x) : "none";
}

using tn::test::buy;
using tn::test::sell;

} // namespace

TEST_CASE_FIXTURE(portfolio_fixture,
                  "portfolio sums realized PnL and marks open positions to the last quote") {
  trade("ALPHA-001", buy, "2.000", "100.00", "0.10000000 USDT");
  trade("ALPHA-001", sell, "1.000", "110.00", "0.10000000 USDT"); // realized 10 - 0.2
  trade("BETA-001", sell, "0.500", "105.00", "0.00000000 USDT");
  // The first open position subscribed the portfolio to the instrument's quotes.
  CHECK_EQ(record->events(), std::vector<std::string>{"SIM submit", "SIM subscribe QUOTES BTCUSDT.SIM",
                                                      "SIM submit", "SIM submit"});
  auto before = pnl();
  CHECK_EQ(before.side, tn::position_side::long_side);
  CHECK_EQ(before.quantity, tn::quantity::of("0.5"));
  CHECK_EQ(to_string(before.realized_pnl), "9.80000000 USDT");
  CHECK_EQ(text(before.unrealized_pnl), "none"); // no quote yet
  caf::anon_send(data, tn::quote_tick{btc, tn::price::of("104.00"), tn::price::of("106.00"),
                                      tn::quantity::of("1"), tn::quantity::of("1"), 1, 1});
  sched.run();
  auto marked = pnl();
  // ALPHA long 1 at 100 marked at the bid 104: +4; BETA short 0.5 at 105 at the ask 106: -0.5.
  CHECK_EQ(text(marked.unrealized_pnl), "3.50000000 USDT");
  CHECK_EQ(text(marked.net_exposure), "51.00000000 USDT"); // 104 * 1 - 106 * 0.5
  trade("BETA-001", buy, "0.500", "106.00", "0.00000000 USDT"); // closes BETA: -0.5
  auto after = pnl();
  CHECK_EQ(to_string(after.realized_pnl), "9.30000000 USDT");
  CHECK_EQ(text(after.unrealized_pnl), "4.00000000 USDT");
  CHECK_EQ(text(after.net_exposure), "104.00000000 USDT");
  CHECK_EQ(after.quantity, tn::quantity::of("1"));
}

TEST_CASE_FIXTURE(portfolio_fixture, "portfolio keeps each account's balances per currency") {
  auto usdt = tn::account_balance{tn::money::of("100.00 USDT"), tn::money::of("0.00 USDT"),
                                  tn::money::of("100.00 USDT")};
  auto btc_balance = tn::account_balance{tn::money::of("1.5 BTC"), tn::money::of("0.5 BTC"),
                                         tn::money::of("1.0 BTC")};
  auto account = tn::account_id::of("SIM-001");
  caf::anon_send(exec, tn::account_state{account, tn::venue::of("SIM"), {usdt, btc_balance},
                                         true, tn::uuid4{}, 1, 1});
  auto spent = tn::account_balance{tn::money::of("90.00 USDT"), tn::money::of("0.00 USDT"),
                                   tn::money::of("90.00 USDT")};
  caf::anon_send(exec, tn::account_state{account, tn::venue::of("SIM"), {spent}, true,
                                         tn::uuid4{}, 2, 2});
  sched.run();
  self->send(portfolio, caf::get_atom_v, tn::accounts_atom_v);
  sched.run();
  auto accounts = take_reply<std::vector<tn::account_state>>();
  REQUIRE(accounts);
  REQUIRE_EQ(accounts->size(), 1u);
  auto& x = accounts->front();
  CHECK_EQ(x.ts_event, 2u);
  CHECK_EQ(x.balances, (std::vector<tn::account_balance>{btc_balance, spent}));
}
