#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "message_samples.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/exec_engine.hpp"

namespace tn = tradenode;
using tn::test::sample_event;

namespace {

// An execution engine with one scripted client SIM (venue SIM) and two
// strategies whose events are recorded.
struct exec_engine_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::shared_ptr<tn::test::received_execution_events> alpha
    = std::make_shared<tn::test::received_execution_events>();
  std::shared_ptr<tn::test::received_execution_events> beta
    = std::make_shared<tn::test::received_execution_events>();
  tn::exec_engine_actor engine;
  tn::exec_client_actor client;
  std::vector<caf::actor> sinks;

  exec_engine_fixture() {
    auto log = std::make_shared<spdlog::logger>("ExecEngine", logs);
    engine = sys.spawn(tn::exec_engine, log);
    tn::test::client_script script;
    script.record = record;
    nlohmann::json settings = nlohmann::json::object();
    auto id = tn::client_id::of("SIM");
    auto made = tn::test::scripted_exec_client(script)(
      tn::client_context{sys, id, settings, log, {}, engine});
    REQUIRE(made);
    client = *made;
    caf::anon_send(engine, caf::add_atom_v, id, tn::venue::of("SIM"), client);
    caf::anon_send(engine, caf::add_atom_v,
                   std::vector<tn::instrument>{tn::test::test_instrument("BTCUSDT", "SIM")});
    for (auto& [name, log_ptr] : {std::pair{"ALPHA-001", alpha}, std::pair{"BETA-001", beta}}) {
      auto sink = tn::test::recording_execution_sink(sys, log_ptr);
      sinks.push_back(caf::actor_cast<caf::actor>(sink));
      caf::anon_send(engine, caf::add_atom_v, tn::strategy_id::of(name), sink);
    }
    sched.run();
  }

  ~exec_engine_fixture() {
    caf::anon_send_exit(client, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(engine, caf::exit_reason::user_shutdown);
    sched.run();
  }

  static tn::submit_order limit_order(const char* strategy, const char* id,
                                      const char* instrument = "BTCUSDT.SIM",
                                      tn::order_side side = tn::order_side::buy) {
    auto init = tn::test::sample_order_initialized();
    init.strategy_id = tn::strategy_id::of(strategy);
    init.client_order_id = tn::client_order_id::of(id);
    init.instrument_id = tn::instrument_id::of(instrument);
    init.side = side;
    init.order_type = tn::order_type::limit;
    init.quantity = tn::quantity::of("1.000");
    init.price = tn::price::of("100.00");
    init.trigger_price = caf::none;
    init.time_in_force = tn::time_in_force::gtc;
    init.post_only = false;
    init.reduce_only = false;
    return {init.trader_id, init.strategy_id, init, caf::none, caf::none, tn::uuid4{}, 0};
  }

  // Returns `Event` for the order `cmd` placed, as the venue would send it.
  template <class Event>
  static Event venue_event(const tn::submit_order& cmd, uint64_t seed) {
    auto x = sample_event<Event>(seed);
    x.strategy_id = cmd.strategy_id;
    x.instrument_id = cmd.order.instrument_id;
    x.client_order_id = cmd.order.client_order_id;
    return x;
  }

  static tn::order_filled fill(const tn::submit_order& cmd, const char* trade,
                               const char* qty, const char* px) {
    auto x = venue_event<tn::order_filled>(cmd, 20);
    x.trade_id = tn::trade_id::of(trade);
    x.side = cmd.order.side;
    x.last_qty = tn::quantity::of(qty);
    x.last_px = tn::price::of(px);
    x.commission = tn::money::of("0.10000000 USDT");
    return x;
  }

  template <class T>
  void send(T&& x) {
    caf::anon_send(engine, std::forward<T>(x));
    sched.run();
  }

  void event(tn::order_event ev) {
    send(std::move(ev));
  }

  void accept(const tn::submit_order& cmd) {
    event(venue_event<tn::order_submitted>(cmd, 3));
    event(venue_event<tn::order_accepted>(cmd, 4));
  }
};

} // namespace

TEST_CASE_FIXTURE(exec_engine_fixture,
                  "exec engine routes orders by venue and denies those no client serves") {
  send(limit_order("ALPHA-001", "O-1"));
  auto explicit_client = limit_order("ALPHA-001", "O-2");
  explicit_client.client_id = tn::client_id::of("SIM");
  send(explicit_client);
  send(limit_order("ALPHA-001", "O-3", "BTCUSDT.ELSEWHERE"));
  auto unknown_client = limit_order("ALPHA-001", "O-4");
  unknown_client.client_id = tn::client_id::of("NOPE");
  send(unknown_client);
  CHECK_EQ(record->events(), (std::vector<std::string>{"SIM submit", "SIM submit"}));
  CHECK_EQ(alpha->order_event_names(),
           (std::vector<std::string>{"order_initialized", "order_initialized",
                                     "order_initialized", "order_denied",
                                     "order_initialized", "order_denied"}));
  CHECK_EQ(caf::get<tn::order_denied>(alpha->orders[3]).reason,
           "no execution client for venue ELSEWHERE");
  CHECK_EQ(caf::get<tn::order_denied>(alpha->orders[5]).reason, "no execution client NOPE");
  CHECK(beta->orders.empty());
}

TEST_CASE_FIXTURE(exec_engine_fixture,
                  "exec engine books fills into positions and ignores a duplicate fill") {
  auto buy = limit_order("ALPHA-001", "O-1");
  buy.order.quantity = tn::quantity::of("2.000");
  send(buy);
  accept(buy);
  event(fill(buy, "T-1", "1.000", "100.00"));
  event(fill(buy, "T-1", "1.000", "100.00")); // the venue sent it twice
  event(fill(buy, "T-2", "1.000", "102.00"));
  CHECK_EQ(alpha->order_event_names(),
           (std::vector<std::string>{"order_initialized", "order_submitted", "order_accepted",
                                     "order_filled", "order_filled"}));
  REQUIRE_EQ(alpha->positions.size(), 2u);
  CHECK_EQ(alpha->positions[0].kind, tn::position_event_kind::opened);
  CHECK_EQ(alpha->positions[1].kind, tn::position_event_kind::changed);
  CHECK_EQ(alpha->positions[1].quantity, tn::quantity::of("2"));
  CHECK_EQ(to_string(alpha->positions[1].avg_px_open), "101.00");
  CHECK_EQ(to_string(alpha->positions[1].realized_pnl), "-0.20000000 USDT");
  CHECK_EQ(alpha->positions[1].position_id.value(), "BTCUSDT.SIM-ALPHA-001");
  CHECK(logs->contains("Duplicate fill T-1 of order O-1 ignored"));
}

TEST_CASE_FIXTURE(exec_engine_fixture,
                  "exec engine logs and counts events it must refuse, and keeps going") {
  auto cmd = limit_order("ALPHA-001", "O-1");
  send(cmd);
  event(venue_event<tn::order_canceled>(limit_order("ALPHA-001", "O-404"), 6));
  accept(cmd);
  event(venue_event<tn::order_submitted>(cmd, 7)); // ACCEPTED -> SUBMITTED is not in the table
  CHECK(logs->contains("Event order_canceled refused: unknown order O-404 (1 refused so far)"));
  CHECK(logs->contains("(2 refused so far)"));
  event(venue_event<tn::order_canceled>(cmd, 8));
  CHECK_EQ(alpha->order_event_names().back(), "order_canceled");
}

TEST_CASE_FIXTURE(exec_engine_fixture,
                  "exec engine cancel_all_orders cancels only the calling strategy's orders") {
  auto a1 = limit_order("ALPHA-001", "O-A1");
  auto a2 = limit_order("ALPHA-001", "O-A2", "BTCUSDT.SIM", tn::order_side::sell);
  auto b1 = limit_order("BETA-001", "O-B1");
  for (auto* x : {&a1, &a2, &b1}) {
    send(*x);
    accept(*x);
  }
  auto done = limit_order("ALPHA-001", "O-A3");
  send(done);
  accept(done);
  event(venue_event<tn::order_canceled>(done, 9));
  record->events(); // three submits so far
  send(tn::cancel_all_orders{a1.trader_id, a1.strategy_id, a1.order.instrument_id,
                             tn::order_side::no_order_side, caf::none, tn::uuid4{}, 0});
  auto events = record->events();
  CHECK_EQ(std::count(events.begin(), events.end(), "SIM cancel"), 2);
  CHECK(logs->contains("Canceling 2 open order(s) of ALPHA-001 on BTCUSDT.SIM"));
}

TEST_CASE_FIXTURE(exec_engine_fixture,
                  "exec engine answers wait_for inflight once every command is answered") {
  auto cmd = limit_order("ALPHA-001", "O-1");
  send(cmd);
  self->send(engine, caf::wait_for_atom_v, tn::inflight_atom_v);
  sched.run();
  CHECK_FALSE(take_reply<caf::ok_atom>()); // the submit awaits the venue
  event(venue_event<tn::order_submitted>(cmd, 3));
  CHECK_FALSE(take_reply<caf::ok_atom>());
  event(venue_event<tn::order_accepted>(cmd, 4));
  CHECK(take_reply<caf::ok_atom>());
  send(tn::cancel_order{cmd.trader_id, cmd.strategy_id, cmd.order.instrument_id,
                        cmd.order.client_order_id, caf::none, caf::none, tn::uuid4{}, 0});
  self->send(engine, caf::wait_for_atom_v, tn::inflight_atom_v);
  sched.run();
  CHECK_FALSE(take_reply<caf::ok_atom>());
  event(venue_event<tn::order_canceled>(cmd, 5));
  CHECK(take_reply<caf::ok_atom>());
}
