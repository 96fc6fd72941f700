#include <doctest/doctest.h>

#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"

namespace tn = tradenode;

TEST_CASE("price parses and prints decimal text exactly") {
  for (auto text : {"0", "1", "-1", "0.5", "-0.000000001", "123.450", "0.000000001",
                    "9223372036.854775807", "-9223372036.854775807", "42.000000000"}) {
    CAPTURE(text);
    auto px = tn::price::parse(text);
    REQUIRE(px);
    CHECK(to_string(*px) == text);
  }
}

TEST_CASE("precision is the number of decimals written") {
  CHECK(tn::price::of("1.250").precision() == 3);
  CHECK(tn::price::of("1").precision() == 0);
  CHECK(tn::price::of("0.123456789").precision() == 9);
  CHECK(tn::price::of("0.123456789").raw() == 123456789);
  CHECK(tn::price::of("-2.5").raw() == -2'500'000'000);
}

TEST_CASE("values compare numerically across precisions") {
  CHECK(tn::price::of("1.0") == tn::price::of("1.00"));
  CHECK(tn::price::of("1.01") > tn::price::of("1.0"));
  CHECK(tn::price::of("-1") < tn::price::of("0"));
}

TEST_CASE("parse rejects malformed text with the text in the error") {
  for (auto text : {"", "-", "1.", ".5", "1.2.3", "abc", "1e5", "1,5", " 1", "1 ",
                    "0.1234567890", "--1"}) {
    CAPTURE(text);
    auto px = tn::price::parse(text);
    REQUIRE_FALSE(px);
    CHECK(px.error() == caf::make_error(tn::errc::parse_failure));
    CHECK(tn::describe(px.error()).find("\"" + std::string{text} + "\"")
          != std::string::npos);
  }
}

TEST_CASE("parse rejects values beyond the 64-bit range") {
  for (auto text : {"9223372036.854775808", "9223372037", "-9223372036.854775808",
                    "99999999999999999999"}) {
    CAPTURE(text);
    auto px = tn::price::parse(text);
    REQUIRE_FALSE(px);
    CHECK(tn::describe(px.error()).find("out of range") != std::string::npos);
  }
}

TEST_CASE("more than nine decimals is refused, nine is accepted") {
  CHECK(tn::price::parse("0.000000001"));
  auto px = tn::price::parse("0.0000000001");
  REQUIRE_FALSE(px);
  CHECK(tn::describe(px.error()).find("more than 9 decimal places") != std::string::npos);
}

TEST_CASE("quantity refuses negative values") {
  auto qty = tn::quantity::parse("-1");
  REQUIRE_FALSE(qty);
  CHECK(qty.error() == caf::make_error(tn::errc::invalid_argument));
  CHECK(tn::describe(qty.error()).find("quantity -1 must not be negative")
        != std::string::npos);
  CHECK(tn::quantity::parse("0"));
}

TEST_CASE("from_raw checks precision and stray decimals") {
  CHECK(tn::price::from_raw(1'500'000'000, 1));
  CHECK_FALSE(tn::price::from_raw(1'500'000'000, 10));
  auto stray = tn::price::from_raw(1'050'000'000, 1);
  REQUIRE_FALSE(stray);
  CHECK(tn::describe(stray.error()).find("more than 1 decimals") != std::string::npos);
  CHECK_FALSE(tn::price::from_raw(std::numeric_limits<int64_t>::min(), 9));
}

TEST_CASE("add and subtract are exact for equal precisions") {
  auto sum = add(tn::price::of("1.25"), tn::price::of("2.50"));
  REQUIRE(sum);
  CHECK(to_string(*sum) == "3.75");
  auto diff = subtract(tn::price::of("1.25"), tn::price::of("2.50"));
  REQUIRE(diff);
  CHECK(to_string(*diff) == "-1.25");
  auto tiny = add(tn::price::of("0.000000001"), tn::price::of("0.000000002"));
  REQUIRE(tiny);
  CHECK(to_string(*tiny) == "0.000000003");
}

TEST_CASE("arithmetic on different precisions is a precision mismatch") {
  auto sum = add(tn::price::of("1.25"), tn::price::of("1.5"));
  REQUIRE_FALSE(sum);
  CHECK(sum.error() == caf::make_error(tn::errc::precision_mismatch));
  CHECK(tn::describe(sum.error()).find("1.25 + 1.5") != std::string::npos);
}

TEST_CASE("arithmetic overflow is an error, not a wrap-around") {
  auto max = tn::price::of("9223372036.854775807");
  auto sum = add(max, tn::price::of("0.000000001"));
  REQUIRE_FALSE(sum);
  CHECK(sum.error() == caf::make_error(tn::errc::overflow));
  auto min = tn::price::of("-9223372036.854775807");
  auto diff = subtract(min, tn::price::of("0.000000001"));
  REQUIRE_FALSE(diff);
  CHECK(diff.error() == caf::make_error(tn::errc::overflow));
}

TEST_CASE("quantity subtraction below zero is refused") {
  auto diff = subtract(tn::quantity::of("1.0"), tn::quantity::of("2.0"));
  REQUIRE_FALSE(diff);
  CHECK(diff.error() == caf::make_error(tn::errc::invalid_argument));
}
