#include <doctest/doctest.h>

#include "tradenode/messages/currency.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tn = tradenode;

TEST_CASE("well-known currencies carry their precision") {
  CHECK(tn::currency::of("USD").precision() == 2);
  CHECK(tn::currency::of("JPY").precision() == 0);
  CHECK(tn::currency::of("BTC").precision() == 8);
  CHECK(tn::currency::of("USDT").code() == "USDT");
}

TEST_CASE("unknown or malformed currencies are errors naming the code") {
  auto unknown = tn::currency::known("XYZ");
  REQUIRE_FALSE(unknown);
  CHECK(tn::describe(unknown.error()).find("\"XYZ\": unknown code") != std::string::npos);
  for (auto code : {"", "usd", "US D", "ABCDEFGHIJKLMNOPQ"}) {
    CAPTURE(code);
    auto ccy = tn::currency::make(code, 2);
    REQUIRE_FALSE(ccy);
    CHECK(ccy.error() == caf::make_error(tn::errc::invalid_argument));
  }
  auto precise = tn::currency::make("ABC", 10);
  REQUIRE_FALSE(precise);
  CHECK(tn::describe(precise.error()).find("precision 10 exceeds 9") != std::string::npos);
}

TEST_CASE("custom currencies can be made") {
  auto xyz = tn::currency::make("XYZ", 9);
  REQUIRE(xyz);
  CHECK(xyz->code() == "XYZ");
  CHECK(xyz->precision() == 9);
}

TEST_CASE("a known code has one precision: ISO 4217 minor units, 8 for crypto") {
  CHECK(tn::currency::of("JPY").precision() == 0);
  CHECK(tn::currency::of("KWD").precision() == 3);
  CHECK(tn::currency::of("CAD").precision() == 2);
  CHECK(tn::currency::of("SOL").precision() == 8);
  auto usdt0 = tn::currency::make("USDT", 0);
  REQUIRE_FALSE(usdt0);
  CHECK(tn::context_of(usdt0.error()) == "currency USDT has 8 decimals, not 0");
  CHECK(tn::currency::make("USDT", 8));
}

TEST_CASE("a known currency reads from JSON by its code alone") {
  CHECK(nlohmann::json("USDT").get<tn::currency>() == tn::currency::of("USDT"));
  auto custom = nlohmann::json{{"code", "XYZ"}, {"precision", 3}}.get<tn::currency>();
  CHECK(custom.precision() == 3);
  CHECK_THROWS_WITH_AS(nlohmann::json("XYZ").get<tn::currency>(),
                       doctest::Contains("currency \"XYZ\": unknown code"), tn::json_error);
}
