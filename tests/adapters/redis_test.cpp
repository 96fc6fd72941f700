#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "message_samples.hpp"
#include "redis_server.hpp"
#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/adapters/redis/redis_journal.hpp"
#include "tradenode/adapters/redis/redis_streamer.hpp"

// The Redis journal and streamer against a real redis-server of each test's
// own on loopback (tests/support/redis_server.hpp).

namespace tn = tradenode;
using json = nlohmann::json;

namespace {

const std::string journal_key = "tradenode:TRADER-001:journal";

tn::journal_config redis_journal_config(const tn::test::redis_server& server) {
  return tn::redis_journal_config(server.config(), journal_key);
}

// The entries of stream `key`: each one's fields as a map.
std::vector<std::map<std::string, std::string>> entries(tn::redis_connection& conn,
                                                        const std::string& key) {
  std::vector<std::map<std::string, std::string>> out;
  auto reply = conn.command({"XRANGE", key, "-", "+"});
  REQUIRE_MESSAGE(reply, (reply ? std::string{} : tn::describe(reply.error())));
  for (auto& entry : reply->elements) {
    std::map<std::string, std::string> fields;
    fields["id"] = entry.elements[0].text;
    auto& xs = entry.elements[1].elements;
    for (size_t i = 0; i + 1 < xs.size(); i += 2)
      fields[xs[i].text] = xs[i + 1].text;
    out.push_back(std::move(fields));
  }
  return out;
}

} // namespace

// -- the journal ----------------------------------------------------------------

TEST_CASE("a Redis journal reads back what was appended, in order, and numbers on") {
  tn::test::redis_server server{"redis_journal_round_trip"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto cfg = redis_journal_config(server);
  // Strategy state is journaled hex-encoded, so any bytes are safe; the
  // record's JSON itself goes in binary-safe.
  json state{{"strategy_id", "S-1"}, {"state", {{"k", "00ff6e756c"}}}};
  {
    auto opened = tn::open_journal(cfg); // an absent key is an empty journal
    REQUIRE_MESSAGE(opened, (opened ? std::string{} : tn::describe(opened.error())));
    CHECK(opened->contents.records.empty());
    REQUIRE_FALSE(opened->store->append("order", json{{"n", 1}}));
    REQUIRE_FALSE(opened->store->append("strategy_state", state));
    REQUIRE_FALSE(opened->store->sync());
  }
  auto again = tn::open_journal(cfg);
  REQUIRE_MESSAGE(again, (again ? std::string{} : tn::describe(again.error())));
  auto& records = again->contents.records;
  REQUIRE(records.size() == 2);
  CHECK(records[0].seq == 1);
  CHECK(records[0].kind == "order");
  CHECK(records[0].data == json{{"n", 1}});
  CHECK(records[1].seq == 2);
  CHECK(records[1].data == state);
  REQUIRE_FALSE(again->store->append("position", json{{"n", 3}}));
  // The stream's ids are the records' numbers.
  tn::redis_connection conn{server.config()};
  auto stored = entries(conn, journal_key);
  REQUIRE(stored.size() == 3);
  CHECK(stored[2]["id"] == "3-0");
  CHECK(stored[2]["kind"] == "position");
  CHECK(stored[2]["data"] == R"({"n":3})");
}

TEST_CASE("a Redis journal reads more than one XRANGE page") {
  tn::test::redis_server server{"redis_journal_pages"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto cfg = redis_journal_config(server);
  {
    auto opened = tn::open_journal(cfg);
    REQUIRE(opened);
    for (int i = 1; i <= 2500; ++i)
      REQUIRE_FALSE(opened->store->append("command", json{{"n", i}}));
  }
  auto again = tn::open_journal(cfg);
  REQUIRE(again);
  REQUIRE(again->contents.records.size() == 2500);
  for (size_t i = 0; i < 2500; ++i)
    REQUIRE(again->contents.records[i].seq == i + 1);
  CHECK(again->contents.records.back().data == json{{"n", 2500}});
}

TEST_CASE("a Redis journal refuses entries it did not write, naming the key and the entry") {
  tn::test::redis_server server{"redis_journal_broken"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto cfg = redis_journal_config(server);
  tn::redis_connection conn{server.config()};
  auto expect_refused = [&](const std::string& why) {
    auto opened = tn::open_journal(cfg);
    REQUIRE_FALSE(opened);
    CHECK(opened.error() == caf::make_error(tn::errc::journal_failed));
    CHECK(tn::context_of(opened.error())
          == "journal redis 127.0.0.1:" + std::to_string(server.port()) + " "
               + journal_key + ": " + why);
  };
  SUBCASE("data that is not JSON") {
    REQUIRE(conn.command({"XADD", journal_key, "1-0", "kind", "order", "data", "{oops"}));
    expect_refused("entry 1-0: data is not JSON");
  }
  SUBCASE("a missing field") {
    REQUIRE(conn.command({"XADD", journal_key, "1-0", "kind", "order"}));
    expect_refused("entry 1-0: expected the fields kind and data");
  }
  SUBCASE("an id that is not <seq>-0") {
    REQUIRE(conn.command({"XADD", journal_key, "1-1", "kind", "order", "data", "{}"}));
    expect_refused("entry 1-1: its id is not <seq>-0 (not written by tradenode)");
  }
  SUBCASE("a gap: an entry deleted, or one added by another writer") {
    REQUIRE(conn.command({"XADD", journal_key, "1-0", "kind", "order", "data", "{}"}));
    REQUIRE(conn.command({"XADD", journal_key, "3-0", "kind", "order", "data", "{}"}));
    expect_refused("entry 3-0: expected record 2 (records are numbered 1, 2, ... without "
                   "gaps)");
  }
  SUBCASE("a key that is not a stream") {
    REQUIRE(conn.command({"SET", journal_key, "x"}));
    auto opened = tn::open_journal(cfg);
    REQUIRE_FALSE(opened);
    CHECK(tn::context_of(opened.error()).find("WRONGTYPE") != std::string::npos);
  }
}

TEST_CASE("a Redis journal numbers on after a record whose answer it lost") {
  tn::test::redis_server server{"redis_journal_lost_answer"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto cfg = redis_journal_config(server);
  auto opened = tn::open_journal(cfg);
  REQUIRE(opened);
  REQUIRE_FALSE(opened->store->append("order", json{{"n", 1}}));
  // As if the answer to record 2 had been lost with its connection, and the
  // retry had failed too: the stream has it, the journal's count does not.
  tn::redis_connection conn{server.config()};
  REQUIRE(conn.command({"XADD", journal_key, "2-0", "kind", "order", "data", R"({"n":2})"}));
  REQUIRE_FALSE(opened->store->append("order", json{{"n", 3}}));
  auto again = tn::open_journal(cfg);
  REQUIRE(again);
  REQUIRE(again->contents.records.size() == 3);
  CHECK(again->contents.records[2].data == json{{"n", 3}});
}

TEST_CASE("a Redis journal whose server is not there fails to open, naming the address") {
  tn::redis_config redis;
  redis.port = tn::test::free_loopback_port();
  auto opened = tn::open_journal(tn::redis_journal_config(redis, journal_key));
  REQUIRE_FALSE(opened);
  CHECK(opened.error() == caf::make_error(tn::errc::journal_failed));
  auto text = tn::context_of(opened.error());
  CHECK_MESSAGE(text.find("journal tradenode:TRADER-001:journal: cannot read: redis 127.0.0.1:"
                          + std::to_string(redis.port) + ": cannot connect")
                  == 0,
                text);
}

TEST_CASE("a Redis journal whose server restarts appends on, numbering on, nothing twice") {
  tn::test::redis_server server{"redis_journal_restart"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto cfg = redis_journal_config(server);
  auto opened = tn::open_journal(cfg);
  REQUIRE(opened);
  auto& journal = *opened->store;
  REQUIRE_FALSE(journal.append("order", json{{"n", 1}}));
  server.stop();
  // While it is away: an error naming the server, and nothing numbered.
  auto err = journal.append("order", json{{"n", 2}});
  REQUIRE(err);
  CHECK(tn::context_of(err).find("cannot append: redis 127.0.0.1:" + std::to_string(server.port()))
        != std::string::npos);
  REQUIRE_MESSAGE(server.start(), server.output());
  REQUIRE_FALSE(journal.append("order", json{{"n", 3}}));
  auto again = tn::open_journal(cfg);
  REQUIRE(again);
  auto& records = again->contents.records;
  REQUIRE(records.size() == 2);
  CHECK(records[1].seq == 2);
  CHECK(records[1].data == json{{"n", 3}});
}

// -- the streamer -----------------------------------------------------------------

namespace {

struct streamer_fixture : tn::test::deterministic_fixture {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  tn::streaming_config cfg;
  tn::redis_streamer_actor streamer;

  explicit streamer_fixture(const tn::redis_config& redis, size_t buffer_limit = 100,
                            uint64_t max_len = 100000) {
    cfg.redis = redis;
    cfg.max_len = max_len;
    cfg.orders_key = "tradenode:TRADER-001:orders";
    cfg.positions_key = "tradenode:TRADER-001:positions";
    cfg.buffer_limit = buffer_limit;
    streamer = sys.spawn(tn::redis_streamer, std::make_shared<spdlog::logger>("Streamer", logs),
                         cfg);
    self->send(streamer, tn::start_atom_v);
    sched.run();
    REQUIRE(take_reply<caf::ok_atom>());
  }

  ~streamer_fixture() {
    caf::anon_send_exit(streamer, caf::exit_reason::user_shutdown);
    sched.run();
  }

  void stop() {
    self->send(streamer, tn::stop_atom_v);
    sched.run();
    REQUIRE(take_reply<caf::ok_atom>());
  }

  // Sends `n` order events (accepted, then fills), numbered by their seed.
  void send_orders(int first, int n) {
    for (int i = first; i < first + n; ++i) {
      auto fill = tn::test::sample_order_filled();
      fill.trade_id = tn::trade_id::of("T-" + std::to_string(i));
      caf::anon_send(streamer, tn::order_event{fill});
    }
    sched.run();
  }
};

} // namespace

TEST_CASE("the streamer appends order and position events to their streams, in order") {
  tn::test::redis_server server{"redis_streamer_order"};
  REQUIRE_MESSAGE(server.running(), server.output());
  streamer_fixture fix{server.config()};
  auto accepted = tn::test::sample_event<tn::order_accepted>(4);
  caf::anon_send(fix.streamer, tn::order_event{accepted});
  fix.send_orders(1, 300); // more than one pipelined batch
  caf::anon_send(fix.streamer, tn::test::sample_position_event());
  fix.sched.run();
  tn::redis_connection conn{server.config()};
  auto orders = entries(conn, fix.cfg.orders_key);
  REQUIRE(orders.size() == 301);
  CHECK(orders[0]["seq"] == "1");
  CHECK(orders[0]["type"] == "order_accepted");
  CHECK(orders[0]["strategy_id"] == accepted.strategy_id.value());
  CHECK(orders[0]["instrument_id"] == accepted.instrument_id.value());
  CHECK(json::parse(orders[0]["data"]).get<tn::order_event>() == tn::order_event{accepted});
  for (size_t i = 1; i < orders.size(); ++i) {
    REQUIRE(orders[i]["seq"] == std::to_string(i + 1));
    REQUIRE(json::parse(orders[i]["data"])["trade_id"] == "T-" + std::to_string(i));
  }
  auto positions = entries(conn, fix.cfg.positions_key);
  REQUIRE(positions.size() == 1);
  CHECK(positions[0]["type"] == "position_closed");
  CHECK(positions[0]["strategy_id"] == "EMACross-001");
  CHECK(json::parse(positions[0]["data"]).get<tn::position_event>()
        == tn::test::sample_position_event());
  fix.stop();
  CHECK(fix.logs->contains("Streaming: 302 event(s) streamed, 0 not delivered, 0 dropped, 0 "
                           "refused"));
}

TEST_CASE("the streamer holds events while Redis is away and streams them when it is back") {
  tn::test::redis_server server{"redis_streamer_outage"};
  REQUIRE_MESSAGE(server.running(), server.output());
  server.stop();
  streamer_fixture fix{server.config(), 5};
  fix.send_orders(1, 3);
  CHECK(fix.logs->contains("Streaming: redis 127.0.0.1:" + std::to_string(server.port())
                           + ": cannot connect"));
  fix.advance(std::chrono::seconds{1}); // a try while still away: held
  fix.send_orders(4, 4);                // 7 held, beyond the limit of 5
  CHECK(fix.logs->contains("more than 5 event(s) held for redis"));
  REQUIRE_MESSAGE(server.start(), server.output());
  fix.advance(std::chrono::seconds{1});
  CHECK(fix.logs->contains("is back; 5 event(s) streamed so far"));
  tn::redis_connection conn{server.config()};
  auto orders = entries(conn, fix.cfg.orders_key);
  // The 2 oldest were dropped; the rest arrive in order, numbered as sent.
  REQUIRE(orders.size() == 5);
  for (size_t i = 0; i < 5; ++i)
    CHECK(orders[i]["seq"] == std::to_string(i + 3));
  fix.send_orders(8, 1); // and on as usual
  CHECK(entries(conn, fix.cfg.orders_key).size() == 6);
  fix.stop();
  CHECK(fix.logs->contains("6 event(s) streamed, 0 not delivered, 2 dropped"));
}

TEST_CASE("the streamer trims its streams to about max_len entries") {
  tn::test::redis_server server{"redis_streamer_trim"};
  REQUIRE_MESSAGE(server.running(), server.output());
  // MAXLEN ~ trims whole radix-tree nodes (100 entries by default): with
  // max_len 10, 1000 entries leave far fewer than 1000.
  streamer_fixture fix{server.config(), 100, 10};
  fix.send_orders(1, 1000);
  tn::redis_connection conn{server.config()};
  auto len = conn.command({"XLEN", fix.cfg.orders_key});
  REQUIRE(len);
  CHECK(len->integer < 1000);
  CHECK(len->integer >= 10);
}
