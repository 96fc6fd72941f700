#include <doctest/doctest.h>

#include "tradenode/messages/data/bar_type.hpp"

namespace tn = tradenode;

TEST_CASE("bar types parse and print NautilusTrader's text form") {
  auto bt = tn::bar_type::parse("BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL");
  REQUIRE(bt);
  CHECK(bt->instrument_id == tn::instrument_id::of("BTCUSDT.BINANCE"));
  CHECK(bt->step == 1);
  CHECK(bt->aggregation == tn::bar_aggregation::minute);
  CHECK(bt->price_type == tn::price_type::last);
  CHECK(bt->source == tn::aggregation_source::external);
  CHECK(to_string(*bt) == "BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL");
}

TEST_CASE("an instrument id containing dashes parses") {
  auto bt = tn::bar_type::parse("BTC-PERPETUAL.DERIBIT-100-TICK-MID-INTERNAL");
  REQUIRE(bt);
  CHECK(bt->instrument_id.value() == "BTC-PERPETUAL.DERIBIT");
  CHECK(bt->step == 100);
  CHECK(bt->aggregation == tn::bar_aggregation::tick);
}

TEST_CASE("malformed bar types name the part that is wrong") {
  struct {
    const char* text;
    const char* message;
  } cases[] = {
    {"BTCUSDT.BINANCE-1-MINUTE-LAST", "expected INSTRUMENT-STEP"},
    {"BTCUSDT-1-MINUTE-LAST-EXTERNAL", "instrument_id \"BTCUSDT\": must have the form SYMBOL.VENUE"},
    {"BTCUSDT.BINANCE-0-MINUTE-LAST-EXTERNAL", "step \"0\" must be a positive integer"},
    {"BTCUSDT.BINANCE-x-MINUTE-LAST-EXTERNAL", "step \"x\""},
    {"BTCUSDT.BINANCE-1-WEEK-LAST-EXTERNAL", "bar_aggregation: unknown value \"WEEK\""},
    {"BTCUSDT.BINANCE-1-MINUTE-CLOSE-EXTERNAL", "price_type: unknown value \"CLOSE\""},
    {"BTCUSDT.BINANCE-1-MINUTE-LAST-ELSEWHERE", "aggregation_source: unknown value"},
    {"nonsense", "expected INSTRUMENT-STEP-AGGREGATION-PRICE_TYPE-SOURCE"},
  };
  for (auto& c : cases) {
    CAPTURE(c.text);
    auto bt = tn::bar_type::parse(c.text);
    REQUIRE_FALSE(bt);
    CHECK(tn::describe(bt.error()).find(c.message) != std::string::npos);
  }
}
