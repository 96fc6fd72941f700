#include <doctest/doctest.h>

#include "tradenode/messages/money.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tn = tradenode;

TEST_CASE("money parses and prints amount and currency") {
  auto m = tn::money::parse("-12.50 USD");
  REQUIRE(m);
  CHECK(to_string(*m) == "-12.50 USD");
  CHECK(m->ccy().precision() == 2);
  CHECK(to_string(tn::money::zero(tn::currency::of("BTC"))) == "0.00000000 BTC");
}

TEST_CASE("malformed money text is an error naming the text") {
  for (auto text : {"12.50", "12.50 usd", "x USD", ""}) {
    CAPTURE(text);
    CHECK_FALSE(tn::money::parse(text));
  }
}

TEST_CASE("money adds within one currency and refuses mixed currencies") {
  auto sum = add(tn::money::of("1.25 USD"), tn::money::of("2.80 USD"));
  REQUIRE(sum);
  CHECK(to_string(*sum) == "4.05 USD");
  auto diff = subtract(tn::money::of("1.25 USD"), tn::money::of("2.80 USD"));
  REQUIRE(diff);
  CHECK(to_string(*diff) == "-1.55 USD");
  auto mixed = add(tn::money::of("1.25 USD"), tn::money::of("1.25 EUR"));
  REQUIRE_FALSE(mixed);
  CHECK(mixed.error() == caf::make_error(tn::errc::precision_mismatch));
  CHECK(tn::describe(mixed.error()).find("currencies differ") != std::string::npos);
}

TEST_CASE("make refuses an amount whose precision differs from the currency's") {
  auto m = tn::money::make(tn::money::amount_type::of("1.5"), tn::currency::of("USD"));
  REQUIRE_FALSE(m);
  CHECK(m.error() == caf::make_error(tn::errc::precision_mismatch));
}

TEST_CASE("notional is price times quantity rounded half away from zero") {
  auto usd = tn::currency::of("USD");
  auto n = tn::notional(tn::price::of("100.25"), tn::quantity::of("3"), usd);
  REQUIRE(n);
  CHECK(to_string(*n) == "300.75 USD");
  // 0.333 * 1.5 = 0.4995 -> 0.50
  auto rounded = tn::notional(tn::price::of("0.333"), tn::quantity::of("1.5"), usd);
  REQUIRE(rounded);
  CHECK(to_string(*rounded) == "0.50 USD");
  // -0.333 * 1.5 = -0.4995 -> -0.50
  auto negative = tn::notional(tn::price::of("-0.333"), tn::quantity::of("1.5"), usd);
  REQUIRE(negative);
  CHECK(to_string(*negative) == "-0.50 USD");
  auto btc = tn::notional(tn::price::of("0.000000019"), tn::quantity::of("0.5"),
                          tn::currency::of("BTC"));
  REQUIRE(btc);
  CHECK(to_string(*btc) == "0.00000001 BTC");
}

TEST_CASE("notional overflow is an error") {
  auto n = tn::notional(tn::price::of("9000000000"), tn::quantity::of("2"),
                        tn::currency::of("USD"));
  REQUIRE_FALSE(n);
  CHECK(n.error() == caf::make_error(tn::errc::overflow));
}

TEST_CASE("a fee is the value times the rate, rounded half away from zero") {
  auto rate = tn::fee_rate::of("0.0004");
  CHECK(to_string(*tn::fee(tn::money::of("33.33 USD"), rate)) == "0.01 USD"); // 0.013332
  CHECK(to_string(*tn::fee(tn::money::of("12.50 USD"), rate)) == "0.01 USD"); // 0.005
  CHECK(to_string(*tn::fee(tn::money::of("12.50 USD"), tn::fee_rate::of("-0.0004")))
        == "-0.01 USD"); // a maker rebate
  CHECK(to_string(*tn::fee(tn::money::of("40.40000000 USDT"), rate)) == "0.01616000 USDT");
}

TEST_CASE("a known currency's money keeps its precision, however many decimals are typed") {
  // "1000000 USDT" used to be USDT with 0 decimals: a balance no order ever matched.
  for (auto text : {"1000000 USDT", "1000000.0 USDT", "1000000.00000000 USDT"}) {
    CAPTURE(text);
    auto m = tn::money::parse(text);
    REQUIRE(m);
    CHECK(m->ccy() == tn::currency::of("USDT"));
    CHECK(to_string(*m) == "1000000.00000000 USDT");
  }
  auto too_precise = tn::money::parse("1.001 USD");
  REQUIRE_FALSE(too_precise);
  CHECK(tn::context_of(too_precise.error())
        == "money \"1.001 USD\": 3 decimals, but USD has 2");
  // Another code carries the decimals written, as to_string prints them.
  auto custom = tn::money::parse("1.2500 XYZ");
  REQUIRE(custom);
  CHECK(custom->ccy().precision() == 4);
}

TEST_CASE("money of an unknown code reads from JSON with its currency spelled out") {
  auto j = nlohmann::json{{"amount", "100"}, {"currency", {{"code", "XYZ"}, {"precision", 4}}}};
  auto m = j.get<tn::money>();
  CHECK(to_string(m) == "100.0000 XYZ");
  j["amount"] = "1.23456";
  CHECK_THROWS_WITH_AS(j.get<tn::money>(),
                       doctest::Contains("5 decimals, but XYZ has 4"), tn::json_error);
}
