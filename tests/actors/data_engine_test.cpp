#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "shorthands.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/data_engine.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

using tn::test::second;

// A data engine with one scripted data client FEED serving BTCUSDT.SIM and ETHUSDT.SIM.
struct data_engine_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::shared_ptr<tn::test::event_record> record = std::make_shared<tn::test::event_record>();
  tn::instrument_id btc = tn::instrument_id::of("BTCUSDT.SIM");
  tn::instrument_id eth = tn::instrument_id::of("ETHUSDT.SIM");
  tn::data_engine_actor engine;
  tn::data_client_actor client;

  explicit data_engine_fixture(tn::data_engine_config config = {}) {
    auto log = std::make_shared<spdlog::logger>("DataEngine", logs);
    engine = sys.spawn(tn::data_engine, log, clock, config);
    tn::test::client_script script;
    script.record = record;
    nlohmann::json settings = nlohmann::json::object();
    auto feed = tn::client_id::of("FEED");
    auto made = tn::test::scripted_data_client(script)(
      tn::client_context{sys, feed, settings, log, engine, {}, {}});
    REQUIRE(made);
    client = *made;
    caf::anon_send(engine, caf::add_atom_v, feed, client);
    caf::anon_send(engine, caf::add_atom_v, feed,
                   std::vector<tn::instrument>{tn::test::test_instrument("BTCUSDT", "SIM"),
                                               tn::test::test_instrument("ETHUSDT", "SIM")});
    sched.run();
  }

  ~data_engine_fixture() {
    // The scripted client keeps a handle to itself (script.spawned): end it explicitly.
    caf::anon_send_exit(client, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(engine, caf::exit_reason::user_shutdown);
    sched.run();
  }

  std::pair<tn::market_data_sink_actor, std::shared_ptr<tn::test::received_market_data>>
  make_sink() {
    auto log = std::make_shared<tn::test::received_market_data>();
    return {tn::test::recording_sink(sys, log), log};
  }

  static tn::subscribe_data subscription(tn::data_kind kind, tn::instrument_id id,
                                         caf::optional<tn::bar_type> bars = caf::none) {
    return {kind, std::move(id), std::move(bars), caf::none, tn::uuid4{}, 0};
  }

  caf::expected<caf::ok_atom> subscribe(const tn::subscribe_data& cmd,
                                        const tn::market_data_sink_actor& sink) {
    self->send(engine, cmd, sink);
    sched.run();
    return take_reply<caf::ok_atom>();
  }

  caf::expected<caf::ok_atom> unsubscribe(const tn::subscribe_data& cmd,
                                          const tn::market_data_sink_actor& sink) {
    self->send(engine, tn::unsubscribe_data{cmd.kind, cmd.instrument_id, cmd.bar_type,
                                            caf::none, tn::uuid4{}, 0},
               sink);
    sched.run();
    return take_reply<caf::ok_atom>();
  }

  void send_quote(const tn::instrument_id& id, const char* bid, const char* ask,
                  const char* bid_size, const char* ask_size, tn::unix_nanos ts) {
    caf::anon_send(engine, tn::quote_tick{id, tn::price::of(bid), tn::price::of(ask),
                                          tn::quantity::of(bid_size),
                                          tn::quantity::of(ask_size), ts, ts});
    sched.run();
  }

  void send_trade(const tn::instrument_id& id, const char* px, const char* size,
                  tn::unix_nanos ts) {
    caf::anon_send(engine, tn::trade_tick{id, tn::price::of(px), tn::quantity::of(size),
                                          tn::aggressor_side::buyer,
                                          tn::trade_id::of("T-" + std::to_string(ts)), ts, ts});
    sched.run();
  }
};

void check_bar(const tn::bar& x, const char* open, const char* high, const char* low,
               const char* close, const char* volume, tn::unix_nanos ts_event) {
  CHECK_EQ(x.open, tn::price::of(open));
  CHECK_EQ(x.high, tn::price::of(high));
  CHECK_EQ(x.low, tn::price::of(low));
  CHECK_EQ(x.close, tn::price::of(close));
  CHECK_EQ(x.volume, tn::quantity::of(volume));
  CHECK_EQ(x.ts_event, ts_event);
}

} // namespace

TEST_CASE_FIXTURE(data_engine_fixture,
                  "data engine tells the client once and unsubscribes it with the last subscriber") {
  auto [a, a_log] = make_sink();
  auto [b, b_log] = make_sink();
  auto quotes = subscription(tn::data_kind::quotes, btc);
  REQUIRE(subscribe(quotes, a));
  REQUIRE(subscribe(quotes, b));
  REQUIRE(subscribe(quotes, b)); // twice by the same subscriber counts once
  CHECK_EQ(record->events(), std::vector<std::string>{"FEED subscribe QUOTES BTCUSDT.SIM"});
  REQUIRE(unsubscribe(quotes, a));
  CHECK_EQ(record->events().size(), 1u);
  REQUIRE(unsubscribe(quotes, b));
  CHECK_EQ(record->events().back(), "FEED unsubscribe QUOTES BTCUSDT.SIM");
  auto again = unsubscribe(quotes, b);
  REQUIRE_FALSE(again);
  CHECK_EQ(tn::context_of(again.error()), "subscription to QUOTES BTCUSDT.SIM: not subscribed");
}

TEST_CASE_FIXTURE(data_engine_fixture,
                  "data engine fans out each tick to every subscriber of its topic only") {
  std::vector<std::pair<tn::market_data_sink_actor,
                        std::shared_ptr<tn::test::received_market_data>>>
    sinks;
  for (int i = 0; i < 5; ++i)
    sinks.push_back(make_sink());
  for (int i = 0; i < 3; ++i)
    REQUIRE(subscribe(subscription(tn::data_kind::quotes, btc), sinks[i].first));
  REQUIRE(subscribe(subscription(tn::data_kind::trades, btc), sinks[3].first));
  REQUIRE(subscribe(subscription(tn::data_kind::quotes, eth), sinks[4].first));
  send_quote(btc, "100.00", "100.10", "1", "2", 1 * second);
  send_quote(btc, "100.01", "100.11", "1", "2", 2 * second);
  send_trade(btc, "100.05", "0.5", 3 * second);
  send_quote(eth, "10.00", "10.10", "1", "2", 4 * second);
  for (int i = 0; i < 3; ++i) {
    REQUIRE_EQ(sinks[i].second->quotes.size(), 2u);
    CHECK_EQ(sinks[i].second->quotes[1].bid_price, tn::price::of("100.01"));
    CHECK(sinks[i].second->trades.empty());
  }
  CHECK_EQ(sinks[3].second->trades.size(), 1u);
  CHECK(sinks[3].second->quotes.empty());
  REQUIRE_EQ(sinks[4].second->quotes.size(), 1u);
  CHECK_EQ(sinks[4].second->quotes[0].instrument_id, eth);
}

TEST_CASE_FIXTURE(data_engine_fixture, "data engine refuses subscriptions it cannot serve") {
  auto [sink, log] = make_sink();
  auto unknown = subscribe(subscription(tn::data_kind::quotes,
                                        tn::instrument_id::of("XRPUSDT.SIM")),
                           sink);
  REQUIRE_FALSE(unknown);
  CHECK_EQ(tn::context_of(unknown.error()),
           "subscription to QUOTES XRPUSDT.SIM: no data client provides the instrument");
  auto no_bar_type = subscribe(subscription(tn::data_kind::bars, btc), sink);
  REQUIRE_FALSE(no_bar_type);
  CHECK_EQ(tn::context_of(no_bar_type.error()),
           "subscription to BARS BTCUSDT.SIM: bar_type missing");
  auto cmd = subscription(tn::data_kind::trades, btc);
  cmd.client_id = tn::client_id::of("OTHER");
  auto no_client = subscribe(cmd, sink);
  REQUIRE_FALSE(no_client);
  CHECK_EQ(tn::context_of(no_client.error()),
           "subscription to TRADES BTCUSDT.SIM: no data client OTHER");
  CHECK(record->events().empty());
}

TEST_CASE_FIXTURE(data_engine_fixture,
                  "data engine ends the subscriptions of a subscriber that terminated") {
  auto [sink, log] = make_sink();
  REQUIRE(subscribe(subscription(tn::data_kind::trades, eth), sink));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
  sched.run();
  CHECK_EQ(record->events(), (std::vector<std::string>{"FEED subscribe TRADES ETHUSDT.SIM",
                                                       "FEED unsubscribe TRADES ETHUSDT.SIM"}));
}

TEST_CASE_FIXTURE(data_engine_fixture,
                  "data engine builds 1-SECOND MID bars that close on the node clock") {
  auto [sink, log] = make_sink();
  auto bars = *tn::bar_type::parse("BTCUSDT.SIM-1-SECOND-MID-INTERNAL");
  REQUIRE(subscribe(subscription(tn::data_kind::bars, btc, bars), sink));
  // The client is asked for quotes: the engine builds the bars itself.
  CHECK_EQ(record->events(), std::vector<std::string>{"FEED subscribe QUOTES BTCUSDT.SIM"});
  auto t0 = clock_start; // on a whole second; the node clock reads it now
  send_quote(btc, "100.00", "100.10", "1.000", "3.000", t0 + 100'000'000); // mid 100.05, size 2
  send_quote(btc, "100.20", "100.40", "1.000", "1.000", t0 + 500'000'000); // mid 100.30, size 1
  // Exactly on the second: the bar (t0, t0 + 1 s] closes with it.
  send_quote(btc, "99.90", "100.00", "2.000", "2.000", t0 + second); // mid 99.95, size 2
  CHECK(log->bars.empty());
  // No later tick is needed: the bar closes once the clock passed its end.
  advance(1001ms);
  REQUIRE_EQ(log->bars.size(), 1u);
  check_bar(log->bars[0], "100.05", "100.30", "99.95", "99.95", "5.000", t0 + second);
  CHECK_EQ(log->bars[0].bar_type, bars);
  CHECK_EQ(log->bars[0].ticks, 3u);
  CHECK_EQ(log->bars[0].ts_init, t0 + second + 1'000'000);
  // An empty second makes no bar.
  advance(999ms);
  CHECK_EQ(log->bars.size(), 1u);
  send_quote(btc, "101.00", "101.20", "0.500", "0.500", t0 + 2 * second + 1); // mid 101.10
  // A late tick (its bar closed already) goes into the next one.
  send_quote(btc, "101.40", "101.60", "0.500", "1.500", t0 + 2 * second - 1); // mid 101.50
  // The data ends before the window does: its bar comes now.
  caf::anon_send(engine, tn::end_atom_v, tn::client_id::of("FEED"));
  sched.run();
  REQUIRE_EQ(log->bars.size(), 2u);
  check_bar(log->bars[1], "101.10", "101.50", "101.10", "101.50", "1.500", t0 + 3 * second);
  CHECK_EQ(log->bars[1].ticks, 2u);
  REQUIRE(unsubscribe(subscription(tn::data_kind::bars, btc, bars), sink));
  CHECK_EQ(record->events().back(), "FEED unsubscribe QUOTES BTCUSDT.SIM");
}

TEST_CASE_FIXTURE(data_engine_fixture, "data engine builds 3-TICK LAST bars from trades") {
  auto [sink, log] = make_sink();
  auto bars = *tn::bar_type::parse("ETHUSDT.SIM-3-TICK-LAST-INTERNAL");
  REQUIRE(subscribe(subscription(tn::data_kind::bars, eth, bars), sink));
  CHECK_EQ(record->events(), std::vector<std::string>{"FEED subscribe TRADES ETHUSDT.SIM"});
  const char* prices[] = {"10.00", "10.50", "9.80", "10.10", "10.20", "10.00", "11.00"};
  const char* sizes[] = {"1.0", "2.0", "0.5", "1.5", "1.0", "1.0", "4.0"};
  for (int i = 0; i < 7; ++i)
    send_trade(eth, prices[i], sizes[i], (i + 1) * second);
  REQUIRE_EQ(log->bars.size(), 2u);
  check_bar(log->bars[0], "10.00", "10.50", "9.80", "9.80", "3.5", 3 * second);
  check_bar(log->bars[1], "10.10", "10.20", "10.00", "10.00", "3.5", 6 * second);
}

TEST_CASE_FIXTURE(data_engine_fixture,
                  "data engine forwards external bar subscriptions and the client's bars") {
  auto [sink, log] = make_sink();
  auto bars = *tn::bar_type::parse("BTCUSDT.SIM-1-MINUTE-LAST-EXTERNAL");
  REQUIRE(subscribe(subscription(tn::data_kind::bars, btc, bars), sink));
  CHECK_EQ(record->events(),
           std::vector<std::string>{"FEED subscribe BARS BTCUSDT.SIM-1-MINUTE-LAST-EXTERNAL"});
  tn::bar x{bars, tn::price::of("1.00"), tn::price::of("2.00"), tn::price::of("0.50"),
            tn::price::of("1.50"), tn::quantity::of("10"), 60 * second, 60 * second};
  caf::anon_send(engine, x);
  sched.run();
  REQUIRE_EQ(log->bars.size(), 1u);
  CHECK_EQ(log->bars[0], x);
}

// -- flow control ---------------------------------------------------------------

namespace {

tn::data_engine_config flow_config(tn::slow_subscriber_policy policy) {
  tn::data_engine_config config;
  config.window = tn::consumed_report_every;
  config.slow_subscriber = policy;
  config.queue_limit = 100;
  return config;
}

// A data engine with a window of 256 and a subscriber that handles market data
// only when the test says so: a scoped actor, whose mailbox is its backlog.
struct flow_fixture : data_engine_fixture {
  std::unique_ptr<caf::scoped_actor> slow_actor = std::make_unique<caf::scoped_actor>(sys);
  caf::scoped_actor& slow = *slow_actor;

  explicit flow_fixture(tn::slow_subscriber_policy policy)
    : data_engine_fixture(flow_config(policy)) {
    slow->send(engine, tn::consumed_atom_v, uint64_t{0});
    for (auto kind : {tn::data_kind::quotes, tn::data_kind::trades})
      REQUIRE(subscribe(subscription(kind, btc), sink()));
    REQUIRE(subscribe(subscription(tn::data_kind::quotes, eth), sink()));
  }

  tn::market_data_sink_actor sink() {
    return caf::actor_cast<tn::market_data_sink_actor>(slow.ptr());
  }

  // The number (ts_event) of each quote the subscriber has (0 for a trade), in order.
  std::vector<tn::unix_nanos> take_backlog() {
    std::vector<tn::unix_nanos> result;
    bool more = true;
    while (more)
      slow->receive([&](const tn::quote_tick& x) { result.push_back(x.ts_event); },
                    [&](const tn::trade_tick&) { result.push_back(0); },
                    caf::after(std::chrono::seconds(0)) >> [&] { more = false; });
    return result;
  }

  void consumed(uint64_t n) {
    slow->send(engine, tn::consumed_atom_v, n);
    sched.run();
  }

  // Quotes of `id` numbered from..to (their ts_event), all sent at once.
  void send_quotes(const tn::instrument_id& id, tn::unix_nanos from, tn::unix_nanos to) {
    for (auto i = from; i <= to; ++i)
      caf::anon_send(engine, tn::quote_tick{id, tn::price::of("1.00"), tn::price::of("1.01"),
                                            tn::quantity::of("1"), tn::quantity::of("1"), i, i});
    sched.run();
  }

  // What the feed was told by the flow control: "pause" and "resume".
  std::vector<std::string> feed_told() {
    std::vector<std::string> result;
    for (auto& x : record->events())
      if (x == "FEED pause" || x == "FEED resume")
        result.push_back(x.substr(5));
    return result;
  }

  tn::data_flow_stats stats() {
    self->send(engine, caf::get_atom_v, tn::flow_atom_v);
    sched.run();
    auto x = take_reply<tn::data_flow_stats>();
    REQUIRE(x);
    return *x;
  }
};

struct conflating_fixture : flow_fixture {
  conflating_fixture() : flow_fixture(tn::slow_subscriber_policy::conflate) {
  }
};

struct backpressure_fixture : flow_fixture {
  backpressure_fixture() : flow_fixture(tn::slow_subscriber_policy::backpressure) {
  }
};

} // namespace

TEST_CASE_FIXTURE(conflating_fixture,
                  "a slow subscriber gets its window, its held quotes conflate per instrument, "
                  "trades stay in order") {
  send_quotes(btc, 1, 300);
  send_trade(btc, "9.99", "1", second);
  send_quotes(btc, 301, 350);
  send_quotes(eth, 1001, 1010);
  auto first = take_backlog();
  REQUIRE_EQ(first.size(), 256u);
  CHECK_EQ(first.front(), 1);
  CHECK_EQ(first.back(), 256);
  // Held: BTC 257..300 as one quote (300), the trade, BTC 301..350 as one
  // quote (350: the trade came between), ETH 1001..1010 as one quote (1010).
  auto x = stats();
  CHECK_EQ(x.held, 44u + 1 + 50 + 10);
  CHECK_EQ(x.conflated, 43u + 49 + 9);
  CHECK_EQ(x.max_queued, 4u);
  CHECK_EQ(x.pauses, 0u);
  consumed(256);
  CHECK_EQ(take_backlog(), std::vector<tn::unix_nanos>{300, 0, 350, 1010});
  // The window is open again: new data goes straight through.
  send_quotes(btc, 351, 352);
  CHECK_EQ(take_backlog(), (std::vector<tn::unix_nanos>{351, 352}));
  CHECK(feed_told().empty());
}

TEST_CASE_FIXTURE(conflating_fixture,
                  "subscribers that do not report what they consumed are not held back") {
  auto [sink, received] = make_sink();
  REQUIRE(subscribe(subscription(tn::data_kind::quotes, btc), sink));
  send_quotes(btc, 1, 1000);
  CHECK_EQ(received->quotes.size(), 1000u);
  CHECK_EQ(take_backlog().size(), 256u);
}

TEST_CASE_FIXTURE(backpressure_fixture,
                  "backpressure holds every message, pauses the feed at the queue limit and "
                  "resumes it at half") {
  send_quotes(btc, 1, 256 + 100);
  CHECK_EQ(feed_told(), std::vector<std::string>{"pause"});
  CHECK_EQ(take_backlog().size(), 256u);
  // Data already on its way when the feed paused is still held, not lost.
  send_quotes(btc, 357, 400);
  auto x = stats();
  CHECK_EQ(x.held, 144u);
  CHECK_EQ(x.conflated, 0u);
  CHECK_EQ(x.max_queued, 144u);
  CHECK_EQ(x.pauses, 1u);
  consumed(256);
  auto rest = take_backlog();
  REQUIRE_EQ(rest.size(), 144u);
  CHECK_EQ(rest.front(), 257);
  CHECK_EQ(rest.back(), 400);
  CHECK_EQ(feed_told(), (std::vector<std::string>{"pause", "resume"}));
}

TEST_CASE_FIXTURE(backpressure_fixture,
                  "a held-back subscriber that terminates releases the paused feed") {
  send_quotes(btc, 1, 256 + 100);
  REQUIRE_EQ(feed_told(), std::vector<std::string>{"pause"});
  slow_actor.reset();
  sched.run();
  CHECK_EQ(feed_told(), (std::vector<std::string>{"pause", "resume"}));
  CHECK(logs->contains("Data clients resumed"));
}

// -- batches --------------------------------------------------------------------

namespace {

// A subscriber that takes batches (a scoped actor, as in flow_fixture): what
// it got is read message by message.
struct batch_fixture : data_engine_fixture {
  caf::scoped_actor taker{sys};

  explicit batch_fixture(tn::data_engine_config config = {}) : data_engine_fixture(config) {
    taker->send(engine, tn::batches_atom_v);
    sched.run();
  }

  tn::market_data_sink_actor taker_sink() {
    return caf::actor_cast<tn::market_data_sink_actor>(taker.ptr());
  }

  // Each message the taker has, in order: "Q:1,2,3" for a quote batch of the
  // quotes numbered (ts_event) 1, 2 and 3; "T:..." for trades; "q:1" and
  // "t:1" for single ticks; "bar:3" for a bar (its ts_event in seconds).
  std::vector<std::string> take_messages() {
    std::vector<std::string> result;
    auto numbers = [](const auto& ticks) {
      std::string text;
      for (auto& x : ticks)
        text += (text.empty() ? "" : ",") + std::to_string(x.ts_event);
      return text;
    };
    bool more = true;
    while (more)
      taker->receive(
        [&](const tn::quote_batch& x) { result.push_back("Q:" + numbers(x.ticks)); },
        [&](const tn::trade_batch& x) { result.push_back("T:" + numbers(x.ticks)); },
        [&](const tn::quote_tick& x) { result.push_back("q:" + std::to_string(x.ts_event)); },
        [&](const tn::trade_tick& x) { result.push_back("t:" + std::to_string(x.ts_event)); },
        [&](const tn::bar& x) { result.push_back("bar:" + std::to_string(x.ts_event / second)); },
        caf::after(std::chrono::seconds(0)) >> [&] { more = false; });
    return result;
  }

  tn::quote_tick quote(const tn::instrument_id& id, tn::unix_nanos n) {
    return {id, tn::price::of("1.00"), tn::price::of("1.01"), tn::quantity::of("1"),
            tn::quantity::of("1"), n, n};
  }

  tn::trade_tick trade(const tn::instrument_id& id, const char* px, tn::unix_nanos n) {
    return {id, tn::price::of(px), tn::quantity::of("1"), tn::aggressor_side::buyer,
            tn::trade_id::of("T-" + std::to_string(n)), n, n};
  }

  void consumed(uint64_t n) {
    taker->send(engine, tn::consumed_atom_v, n);
    sched.run();
  }

  uint64_t received() {
    self->send(engine, caf::get_atom_v, tn::counts_atom_v);
    sched.run();
    auto x = take_reply<uint64_t>();
    REQUIRE(x);
    return *x;
  }
};

struct held_batch_fixture : batch_fixture {
  held_batch_fixture() : batch_fixture(flow_config(tn::slow_subscriber_policy::backpressure)) {
    taker->send(engine, tn::consumed_atom_v, uint64_t{0});
    sched.run();
  }
};

} // namespace

TEST_CASE_FIXTURE(batch_fixture,
                  "a feed's batch goes out as one message to a subscriber that takes batches "
                  "and tick by tick to one that does not") {
  auto [plain, plain_log] = make_sink();
  REQUIRE(subscribe(subscription(tn::data_kind::quotes, btc), taker_sink()));
  REQUIRE(subscribe(subscription(tn::data_kind::quotes, btc), plain));
  tn::quote_batch batch;
  for (tn::unix_nanos i = 1; i <= 5; ++i)
    batch.ticks.push_back(quote(btc, i));
  caf::anon_send(engine, batch);
  sched.run();
  CHECK_EQ(take_messages(), std::vector<std::string>{"Q:1,2,3,4,5"});
  REQUIRE_EQ(plain_log->quotes.size(), 5u);
  for (size_t i = 0; i < 5; ++i)
    CHECK_EQ(plain_log->quotes[i], batch.ticks[i]);
  CHECK_EQ(received(), 5u);
  // A single quote stays a single message.
  caf::anon_send(engine, quote(btc, 6));
  sched.run();
  CHECK_EQ(take_messages(), std::vector<std::string>{"q:6"});
  // An empty batch is nothing.
  caf::anon_send(engine, tn::quote_batch{});
  sched.run();
  CHECK(take_messages().empty());
  CHECK_EQ(received(), 6u);
}

TEST_CASE_FIXTURE(batch_fixture,
                  "a batch is split where the instrument changes and where a bar completes, "
                  "in the order single ticks would give") {
  auto bars = *tn::bar_type::parse("BTCUSDT.SIM-3-TICK-LAST-INTERNAL");
  REQUIRE(subscribe(subscription(tn::data_kind::trades, btc), taker_sink()));
  REQUIRE(subscribe(subscription(tn::data_kind::trades, eth), taker_sink()));
  REQUIRE(subscribe(subscription(tn::data_kind::bars, btc, bars), taker_sink()));
  tn::trade_batch batch{{trade(btc, "10.00", 1 * second), trade(btc, "10.50", 2 * second),
                         trade(btc, "9.80", 3 * second), trade(btc, "10.10", 4 * second),
                         trade(eth, "5.00", 5 * second), trade(btc, "10.20", 6 * second)}};
  caf::anon_send(engine, batch);
  sched.run();
  auto n = [](int s) { return std::to_string(s * second); };
  CHECK_EQ(take_messages(),
           (std::vector<std::string>{"T:" + n(1) + "," + n(2) + "," + n(3), "bar:3",
                                     "T:" + n(4), "T:" + n(5), "T:" + n(6)}));
}

TEST_CASE_FIXTURE(held_batch_fixture,
                  "what is held back for a subscriber that takes batches goes out in batches "
                  "of at most 256, and the window counts ticks") {
  REQUIRE(subscribe(subscription(tn::data_kind::quotes, btc), taker_sink()));
  for (tn::unix_nanos i = 1; i <= 256 + 600; ++i)
    caf::anon_send(engine, quote(btc, i));
  sched.run();
  auto first = take_messages();
  REQUIRE_EQ(first.size(), 256u);
  CHECK_EQ(first.front(), "q:1");
  CHECK_EQ(first.back(), "q:256");
  auto numbered = [](tn::unix_nanos from, tn::unix_nanos to) {
    std::string text = "Q:";
    for (auto i = from; i <= to; ++i)
      text += (i == from ? "" : ",") + std::to_string(i);
    return text;
  };
  // Held in batches of 256; the window (256 ticks) lets one out per report.
  consumed(256);
  CHECK_EQ(take_messages(), std::vector<std::string>{numbered(257, 512)});
  consumed(256);
  CHECK_EQ(take_messages(), std::vector<std::string>{numbered(513, 768)});
  consumed(256);
  CHECK_EQ(take_messages(), std::vector<std::string>{numbered(769, 856)});
  // A feed's batch counts its ticks: 300 fill the window, the next is held.
  consumed(88);
  tn::quote_batch big, small{{quote(btc, 2000)}};
  for (tn::unix_nanos i = 1001; i <= 1300; ++i)
    big.ticks.push_back(quote(btc, i));
  caf::anon_send(engine, big);
  caf::anon_send(engine, small);
  sched.run();
  CHECK_EQ(take_messages(), std::vector<std::string>{numbered(1001, 1300)});
  consumed(44);
  CHECK(take_messages().empty());
  consumed(1);
  CHECK_EQ(take_messages(), std::vector<std::string>{"Q:2000"});
}
