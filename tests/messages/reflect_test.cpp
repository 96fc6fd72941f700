#include <doctest/doctest.h>

#include "message_samples.hpp"

namespace tn = tradenode;

namespace {

template <class T>
std::string json_error_of(const nlohmann::json& j) {
  auto result = tn::from_json_value<T>(j, "msg");
  REQUIRE_FALSE(result);
  CHECK(result.error() == caf::make_error(tn::errc::parse_failure));
  return tn::describe(result.error());
}

} // namespace

TEST_CASE("JSON uses readable values: decimal strings, enum names, ids as text") {
  auto j = tn::to_json_value(tn::test::sample<tn::quote_tick>());
  CHECK(j["instrument_id"] == "BTCUSDT.BINANCE");
  CHECK(j["bid_price"] == "100.10");
  CHECK(j["ask_size"] == "2.5");
  CHECK(j["ts_event"] == 21);
  auto fill = tn::to_json_value(tn::test::sample<tn::order_filled>());
  CHECK(fill["side"] == "SELL");
  CHECK(fill["commission"] == "0.02000000 USDT");
  CHECK(fill["type"].is_null());
  auto ev = tn::to_json_value(tn::order_event{tn::test::sample<tn::order_filled>()});
  CHECK(ev["type"] == "order_filled");
}

TEST_CASE("a missing field is an error naming it") {
  auto j = tn::to_json_value(tn::test::sample<tn::quote_tick>());
  j.erase("bid_price");
  CHECK(json_error_of<tn::quote_tick>(j) == "tradenode: parse_failure (msg.bid_price: missing)");
}

TEST_CASE("an unknown key is an error naming it") {
  auto j = tn::to_json_value(tn::test::sample<tn::quote_tick>());
  j["bid_prize"] = "1.0";
  CHECK(json_error_of<tn::quote_tick>(j)
        == "tradenode: parse_failure (msg.bid_prize: unknown key (did you mean \"bid_price\"? "
        "expected one of: ask_price, ask_size, bid_price, bid_size, instrument_id, ts_event, "
        "ts_init))");
}

TEST_CASE("a wrong type is an error naming the path") {
  auto j = tn::to_json_value(tn::test::sample<tn::submit_order>());
  j["order"]["quantity"] = 2.5;
  CHECK(json_error_of<tn::submit_order>(j).find(
          "msg.order.quantity: expected a decimal string for quantity, got number")
        != std::string::npos);
}

TEST_CASE("integers out of range or fractional are errors, never truncated") {
  auto j = tn::to_json_value(tn::test::sample<tn::bar_type>());
  auto inst = tn::to_json_value(tn::test::sample<tn::instrument>());
  inst["price_precision"] = 300;
  CHECK(json_error_of<tn::instrument>(inst).find("msg.price_precision: integer 300 out of range")
        != std::string::npos);
  inst["price_precision"] = -1;
  CHECK(json_error_of<tn::instrument>(inst).find("out of range") != std::string::npos);
  inst["price_precision"] = 2.5;
  CHECK(json_error_of<tn::instrument>(inst).find("expected an integer, got number")
        != std::string::npos);
  auto q = tn::to_json_value(tn::test::sample<tn::quote_tick>());
  q["ts_init"] = -5;
  CHECK(json_error_of<tn::quote_tick>(q).find("msg.ts_init: integer -5 out of range")
        != std::string::npos);
}

TEST_CASE("an invalid value inside a field names the path and the rule") {
  auto j = tn::to_json_value(tn::test::sample<tn::quote_tick>());
  j["instrument_id"] = "BTCUSDT";
  CHECK(json_error_of<tn::quote_tick>(j).find(
          "msg.instrument_id: instrument_id \"BTCUSDT\": must have the form SYMBOL.VENUE")
        != std::string::npos);
}

TEST_CASE("optional fields may be null or absent") {
  auto j = tn::to_json_value(tn::test::sample<tn::order_initialized>());
  j["price"] = nullptr;
  j.erase("trigger_price");
  auto init = tn::from_json_value<tn::order_initialized>(j, "msg");
  REQUIRE(init);
  CHECK_FALSE(init->price);
  CHECK_FALSE(init->trigger_price);
}

TEST_CASE("a non-object where an object is expected is an error") {
  CHECK(json_error_of<tn::quote_tick>(nlohmann::json::array())
        == "tradenode: parse_failure (msg: expected an object, got array)");
}

TEST_CASE("an order event with an unknown type is an error naming it") {
  auto j = tn::to_json_value(tn::order_event{tn::test::sample<tn::order_denied>()});
  j["type"] = "order_vanished";
  CHECK(json_error_of<tn::order_event>(j).find("msg.type: unknown order event \"order_vanished\"")
        != std::string::npos);
}
