#include <doctest/doctest.h>

#include "message_samples.hpp"

namespace tn = tradenode;

TEST_CASE("the sample instrument is consistent") {
  auto err = tn::validate(tn::test::sample<tn::instrument>());
  CHECK_MESSAGE(!err, tn::describe(err));
}

TEST_CASE("inconsistent instruments are errors naming the field") {
  struct {
    void (*mutate)(tn::instrument&);
    const char* message;
  } cases[] = {
    {[](tn::instrument& x) { x.price_increment = tn::price::of("0.1"); },
     "price_increment: 0.1 does not carry price_precision 2"},
    {[](tn::instrument& x) { x.price_increment = tn::price::of("0.00"); },
     "price_increment: must be > 0"},
    {[](tn::instrument& x) { x.size_increment = tn::quantity::of("0.01"); },
     "size_increment: 0.01 does not carry size_precision 3"},
    {[](tn::instrument& x) { x.min_quantity = tn::quantity::of("2000"); },
     "min_quantity: exceeds max_quantity"},
    {[](tn::instrument& x) { x.base_currency = caf::none; },
     "base_currency: required for PERPETUAL"},
    {[](tn::instrument& x) { x.price_precision = 12; }, "price_precision: exceeds 9"},
  };
  for (auto& c : cases) {
    CAPTURE(c.message);
    auto x = tn::test::sample<tn::instrument>();
    c.mutate(x);
    auto err = tn::validate(x);
    CHECK(err == caf::make_error(tn::errc::invalid_argument));
    CHECK(tn::describe(err).find("BTCUSDT-PERP.BINANCE." + std::string{c.message})
          != std::string::npos);
  }
}

TEST_CASE("prices and quantities are checked against the increments") {
  auto x = tn::test::sample<tn::instrument>();
  CHECK(tn::is_valid_price(x, tn::price::of("100.10")));
  CHECK(tn::is_valid_price(x, tn::price::of("100.1")));
  CHECK_FALSE(tn::is_valid_price(x, tn::price::of("100.15")));
  CHECK_FALSE(tn::is_valid_price(x, tn::price::of("100.100")));
  CHECK(tn::is_valid_quantity(x, tn::quantity::of("0.005")));
  CHECK_FALSE(tn::is_valid_quantity(x, tn::quantity::of("0.0005")));
}

TEST_CASE("equities need no base currency") {
  auto x = tn::test::sample<tn::instrument>();
  x.kind = tn::instrument_kind::equity;
  x.base_currency = caf::none;
  CHECK_FALSE(tn::validate(x));
}
