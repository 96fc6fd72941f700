#include <doctest/doctest.h>

#include <caf/send.hpp>

#include "feed_fixture.hpp"
#include "tradenode/adapters/synthetic/synthetic_feed.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

nlohmann::json instrument_json(const std::string& symbol) {
  auto x = nlohmann::json(tn::test::test_instrument(symbol, "SIM"));
  x.erase("ts_event"); // optional in a config
  x.erase("ts_init");
  return x;
}

nlohmann::json feed_settings(uint64_t seed) {
  return {{"seed", seed},
          {"rate", 100},
          {"trade_every", 2},
          {"start_prices", {{"AAA.SIM", "50.00"}}},
          {"instruments", {instrument_json("AAA"), instrument_json("BBB")}}};
}

std::string synthetic_error_of(const nlohmann::json& settings) {
  auto x = tn::synthetic::parse_synthetic_settings(settings);
  return x ? std::string{"no error"} : tn::describe(x.error());
}

struct feed_fixture : tn::test::feed_fixture {
  void add_feed(const char* name, const nlohmann::json& settings) {
    tn::test::feed_fixture::add_feed(tn::synthetic::synthetic_feed_factory(), name, settings);
  }
};

} // namespace

TEST_CASE("synthetic feed settings are checked and errors name the key") {
  CHECK_EQ(synthetic_error_of(feed_settings(1)), "no error");
  CHECK_NE(synthetic_error_of({{"seed", 1}}).find("settings.instruments: expected a non-empty array"),
           std::string::npos);
  auto bad_rate = feed_settings(1);
  bad_rate["rate"] = 0;
  CHECK_NE(synthetic_error_of(bad_rate).find("settings.rate: must be > 0"), std::string::npos);
  auto unknown = feed_settings(1);
  unknown["speed"] = 3;
  CHECK_NE(synthetic_error_of(unknown).find("settings.speed: unknown key"), std::string::npos);
  auto stranger = feed_settings(1);
  stranger["start_prices"] = {{"ZZZ.SIM", "1.00"}};
  CHECK_NE(synthetic_error_of(stranger).find("settings.start_prices.ZZZ.SIM: not one of the feed's"),
           std::string::npos);
  auto broken = feed_settings(1);
  broken["instruments"][1]["price_increment"] = "abc";
  CHECK_NE(synthetic_error_of(broken).find("settings.instruments[1].price_increment"), std::string::npos);
}

TEST_CASE_FIXTURE(feed_fixture, "the synthetic feed walks from its start price, seeded") {
  add_feed("ONE", feed_settings(7));
  auto quotes = subscribe("AAA.SIM", tn::data_kind::quotes);
  auto trades = subscribe("AAA.SIM", tn::data_kind::trades);
  for (int i = 0; i < 20; ++i)
    advance(10ms);
  REQUIRE_GE(quotes->quotes.size(), 20u);
  CHECK_EQ(trades->trades.size(), quotes->quotes.size() / 2);
  for (auto& q : quotes->quotes) {
    CHECK_EQ(q.ask_price.raw() - q.bid_price.raw(), tn::price::of("0.02").raw());
    CHECK_LT(std::abs(q.bid_price.as_double() - 50.0), 1.0); // 20 steps of at most 0.02
  }
  // The same seed gives the same walk.
  feed_fixture again;
  again.add_feed("ONE", feed_settings(7));
  auto replay = again.subscribe("AAA.SIM", tn::data_kind::quotes);
  for (int i = 0; i < 20; ++i)
    again.advance(10ms);
  REQUIRE_GE(replay->quotes.size(), 20u);
  for (size_t i = 0; i < 20; ++i)
    CHECK_EQ(replay->quotes[i].bid_price, quotes->quotes[i].bid_price);
}

TEST_CASE_FIXTURE(feed_fixture,
                  "the synthetic feed pauses and resumes on the data engine's word, and ends "
                  "after its count") {
  auto settings = feed_settings(7);
  settings["trade_every"] = 0;
  settings["count"] = 8;
  add_feed("ONE", settings);
  auto feed = caf::actor_cast<tn::data_client_actor>(actors.front());
  auto quotes = subscribe("AAA.SIM", tn::data_kind::quotes);
  for (int i = 0; i < 3; ++i)
    advance(10ms);
  auto before = quotes->quotes.size();
  REQUIRE_GE(before, 2u);
  caf::anon_send(feed, tn::pause_atom_v);
  for (int i = 0; i < 10; ++i)
    advance(10ms);
  CHECK_EQ(quotes->quotes.size(), before);
  caf::anon_send(feed, tn::resume_atom_v);
  caf::anon_send(feed, tn::resume_atom_v); // a second resume starts no second ticker
  for (int i = 0; i < 3; ++i)
    advance(10ms);
  CHECK_EQ(quotes->quotes.size(), before + 3);
  for (int i = 0; i < 20; ++i)
    advance(10ms);
  CHECK_EQ(quotes->quotes.size(), 8u);
  auto negative = feed_settings(1);
  negative["count"] = -1;
  CHECK_NE(synthetic_error_of(negative).find("settings.count"), std::string::npos);
}
