#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"

namespace tn = tradenode;

namespace {

// The balances a listener saw, latest per currency.
struct seen_accounts {
  std::map<std::string, std::string> totals;
  std::map<std::string, std::string> locked;
  std::map<std::string, std::string> free;
  int states = 0;
};

tn::execution_listener_actor::behavior_type
account_listener(tn::execution_listener_actor::pointer, std::shared_ptr<seen_accounts> seen) {
  return {
    [](const tn::position_event&) {},
    [seen](const tn::account_state& x) {
      ++seen->states;
      for (auto& b : x.balances)
        seen->totals[b.total.ccy().code()] = to_string(b.total);
      for (auto& b : x.balances)
        seen->locked[b.total.ccy().code()] = to_string(b.locked);
      for (auto& b : x.balances)
        seen->free[b.total.ccy().code()] = to_string(b.free);
    },
  };
}

// A sandbox venue SIM between a real data engine (scripted feed FEED serving
// BTCUSDT.SIM, quotes sent by the test) and a real execution engine whose
// strategy ALPHA-001 is a recording sink.
struct sandbox_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>("test", logs);
  std::shared_ptr<tn::test::received_execution_events> alpha
    = std::make_shared<tn::test::received_execution_events>();
  std::shared_ptr<seen_accounts> accounts = std::make_shared<seen_accounts>();
  tn::instrument_id btc = tn::instrument_id::of("BTCUSDT.SIM");
  tn::data_engine_actor data;
  tn::exec_engine_actor exec;
  tn::data_client_actor feed;
  tn::exec_client_actor venue;
  std::vector<caf::actor> helpers;
  int next = 0;

  explicit sandbox_fixture(nlohmann::json settings
                           = nlohmann::json{{"balances", {"1000.00000000 USDT",
                                                          "1.00000000 BTC"}}}) {
    data = sys.spawn(tn::data_engine, log, clock, tn::data_engine_config{});
    exec = sys.spawn(tn::exec_engine, log, clock, tn::trader_id::of("TRADER-001"), tn::journal_config{},
                     tn::exec_engine_config{});
    auto feed_id = tn::client_id::of("FEED");
    nlohmann::json none = nlohmann::json::object();
    auto made_feed = tn::test::scripted_data_client({})(
      tn::client_context{sys, feed_id, none, log, data, {}, tn::venue::of("SIM"), {}, clock});
    REQUIRE(made_feed);
    feed = *made_feed;
    caf::anon_send(data, caf::add_atom_v, feed_id, feed);
    auto instruments = std::vector<tn::instrument>{tn::test::test_instrument("BTCUSDT", "SIM")};
    caf::anon_send(data, caf::add_atom_v, feed_id, instruments);
    caf::anon_send(exec, caf::add_atom_v, instruments);
    auto sim = tn::client_id::of("SIM");
    auto made = tn::sandbox::sandbox_exec_client_factory()(
      tn::client_context{sys, sim, settings, log, data, exec, tn::venue::of("SIM"), {}, clock});
    REQUIRE(made);
    venue = *made;
    caf::anon_send(exec, caf::add_atom_v, sim, tn::venue::of("SIM"), venue);
    auto sink = tn::test::recording_execution_sink(sys, alpha);
    helpers.push_back(caf::actor_cast<caf::actor>(sink));
    caf::anon_send(exec, caf::add_atom_v, tn::strategy_id::of("ALPHA-001"), sink);
    auto listener = sys.spawn(account_listener, accounts);
    helpers.push_back(caf::actor_cast<caf::actor>(listener));
    caf::anon_send(exec, caf::add_atom_v, listener);
    sched.run();
    // The node's start sequence: connect, then the mass status makes the books.
    self->send(venue, caf::connect_atom_v);
    sched.run();
    REQUIRE(take_reply<caf::ok_atom>());
    status();
  }

  ~sandbox_fixture() {
    for (auto& x : helpers)
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    for (auto x : {caf::actor_cast<caf::actor>(venue), caf::actor_cast<caf::actor>(feed),
                   caf::actor_cast<caf::actor>(exec), caf::actor_cast<caf::actor>(data)})
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    sched.run();
  }

  tn::execution_mass_status status() {
    self->send(venue, caf::get_atom_v, tn::mass_status_atom_v);
    sched.run();
    auto x = take_reply<tn::execution_mass_status>();
    REQUIRE(x);
    return *x;
  }

  void quote(const char* bid, const char* ask) {
    caf::anon_send(data, tn::quote_tick{btc, tn::price::of(bid), tn::price::of(ask),
                                        tn::quantity::of("1.000"), tn::quantity::of("1.000"),
                                        1, 1});
    sched.run();
  }

  // A market order of ALPHA-001 with the next id O-<n>.
  tn::order_initialized market(tn::order_side side, const char* qty,
                               const char* instrument = "BTCUSDT.SIM") {
    tn::order_initialized x;
    x.trader_id = tn::trader_id::of("TRADER-001");
    x.strategy_id = tn::strategy_id::of("ALPHA-001");
    x.instrument_id = tn::instrument_id::of(instrument);
    x.client_order_id = tn::client_order_id::of("O-" + std::to_string(++next));
    x.side = side;
    x.order_type = tn::order_type::market;
    x.quantity = tn::quantity::of(qty);
    return x;
  }

  tn::submit_order submit(tn::order_side side, const char* qty,
                          const char* instrument = "BTCUSDT.SIM", bool reduce_only = false) {
    auto x = market(side, qty, instrument);
    x.reduce_only = reduce_only;
    return send(x);
  }

  tn::submit_order submit_limit(tn::order_side side, const char* qty, const char* px) {
    auto x = market(side, qty);
    x.order_type = tn::order_type::limit;
    x.price = tn::price::of(px);
    return send(x);
  }

  tn::submit_order send(const tn::order_initialized& x) {
    tn::submit_order cmd{x.trader_id, x.strategy_id, x, caf::none, caf::none, tn::uuid4{}, 0};
    caf::anon_send(exec, cmd);
    sched.run();
    return cmd;
  }

  std::string last_reason() {
    return caf::get<tn::order_rejected>(alpha->orders.back()).reason;
  }
};

} // namespace

TEST_CASE_FIXTURE(sandbox_fixture, "the sandbox fills at the touch and books the account") {
  CHECK_EQ(accounts->totals["USDT"], "1000.00000000 USDT"); // reported on connect
  quote("99.00", "100.00");
  submit(tn::order_side::buy, "0.500");
  CHECK_EQ(alpha->order_event_names(),
           (std::vector<std::string>{"order_initialized", "order_submitted", "order_accepted",
                                     "order_filled"}));
  auto& fill = caf::get<tn::order_filled>(alpha->orders.back());
  CHECK_EQ(fill.last_px, tn::price::of("100.00"));
  CHECK_EQ(fill.commission, tn::money::of("0.02000000 USDT")); // 50 * 0.0004
  REQUIRE_EQ(alpha->positions.size(), 1u);
  CHECK_EQ(alpha->positions[0].quantity, tn::quantity::of("0.500"));
  // 1000 - 50 - 0.02; 1 + 0.5 BTC
  CHECK_EQ(accounts->totals["USDT"], "949.98000000 USDT");
  CHECK_EQ(accounts->totals["BTC"], "1.50000000 BTC");
  auto x = status();
  REQUIRE_EQ(x.order_reports.size(), 1u);
  CHECK_EQ(x.order_reports[0].status, tn::order_status::filled);
  CHECK_EQ(x.order_reports[0].avg_px, tn::price::of("100.00"));
  REQUIRE_EQ(x.fill_reports.size(), 1u);
  REQUIRE_EQ(x.position_reports.size(), 1u);
  CHECK_EQ(x.position_reports[0].side, tn::position_side::long_side);
  CHECK_EQ(x.position_reports[0].quantity, tn::quantity::of("0.500"));
}

namespace {

// Balances typed without decimals: the README's first example once made
// every order fail with "free 0.00000000 USDT".
struct whole_balances_fixture : sandbox_fixture {
  whole_balances_fixture()
    : sandbox_fixture(nlohmann::json{{"balances", {"1000 USDT", "1.0 BTC"}}}) {
  }
};

} // namespace

TEST_CASE_FIXTURE(whole_balances_fixture,
                  "balances typed without decimals are the instrument's currencies") {
  CHECK_EQ(accounts->totals["USDT"], "1000.00000000 USDT");
  CHECK_EQ(accounts->totals["BTC"], "1.00000000 BTC");
  quote("99.00", "100.00");
  submit(tn::order_side::buy, "0.500");
  CHECK_EQ(alpha->order_event_names().back(), "order_filled");
  CHECK_EQ(accounts->totals["USDT"], "949.98000000 USDT");
}

TEST_CASE("a balance with more decimals than its currency, or of an unknown code, is an "
          "error naming the entry") {
  caf::actor_system_config cfg;
  tn::register_types(cfg);
  caf::actor_system sys{cfg};
  auto error_of = [&](nlohmann::json balances) -> std::string {
    auto x = tn::sandbox::parse_sandbox_settings({{"balances", balances}}, "SIM");
    return x ? std::string{"no error"} : tn::context_of(x.error());
  };
  CHECK_EQ(error_of({"1000000 USDT", "10 BTC"}), "no error");
  CHECK_EQ(error_of({"10 BTC", "1.001 USD"}),
           "settings.balances[1]: money \"1.001 USD\": 3 decimals, but USD has 2");
  CHECK_EQ(error_of({"100 XYZ"}),
           "settings.balances[0]: unknown currency \"XYZ\": write {\"amount\": \"100\", "
           "\"currency\": {\"code\": \"XYZ\", \"precision\": N}}");
  CHECK_EQ(error_of({{{"amount", "100"}, {"currency", {{"code", "XYZ"}, {"precision", 4}}}}}),
           "no error");
  CHECK_EQ(error_of({{{"amount", "100"}, {"currency", {{"code", "USDT"}, {"precision", 2}}}}}),
           "settings.balances[0].currency: currency USDT has 8 decimals, not 2");
}

TEST_CASE_FIXTURE(sandbox_fixture, "the sandbox rejects what the account cannot pay") {
  quote("99.00", "100.00");
  submit(tn::order_side::buy, "10.000");
  CHECK_EQ(last_reason(),
           "insufficient balance: need 1000.40000000 USDT, free 1000.00000000 USDT");
  submit(tn::order_side::sell, "2.000");
  CHECK_EQ(last_reason(), "insufficient balance: need 2.00000000 BTC, free 1.00000000 BTC");
  CHECK(logs->contains("Sandbox: order O-2 rejected: insufficient balance"));
}

TEST_CASE_FIXTURE(sandbox_fixture, "the sandbox rejects orders for instruments it does not list") {
  submit(tn::order_side::buy, "1.000", "ETHUSDT.SIM");
  CHECK_EQ(last_reason(), "unknown instrument ETHUSDT.SIM");
}

TEST_CASE_FIXTURE(sandbox_fixture, "the venue rejects reduce-only orders that would not reduce") {
  quote("99.00", "100.00");
  // The execution engine sends straight to the venue here (no risk engine).
  submit(tn::order_side::sell, "0.100", "BTCUSDT.SIM", true);
  CHECK_EQ(last_reason(), "reduce-only SELL 0.100 would increase the position (FLAT)");
  submit(tn::order_side::buy, "0.500");
  submit(tn::order_side::sell, "0.600", "BTCUSDT.SIM", true);
  CHECK_EQ(last_reason(), "reduce-only SELL 0.600 would increase the position (LONG 0.500)");
  submit(tn::order_side::buy, "0.100", "BTCUSDT.SIM", true);
  CHECK_EQ(last_reason(), "reduce-only BUY 0.100 would increase the position (LONG 0.500)");
  submit(tn::order_side::sell, "0.500", "BTCUSDT.SIM", true);
  CHECK_EQ(tn::event_name(alpha->orders.back()), std::string{"order_filled"});
  CHECK_EQ(status().position_reports[0].side, tn::position_side::flat);
}

TEST_CASE_FIXTURE(sandbox_fixture, "open orders lock what they may spend until they close") {
  quote("99.00", "100.00");
  // A resting buy of 5 @ 99.00 locks 495.00 plus the taker fee 0.198.
  auto first = submit_limit(tn::order_side::buy, "5.000", "99.00");
  CHECK_EQ(accounts->locked["USDT"], "495.19800000 USDT");
  CHECK_EQ(accounts->free["USDT"], "504.80200000 USDT");
  CHECK_EQ(accounts->totals["USDT"], "1000.00000000 USDT");
  submit_limit(tn::order_side::buy, "6.000", "90.00");
  CHECK_EQ(last_reason(), "insufficient balance: need 540.21600000 USDT, free 504.80200000 USDT");
  // A resting spot sell locks its base quantity.
  submit_limit(tn::order_side::sell, "0.600", "101.00");
  CHECK_EQ(accounts->locked["BTC"], "0.60000000 BTC");
  submit_limit(tn::order_side::sell, "0.500", "102.00");
  CHECK_EQ(last_reason(), "insufficient balance: need 0.50000000 BTC, free 0.40000000 BTC");
  // A partial fill releases its share; a cancel the rest.
  caf::anon_send(data, tn::quote_tick{btc, tn::price::of("98.00"), tn::price::of("98.50"),
                                      tn::quantity::of("1.000"), tn::quantity::of("2.000"), 1,
                                      1});
  sched.run();
  CHECK_EQ(accounts->locked["USDT"], "297.11880000 USDT"); // 3 @ 99.00 + fee
  auto& spec = first.order;
  caf::anon_send(exec, tn::cancel_order{spec.trader_id, spec.strategy_id, spec.instrument_id,
                                        spec.client_order_id, caf::none, caf::none,
                                        tn::uuid4{}, 0});
  sched.run();
  CHECK_EQ(accounts->locked["USDT"], "0.00000000 USDT");
}

TEST_CASE("sandbox settings errors name the key") {
  caf::actor_system_config cfg;
  tn::register_types(cfg);
  caf::actor_system sys{cfg};
  auto build = [&](nlohmann::json settings) {
    return tn::sandbox::sandbox_exec_client_factory()(
      tn::client_context{sys, tn::client_id::of("SIM"), settings,
                         std::make_shared<spdlog::logger>("x"), {}, {}, tn::venue::of("SIM")});
  };
  auto unknown = build({{"latency", 5}});
  REQUIRE_FALSE(unknown);
  CHECK_NE(tn::describe(unknown.error()).find("settings.latency: unknown key"), std::string::npos);
  auto twice = build({{"balances", {"1 USD", "2 USD"}}});
  REQUIRE_FALSE(twice);
  CHECK_NE(tn::describe(twice.error()).find("USD given twice"), std::string::npos);
  auto bad = build({{"balances", {"lots"}}});
  REQUIRE_FALSE(bad);
  CHECK_NE(tn::describe(bad.error()).find("settings.balances[0]: money \"lots\": expected"),
           std::string::npos);
  auto slow = build({{"latency_ms", -1}});
  REQUIRE_FALSE(slow);
  CHECK_NE(tn::describe(slow.error()).find("settings.latency_ms: must be 0..60000"),
           std::string::npos);
}

namespace {

// The same sandbox with 50 ms of latency on order commands.
struct slow_sandbox_fixture : sandbox_fixture {
  slow_sandbox_fixture()
    : sandbox_fixture(nlohmann::json{{"balances", {"1000.00000000 USDT", "1.00000000 BTC"}},
                                     {"latency_ms", 50}}) {
  }
};

} // namespace

TEST_CASE_FIXTURE(slow_sandbox_fixture, "with latency, commands take effect that much later") {
  quote("99.00", "100.00");
  submit(tn::order_side::buy, "0.500");
  // Submitted at once; accepted and filled only when the order arrives, at the
  // touch of that moment.
  CHECK_EQ(alpha->order_event_names(),
           (std::vector<std::string>{"order_initialized", "order_submitted"}));
  quote("100.00", "101.00");
  advance(std::chrono::milliseconds{49});
  CHECK_EQ(alpha->orders.size(), 2u);
  advance(std::chrono::milliseconds{1});
  CHECK_EQ(alpha->order_event_names(),
           (std::vector<std::string>{"order_initialized", "order_submitted", "order_accepted",
                                     "order_filled"}));
  CHECK_EQ(caf::get<tn::order_filled>(alpha->orders.back()).last_px, tn::price::of("101.00"));
}
