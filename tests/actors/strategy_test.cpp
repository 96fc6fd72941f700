#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "message_samples.hpp"
#include "scripted_strategy.hpp"
#include "shorthands.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/strategy_host.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

// 2026-11-24 09:30:00 UTC.
constexpr tn::unix_nanos opening = 1'795'512'600'000'000'000;
using tn::test::second;

// What a stand-in for the risk engine received.
struct received_commands {
  std::vector<tn::submit_order> submits;
  std::vector<tn::cancel_order> cancels;
  std::vector<tn::modify_order> modifies;
  std::vector<tn::cancel_all_orders> cancel_alls;
};

tn::order_command_actor::behavior_type
recording_commands(tn::order_command_actor::pointer,
                   std::shared_ptr<received_commands> log) {
  return {
    [log](const tn::submit_order& x) { log->submits.push_back(x); },
    [log](const tn::cancel_order& x) { log->cancels.push_back(x); },
    [log](const tn::modify_order& x) { log->modifies.push_back(x); },
    [log](const tn::cancel_all_orders& x) { log->cancel_alls.push_back(x); },
  };
}

// A strategy host on the test scheduler, with a real data engine (one scripted
// feed serving BTCUSDT.SIM) and a recording stand-in for the risk engine. The
// strategy's clock starts at `opening` and follows the test clock.
struct strategy_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  std::shared_ptr<received_commands> commands = std::make_shared<received_commands>();
  std::shared_ptr<spdlog::logger> log = std::make_shared<spdlog::logger>("test", logs);
  tn::instrument_id btc = tn::instrument_id::of("BTCUSDT.SIM");
  tn::data_engine_actor data;
  tn::data_client_actor feed;
  tn::order_command_actor risk;
  /// Where spawned strategies keep their state; null unless a test sets it.
  tn::strategy_state_store_actor store;
  std::vector<tn::strategy_actor> strategies;

  strategy_fixture() {
    data = sys.spawn(tn::data_engine, log, clock, tn::data_engine_config{});
    auto feed_id = tn::client_id::of("FEED");
    nlohmann::json settings = nlohmann::json::object();
    auto made = tn::test::scripted_data_client({})(
      tn::client_context{sys, feed_id, settings, log, data, {}, {}});
    REQUIRE(made);
    feed = *made;
    caf::anon_send(data, caf::add_atom_v, feed_id, feed);
    caf::anon_send(data, caf::add_atom_v, feed_id,
                   std::vector<tn::instrument>{tn::test::test_instrument("BTCUSDT", "SIM")});
    risk = sys.spawn(recording_commands, commands);
    sched.run();
  }

  ~strategy_fixture() {
    for (auto& x : strategies)
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(feed, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(data, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(risk, caf::exit_reason::user_shutdown);
    sched.run();
  }

  tn::unix_nanos now() const {
    return clock->now();
  }

  // Spawns `impl` as strategy `id`; returns it (owned by its actor).
  template <class Strategy = tn::test::scripted_strategy>
  Strategy* spawn(std::unique_ptr<Strategy> impl, tn::strategy_options options = {},
                  const char* id = "EMACross-002") {
    auto* raw = impl.get();
    strategies.push_back(tn::spawn_strategy(
      sys, std::move(impl),
      tn::strategy_host_context{tn::strategy_id::of(id), tn::trader_id::of("TRADER-001"),
                                log, data, risk, options, clock,
                                store}));
    sched.run();
    return raw;
  }

  tn::test::scripted_strategy* spawn_scripted(tn::strategy_options options = {}) {
    return spawn(std::make_unique<tn::test::scripted_strategy>(record), options);
  }

  caf::expected<caf::ok_atom> start(size_t i = 0) {
    self->send(strategies.at(i), tn::start_atom_v);
    sched.run();
    return take_reply<caf::ok_atom>();
  }

  // Runs `f` inside strategy `i`'s actor (actions send messages, so they must
  // run there), by way of a quote sent to it directly.
  void inside(tn::test::scripted_strategy* s, tn::test::scripted_strategy::action f,
              size_t i = 0) {
    s->queued = std::move(f);
    caf::anon_send(strategies.at(i),
                   tn::quote_tick{btc, tn::price::of("1.00"), tn::price::of("2.00"),
                                  tn::quantity::of("1.000"), tn::quantity::of("1.000"),
                                  now(), now()});
    sched.run();
  }

  caf::expected<caf::ok_atom> stop(size_t i = 0) {
    self->send(strategies.at(i), tn::stop_atom_v);
    sched.run();
    return take_reply<caf::ok_atom>();
  }

  tn::component_state state_of(size_t i = 0) {
    self->send(strategies.at(i), caf::get_atom_v, tn::state_atom_v);
    sched.run();
    auto x = take_reply<tn::component_state>();
    REQUIRE(x);
    return *x;
  }

  void quote(const char* bid) {
    caf::anon_send(data, tn::quote_tick{btc, tn::price::of(bid), tn::price::of("200.00"),
                                        tn::quantity::of("1.000"), tn::quantity::of("1.000"),
                                        now(), now()});
    sched.run();
  }

  template <class Event>
  void event(Event x, size_t i = 0) {
    caf::anon_send(strategies.at(i), tn::order_event{std::move(x)});
    sched.run();
  }

  // Sends `Event` for the order `init` as the execution engine would.
  template <class Event>
  Event venue_event(const tn::order_initialized& init, uint64_t seed) {
    auto x = tn::test::sample_event<Event>(seed);
    x.strategy_id = init.strategy_id;
    x.instrument_id = init.instrument_id;
    x.client_order_id = init.client_order_id;
    return x;
  }

  void accept(const tn::order_initialized& init, size_t i = 0) {
    event(init, i);
    event(venue_event<tn::order_submitted>(init, 3), i);
    event(venue_event<tn::order_accepted>(init, 4), i);
  }

  tn::order_filled fill(const tn::order_initialized& init, const char* trade,
                        const char* qty) {
    auto x = venue_event<tn::order_filled>(init, 20);
    x.trade_id = tn::trade_id::of(trade);
    x.side = init.side;
    x.last_qty = tn::quantity::of(qty);
    x.last_px = tn::price::of("100.00");
    x.commission = tn::money::of("0.10000000 USDT");
    return x;
  }

  tn::position_event long_position(const char* qty) {
    tn::position_event x;
    x.kind = tn::position_event_kind::opened;
    x.trader_id = tn::trader_id::of("TRADER-001");
    x.strategy_id = tn::strategy_id::of("EMACross-002");
    x.instrument_id = btc;
    x.position_id = tn::position_id::of("BTCUSDT.SIM-EMACross-002");
    x.side = tn::position_side::long_side;
    x.entry = tn::order_side::buy;
    x.quantity = tn::quantity::of(qty);
    return x;
  }
};

// A limit buy of 0.500 BTCUSDT.SIM at 100.00.
tn::order_initialized limit_buy(tn::strategy& s) {
  return s.order_factory().limit(tn::instrument_id::of("BTCUSDT.SIM"), tn::order_side::buy,
                                 tn::quantity::of("0.500"), tn::price::of("100.00"));
}

} // namespace

TEST_CASE("order factory ids follow NautilusTrader's O-<date>-<time>-<trader>-<strategy>-<n>") {
  tn::unix_nanos clock = opening + 5 * second;
  tn::order_factory factory{tn::trader_id::of("TRADER-001"),
                            tn::strategy_id::of("EMACross-002"), [&] { return clock; }};
  auto btc = tn::instrument_id::of("BTCUSDT.SIM");
  auto market = factory.market(btc, tn::order_side::sell, tn::quantity::of("1.000"),
                               tn::time_in_force::ioc, true);
  CHECK_EQ(market.client_order_id.value(), "O-20261124-093005-001-002-1");
  CHECK_EQ(market.order_type, tn::order_type::market);
  CHECK_EQ(market.time_in_force, tn::time_in_force::ioc);
  CHECK(market.reduce_only);
  CHECK_EQ(market.ts_init, clock);
  clock += 3600 * second;
  auto stop_limit
    = factory.stop_limit(btc, tn::order_side::buy, tn::quantity::of("0.100"),
                         tn::price::of("101.00"), tn::price::of("100.50"),
                         tn::time_in_force::gtd, clock + second, true);
  CHECK_EQ(stop_limit.client_order_id.value(), "O-20261124-103005-001-002-2");
  CHECK_EQ(stop_limit.order_type, tn::order_type::stop_limit);
  CHECK_EQ(stop_limit.price, tn::price::of("101.00"));
  CHECK_EQ(stop_limit.trigger_price, tn::price::of("100.50"));
  CHECK_EQ(stop_limit.expire_time, clock + second);
  CHECK(stop_limit.post_only);
  CHECK_NE(market.event_id, stop_limit.event_id);
  auto stop_market = factory.stop_market(btc, tn::order_side::sell, tn::quantity::of("0.100"),
                                         tn::price::of("99.00"));
  CHECK_EQ(stop_market.trigger_price, tn::price::of("99.00"));
  CHECK_FALSE(stop_market.price);
  CHECK_EQ(factory.count(), 3u);
  factory.set_count(41); // after a restart: continue, never reuse an id
  CHECK_EQ(factory.next_id().value(), "O-20261124-103005-001-002-42");
  // The time part is formatted once per second: check both sides of a second.
  clock += second - 1;
  CHECK_EQ(factory.next_id().value(), "O-20261124-103005-001-002-43");
  clock += 1;
  CHECK_EQ(factory.next_id().value(), "O-20261124-103006-001-002-44");
  clock -= 2 * second; // a clock stepped back is formatted again
  CHECK_EQ(factory.next_id().value(), "O-20261124-103004-001-002-45");
}

TEST_CASE("strategy actions need the strategy's actor") {
  tn::test::scripted_strategy lone{std::make_shared<tn::test::event_record>()};
  CHECK_THROWS_AS(lone.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM")),
                  std::logic_error);
  CHECK_THROWS_AS((void) lone.now(), std::logic_error);
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "a strategy receives the quotes it subscribed to while RUNNING") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) {
    x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
  };
  CHECK_EQ(state_of(), tn::component_state::ready);
  quote("99.00"); // not subscribed yet
  REQUIRE(start());
  CHECK_EQ(state_of(), tn::component_state::running);
  quote("100.00");
  quote("101.00");
  REQUIRE(stop());
  CHECK_EQ(state_of(), tn::component_state::stopped);
  quote("102.00"); // stopped: dropped
  CHECK_EQ(record->events(), (std::vector<std::string>{"start", "quote BTCUSDT.SIM 100.00",
                                                       "quote BTCUSDT.SIM 101.00", "stop"}));
  // A stopped strategy resumes.
  REQUIRE(start());
  quote("103.00");
  CHECK_EQ(record->events().back(), "quote BTCUSDT.SIM 103.00");
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "a feed's batch reaches on_quote once per tick, in order, and a throwing hook "
                  "faults the strategy and the rest of the batch is dropped") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) {
    x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
  };
  REQUIRE(start());
  auto batch_of = [this](std::vector<const char*> bids) {
    tn::quote_batch batch;
    for (auto* bid : bids)
      batch.ticks.push_back(tn::quote_tick{btc, tn::price::of(bid), tn::price::of("200.00"),
                                           tn::quantity::of("1.000"),
                                           tn::quantity::of("1.000"), now(), now()});
    return batch;
  };
  caf::anon_send(data, batch_of({"100.00", "101.00", "102.00"}));
  sched.run();
  CHECK_EQ(record->events(), (std::vector<std::string>{"start", "quote BTCUSDT.SIM 100.00",
                                                       "quote BTCUSDT.SIM 101.00",
                                                       "quote BTCUSDT.SIM 102.00"}));
  s->when_quote = [](tn::test::scripted_strategy&, const tn::quote_tick& q) {
    if (q.bid_price == tn::price::of("104.00"))
      throw std::runtime_error("bad tick");
  };
  caf::anon_send(data, batch_of({"103.00", "104.00", "105.00"}));
  sched.run();
  CHECK_EQ(state_of(), tn::component_state::faulted);
  CHECK_EQ(record->events().back(), "quote BTCUSDT.SIM 104.00");
  CHECK(logs->contains("threw in on_quote: bad tick"));
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "a subscription refused at start fails the start, naming the instrument") {
  // A strategy on an instrument nobody provides used to run to the end,
  // trading nothing, with exit code 0.
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) {
    x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
    x.subscribe_trades(tn::instrument_id::of("NOPE.SIM"));
  };
  auto started = start();
  REQUIRE_FALSE(started);
  CHECK(started.error() == caf::make_error(tn::errc::strategy_faulted));
  CHECK_EQ(tn::context_of(started.error()),
           "strategy EMACross-002: subscription to TRADES NOPE.SIM: no data client provides "
           "the instrument");
  CHECK_EQ(state_of(), tn::component_state::faulted);
}

TEST_CASE_FIXTURE(strategy_fixture, "a subscription refused while running is logged, no more") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) {
    x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
  };
  s->when_quote = [](tn::test::scripted_strategy& x, const tn::quote_tick&) {
    x.subscribe_trades(tn::instrument_id::of("NOPE.SIM"));
  };
  REQUIRE(start());
  quote("100.00");
  CHECK(logs->contains("Subscription to TRADES NOPE.SIM refused: subscription to TRADES "
                       "NOPE.SIM: no data client provides the instrument"));
  CHECK_EQ(state_of(), tn::component_state::running);
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "orders go to the risk engine and their events update the strategy") {
  auto* s = spawn_scripted();
  tn::order_initialized init;
  s->when_started = [&](tn::test::scripted_strategy& x) {
    init = limit_buy(x);
    x.submit_order(init);
  };
  REQUIRE(start());
  REQUIRE_EQ(commands->submits.size(), 1u);
  auto& cmd = commands->submits[0];
  CHECK_EQ(cmd.order, init);
  CHECK_EQ(cmd.strategy_id.value(), "EMACross-002");
  CHECK_EQ(cmd.trader_id.value(), "TRADER-001");
  CHECK_EQ(cmd.ts_init, opening);
  auto* mine = s->find_order(init.client_order_id);
  REQUIRE(mine != nullptr);
  CHECK_EQ(mine->status(), tn::order_status::initialized);

  accept(init);
  CHECK_EQ(mine->status(), tn::order_status::accepted);
  CHECK_EQ(s->open_orders().size(), 1u);
  inside(s, [&](auto& x) { x.modify_order(init.client_order_id, tn::quantity::of("0.400")); });
  REQUIRE_EQ(commands->modifies.size(), 1u);
  CHECK_EQ(commands->modifies[0].venue_order_id, tn::venue_order_id::of("V-1"));
  CHECK_EQ(commands->modifies[0].quantity, tn::quantity::of("0.400"));

  event(fill(init, "T-1", "0.200"));
  event(fill(init, "T-1", "0.200")); // a duplicate changes nothing
  event(fill(init, "T-2", "0.300"));
  CHECK_EQ(mine->status(), tn::order_status::filled);
  CHECK(s->open_orders().empty());
  inside(s, [&](auto& x) { x.cancel_order(init.client_order_id); }); // closed: skipped
  CHECK(commands->cancels.empty());
  CHECK(logs->contains("cancel of " + init.client_order_id.value()
                       + " skipped: order is FILLED"));
  auto id = init.client_order_id.value();
  CHECK_EQ(record->events(),
           (std::vector<std::string>{"start", "initialized " + id, "accepted " + id,
                                     "filled " + id + " 0.200", "filled " + id + " 0.200",
                                     "filled " + id + " 0.300"}));
}

TEST_CASE_FIXTURE(strategy_fixture, "a strategy cannot submit another strategy's order") {
  auto* s = spawn_scripted();
  REQUIRE(start());
  inside(s, [](auto& x) {
    auto init = limit_buy(x);
    init.strategy_id = tn::strategy_id::of("Other-001");
    x.submit_order(init);
    x.submit_order(limit_buy(x));
  });
  CHECK_EQ(commands->submits.size(), 1u);
  CHECK(logs->contains("refused: built for Other-001"));
}

TEST_CASE_FIXTURE(strategy_fixture, "positions are tracked and closed with reduce-only orders") {
  auto* s = spawn_scripted();
  REQUIRE(start());
  caf::anon_send(strategies[0], long_position("0.700"));
  sched.run();
  REQUIRE(s->position(btc) != nullptr);
  CHECK_EQ(s->open_positions().size(), 1u);
  inside(s, [](auto& x) { x.close_all_positions(); });
  REQUIRE_EQ(commands->submits.size(), 1u);
  auto& close = commands->submits[0];
  CHECK_EQ(close.order.side, tn::order_side::sell);
  CHECK_EQ(close.order.order_type, tn::order_type::market);
  CHECK_EQ(close.order.quantity, tn::quantity::of("0.700"));
  CHECK(close.order.reduce_only);
  CHECK_EQ(close.position_id, tn::position_id::of("BTCUSDT.SIM-EMACross-002"));
  auto closed = long_position("0.700");
  closed.kind = tn::position_event_kind::closed;
  closed.quantity = tn::quantity::of("0.000");
  caf::anon_send(strategies[0], closed);
  sched.run();
  CHECK(s->position(btc) == nullptr);
  inside(s, [&](auto& x) { x.close_position(btc); }); // nothing open: logged
  CHECK(logs->contains("no open position on BTCUSDT.SIM to close"));
  CHECK_EQ(record->events(), (std::vector<std::string>{"start",
                                                       "position opened BTCUSDT.SIM 0.700",
                                                       "position closed BTCUSDT.SIM"}));
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "stop cancels open orders and, when configured, closes positions") {
  tn::strategy_options options;
  options.close_positions_on_stop = true;
  auto* s = spawn_scripted(options);
  tn::order_initialized init;
  s->when_started = [&](tn::test::scripted_strategy& x) {
    init = limit_buy(x);
    x.submit_order(init);
  };
  REQUIRE(start());
  accept(init);
  caf::anon_send(strategies[0], long_position("0.200"));
  sched.run();
  REQUIRE(stop());
  CHECK_EQ(record->events().back(), "stop");
  REQUIRE_EQ(commands->cancel_alls.size(), 1u);
  CHECK_EQ(commands->cancel_alls[0].instrument_id, btc);
  CHECK_EQ(commands->cancel_alls[0].strategy_id.value(), "EMACross-002");
  CHECK_EQ(commands->cancel_alls[0].side, tn::order_side::no_order_side);
  REQUIRE_EQ(commands->submits.size(), 2u);
  CHECK_EQ(commands->submits[1].order.side, tn::order_side::sell);
  CHECK(commands->submits[1].order.reduce_only);
  // The venue's answers still reach the strategy's view after stop.
  event(venue_event<tn::order_canceled>(init, 9));
  CHECK_EQ(s->find_order(init.client_order_id)->status(), tn::order_status::canceled);
}

TEST_CASE_FIXTURE(strategy_fixture, "stop leaves orders alone when told to") {
  tn::strategy_options options;
  options.cancel_orders_on_stop = false;
  auto* s = spawn_scripted(options);
  s->when_started = [](tn::test::scripted_strategy& x) { x.submit_order(limit_buy(x)); };
  REQUIRE(start());
  accept(commands->submits.at(0).order);
  caf::anon_send(strategies[0], long_position("0.200"));
  sched.run();
  REQUIRE(stop());
  CHECK(commands->cancel_alls.empty());
  CHECK_EQ(commands->submits.size(), 1u);
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "a strategy that throws is FAULTED, cancels its orders and is isolated") {
  auto* faulty = spawn_scripted();
  auto* healthy = spawn(std::make_unique<tn::test::scripted_strategy>(
                          std::make_shared<tn::test::event_record>()),
                        {}, "Healthy-001");
  for (auto* x : {faulty, healthy})
    x->when_started = [](tn::test::scripted_strategy& s) {
      s.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
      s.submit_order(limit_buy(s));
    };
  faulty->when_quote = [](tn::test::scripted_strategy&, const tn::quote_tick&) {
    throw std::runtime_error("division by zero");
  };
  REQUIRE(start(0));
  REQUIRE(start(1));
  accept(commands->submits.at(0).order, 0);
  quote("100.00");
  CHECK_EQ(state_of(0), tn::component_state::faulted);
  CHECK(logs->contains("Strategy EMACross-002 threw in on_quote: division by zero"));
  REQUIRE_EQ(commands->cancel_alls.size(), 1u);
  CHECK_EQ(commands->cancel_alls[0].strategy_id.value(), "EMACross-002");
  // Isolated: no more hooks; the other strategy trades on.
  quote("101.00");
  CHECK_EQ(state_of(1), tn::component_state::running);
  CHECK_EQ(healthy->record->events(),
           (std::vector<std::string>{"start", "quote BTCUSDT.SIM 100.00",
                                     "quote BTCUSDT.SIM 101.00"}));
  auto id = commands->submits.at(0).order.client_order_id.value();
  CHECK_EQ(record->events(), (std::vector<std::string>{"start", "initialized " + id,
                                                       "accepted " + id,
                                                       "quote BTCUSDT.SIM 100.00"}));
  // Stop answers at once; start names the fault.
  CHECK(stop(0));
  auto restarted = start(0);
  REQUIRE_FALSE(restarted);
  CHECK_EQ(restarted.error(), tn::errc::strategy_faulted);
  CHECK_EQ(commands->cancel_alls.size(), 1u);
}

TEST_CASE_FIXTURE(strategy_fixture, "a strategy that throws in on_start fails its start") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy&) { throw std::runtime_error("no model"); };
  auto started = start();
  REQUIRE_FALSE(started);
  CHECK_EQ(started.error(), tn::errc::strategy_faulted);
  CHECK_NE(tn::describe(started.error()).find("threw in on_start: no model"),
           std::string::npos);
  CHECK_EQ(state_of(), tn::component_state::faulted);
}

TEST_CASE_FIXTURE(strategy_fixture, "a strategy that throws in on_stop still cancels orders") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) { x.submit_order(limit_buy(x)); };
  s->when_stopped = [](tn::test::scripted_strategy&) { throw std::runtime_error("oops"); };
  REQUIRE(start());
  accept(commands->submits.at(0).order);
  auto stopped = stop();
  REQUIRE_FALSE(stopped);
  CHECK_EQ(stopped.error(), tn::errc::strategy_faulted);
  CHECK_EQ(state_of(), tn::component_state::faulted);
  CHECK_EQ(commands->cancel_alls.size(), 1u);
}

TEST_CASE_FIXTURE(strategy_fixture, "timers fire on the actor clock until canceled") {
  auto* s = spawn_scripted();
  std::vector<tn::unix_nanos> alerts;
  s->when_started = [&](tn::test::scripted_strategy& x) {
    x.set_timer("heartbeat", 1s);
    x.set_timer("bounded", 2s, {}, x.now() + 5 * second);
    x.set_time_alert("close", x.now() + 3 * second,
                     [&](const tn::time_event& ev) { alerts.push_back(ev.ts_event); });
  };
  REQUIRE(start());
  CHECK_EQ(s->timer_names(), (std::vector<std::string>{"bounded", "close", "heartbeat"}));
  advance(1s);
  CHECK_EQ(record->events().back(), "timer heartbeat " + std::to_string(opening + second));
  advance(1s);
  advance(1s);
  CHECK_EQ(alerts, (std::vector<tn::unix_nanos>{opening + 3 * second}));
  inside(s, [](auto& x) { x.cancel_timer("heartbeat"); });
  for (int i = 0; i < 10; ++i)
    advance(1s);
  auto ticks = record->events();
  CHECK_EQ(ticks,
           (std::vector<std::string>{
             "start", "timer heartbeat " + std::to_string(opening + second),
             "timer bounded " + std::to_string(opening + 2 * second),
             "timer heartbeat " + std::to_string(opening + 2 * second),
             "timer heartbeat " + std::to_string(opening + 3 * second),
             "timer bounded " + std::to_string(opening + 4 * second)}));
  CHECK(s->timer_names().empty());
}

TEST_CASE_FIXTURE(strategy_fixture, "stop cancels the timers and a bad interval faults") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) { x.set_timer("heartbeat", 1s); };
  REQUIRE(start());
  REQUIRE(stop());
  advance(5s);
  CHECK_EQ(record->events(), (std::vector<std::string>{"start", "stop"}));
  auto* bad = spawn(std::make_unique<tn::test::scripted_strategy>(record), {}, "Bad-001");
  bad->when_started = [](tn::test::scripted_strategy& x) { x.set_timer("never", 0s); };
  auto started = start(1);
  REQUIRE_FALSE(started);
  CHECK_NE(tn::describe(started.error()).find("set_timer \"never\": interval must be positive"),
           std::string::npos);
}

TEST_CASE_FIXTURE(strategy_fixture, "asked to exit, a strategy stops, then disposes") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) { x.submit_order(limit_buy(x)); };
  REQUIRE(start());
  accept(commands->submits.at(0).order);
  auto id = commands->submits.at(0).order.client_order_id.value();
  self->monitor(strategies[0]);
  caf::anon_send_exit(strategies[0], caf::exit_reason::user_shutdown);
  sched.run();
  CHECK_EQ(record->events(),
           (std::vector<std::string>{"start", "initialized " + id, "accepted " + id, "stop",
                                     "dispose"}));
  CHECK_EQ(commands->cancel_alls.size(), 1u);
  // It did exit.
  bool down = false;
  self->receive([&](caf::down_msg&) { down = true; }, caf::after(0s) >> [] {});
  CHECK(down);
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "on_load gets what the strategy saved at its last stop, before on_start") {
  // The execution engine is the store: the real one, without a journal here.
  auto engine = sys.spawn(tn::exec_engine, log, clock, tn::trader_id::of("TRADER-001"),
                          tn::journal_config{}, tn::exec_engine_config{});
  store = engine;
  auto* first = spawn_scripted();
  first->to_save = {{"fast_ema", "101.25"}, {"raw", std::string("\0\xff\n", 3)}};
  REQUIRE(start());
  REQUIRE(stop());
  CHECK(logs->contains("Saving the strategy's state (2 key(s))"));
  CHECK(logs->contains("Strategy EMACross-002 saved its state (2 key(s))"));
  // The same strategy in a new host, as in the node's next run.
  record = std::make_shared<tn::test::event_record>();
  auto* next_host = spawn_scripted();
  REQUIRE(start(1));
  CHECK_EQ(record->events(), (std::vector<std::string>{"load 2 key(s)", "start"}));
  CHECK_EQ(next_host->loaded, first->to_save);
  caf::anon_send_exit(engine, caf::exit_reason::user_shutdown);
}

TEST_CASE_FIXTURE(strategy_fixture, "a strategy that throws in on_load is FAULTED at start") {
  auto engine = sys.spawn(tn::exec_engine, log, clock, tn::trader_id::of("TRADER-001"),
                          tn::journal_config{}, tn::exec_engine_config{});
  store = engine;
  auto* first = spawn_scripted();
  first->to_save = {{"model", "v1"}};
  REQUIRE(start());
  REQUIRE(stop());
  auto* next_host = spawn_scripted();
  next_host->load_throws = true;
  auto started = start(1);
  REQUIRE_FALSE(started);
  CHECK_NE(tn::describe(started.error()).find("threw in on_load: state from an older version"),
           std::string::npos);
  CHECK_EQ(state_of(1), tn::component_state::faulted);
  caf::anon_send_exit(engine, caf::exit_reason::user_shutdown);
}

TEST_CASE_FIXTURE(strategy_fixture,
                  "a strategy that falls behind gets at most the flow window at a time and, "
                  "by default, every quote") {
  auto* s = spawn_scripted();
  s->when_started = [](tn::test::scripted_strategy& x) {
    x.subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
  };
  REQUIRE(start());
  auto window = tn::data_engine_config{}.window;
  auto burst = static_cast<int64_t>(window) + 1000;
  for (int64_t i = 1; i <= burst; ++i)
    caf::anon_send(data, tn::quote_tick{btc, *tn::price::from_raw(i, 2),
                                        tn::price::of("200.00"), tn::quantity::of("1.000"),
                                        tn::quantity::of("1.000"), now(), now()});
  // The data engine takes the whole burst before the strategy runs at all:
  // the strategy's mailbox holds the window, the engine the rest.
  while (sched.prioritize(data))
    sched.run_once();
  self->send(data, caf::get_atom_v, tn::flow_atom_v);
  while (sched.prioritize(data))
    sched.run_once();
  auto stats = take_reply<tn::data_flow_stats>();
  REQUIRE(stats);
  CHECK_EQ(stats->held, 1000u);
  CHECK_EQ(stats->max_queued, 1000u);
  CHECK_EQ(stats->conflated, 0u);
  sched.run();
  auto seen = record->events();
  REQUIRE_EQ(seen.size(), 1 + static_cast<size_t>(burst));
  for (int64_t i = 1; i <= burst; ++i)
    if (seen[i] != "quote BTCUSDT.SIM " + to_string(*tn::price::from_raw(i, 2)))
      FAIL("quote ", i, " out of order or missing: ", seen[i]);
}
