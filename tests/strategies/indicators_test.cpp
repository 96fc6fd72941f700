// Each indicator against values worked out by hand (the arithmetic is in the
// comments) or from a published worked example (cited).

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "tradenode/strategies/indicators.hpp"

namespace tn = tradenode;
namespace ind = tradenode::indicators;

namespace {

template <class Indicator>
void feed(Indicator& x, const std::vector<double>& values) {
  for (auto v : values)
    x.update(v);
}

tn::bar bar_of(const char* high, const char* low, const char* close, const char* volume,
               tn::unix_nanos ts = 0) {
  tn::bar x;
  x.open = tn::price::of(close);
  x.high = tn::price::of(high);
  x.low = tn::price::of(low);
  x.close = tn::price::of(close);
  x.volume = tn::quantity::of(volume);
  x.ts_event = ts;
  return x;
}

} // namespace

TEST_CASE("SMA: the mean of the last period prices") {
  ind::sma x{3};
  feed(x, {1, 2});
  CHECK_FALSE(x.initialized());
  CHECK_EQ(x.value(), doctest::Approx(1.5)); // the mean of what it has
  feed(x, {3});
  CHECK(x.initialized());
  CHECK_EQ(x.value(), doctest::Approx(2.0)); // (1 + 2 + 3) / 3
  feed(x, {4, 5});
  CHECK_EQ(x.value(), doctest::Approx(4.0)); // (3 + 4 + 5) / 3
  CHECK_THROWS_AS(ind::sma{0}, std::invalid_argument);
}

TEST_CASE("EMA: alpha 2 / (period + 1), started at the first price") {
  ind::ema x{3}; // alpha 0.5
  feed(x, {2});
  CHECK_EQ(x.value(), 2.0);
  feed(x, {4});
  CHECK_EQ(x.value(), doctest::Approx(3.0)); // 2 + 0.5 * (4 - 2)
  CHECK_FALSE(x.initialized());
  feed(x, {8});
  CHECK_EQ(x.value(), doctest::Approx(5.5)); // 3 + 0.5 * (8 - 3)
  CHECK(x.initialized());
}

TEST_CASE("rolling standard deviation and Bollinger bands: population deviation") {
  // Wikipedia, "Standard deviation", basic example: the population
  // standard deviation of 2, 4, 4, 4, 5, 5, 7, 9 is 2 (mean 5).
  ind::rolling_std sd{8};
  ind::bollinger_bands bands{8, 2.0};
  for (double v : {2, 4, 4, 4, 5, 5, 7, 9}) {
    sd.update(v);
    bands.update(v);
  }
  CHECK(sd.initialized());
  CHECK_EQ(sd.value(), doctest::Approx(2.0));
  CHECK_EQ(bands.middle(), doctest::Approx(5.0));
  CHECK_EQ(bands.upper(), doctest::Approx(9.0)); // 5 + 2 * 2
  CHECK_EQ(bands.lower(), doctest::Approx(1.0));
  // The window slides: 4, 4, 4, 5, 5, 7, 9, 10: mean 6, squares 4+4+4+1+1+1+9+16 = 40,
  // 40 / 8 = 5.
  sd.update(10);
  CHECK_EQ(sd.value(), doctest::Approx(std::sqrt(5.0)));
}

TEST_CASE("RSI: Wilder's averages, by hand") {
  ind::rsi x{2};
  feed(x, {10, 11});
  CHECK_FALSE(x.initialized());
  // Changes +1, -1: average gain (1 + 0) / 2 = 0.5, loss (0 + 1) / 2 = 0.5.
  feed(x, {10});
  CHECK(x.initialized());
  CHECK_EQ(x.value(), doctest::Approx(50.0));
  // +2: gain (0.5 + 2) / 2 = 1.25, loss (0.5 + 0) / 2 = 0.25; RS 5.
  feed(x, {12});
  CHECK_EQ(x.value(), doctest::Approx(100.0 - 100.0 / 6.0));
  // -1: gain 0.625, loss (0.25 + 1) / 2 = 0.625.
  feed(x, {11});
  CHECK_EQ(x.value(), doctest::Approx(50.0));
  ind::rsi rising{3};
  feed(rising, {1, 2, 3, 4});
  CHECK_EQ(rising.value(), 100.0); // no loss
}

TEST_CASE("RSI(14) follows StockCharts' published worked example") {
  // StockCharts ChartSchool, "Relative Strength Index (RSI)", its
  // spreadsheet cs-rsi.xls: closes from 44.34 and the RSI from the 15th.
  // The spreadsheet rounds its averages to two decimals, so ours (unrounded)
  // differ by up to 0.07; Wilder's method is the same.
  std::vector<double> closes = {44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84,
                                46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.00, 46.03, 46.41,
                                46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03,
                                44.18, 44.22, 44.57, 43.42, 42.66, 43.13};
  std::vector<double> published = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93,
                                   63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46,
                                   41.87, 45.46, 37.30, 33.08, 37.77};
  ind::rsi x{14};
  size_t k = 0;
  for (auto close : closes) {
    x.update(close);
    if (!x.initialized())
      continue;
    REQUIRE_LT(k, published.size());
    CHECK_EQ(x.value(), doctest::Approx(published[k]).epsilon(0.0015));
    ++k;
  }
  CHECK_EQ(k, published.size());
}

TEST_CASE("ATR: true ranges with gaps, Wilder-smoothed, from bars") {
  ind::atr x{3};
  x.handle(bar_of("10", "8", "9", "1"));       // TR 2
  x.handle(bar_of("11", "9", "10.5", "1"));    // max(2, |11 - 9|, |9 - 9|) = 2
  CHECK_FALSE(x.initialized());
  x.handle(bar_of("13", "10", "12", "1"));     // max(3, 2.5, 0.5) = 3
  CHECK(x.initialized());
  CHECK_EQ(x.value(), doctest::Approx(7.0 / 3.0)); // (2 + 2 + 3) / 3
  x.handle(bar_of("12.5", "11.5", "12", "1")); // TR 1: (7/3 * 2 + 1) / 3
  CHECK_EQ(x.value(), doctest::Approx(17.0 / 9.0));
  x.handle(bar_of("15", "14", "14.5", "1"));   // a gap up: max(1, |15 - 12|, 2) = 3
  CHECK_EQ(x.value(), doctest::Approx(61.0 / 27.0)); // (17/9 * 2 + 3) / 3
}

TEST_CASE("MACD: the line, its signal and the histogram") {
  ind::macd x{2, 3, 2}; // alphas 2/3, 1/2, 2/3
  x.update(1);          // fast 1, slow 1: line 0, signal 0
  CHECK_EQ(x.line(), 0.0);
  x.update(2);          // fast 5/3, slow 3/2: line 1/6; signal 2/3 * 1/6 = 1/9
  CHECK_FALSE(x.initialized());
  CHECK_EQ(x.line(), doctest::Approx(1.0 / 6.0));
  CHECK_EQ(x.signal(), doctest::Approx(1.0 / 9.0));
  CHECK_EQ(x.histogram(), doctest::Approx(1.0 / 18.0));
  x.update(3);          // fast 23/9, slow 9/4: line 11/36; signal 1/9 + 2/3 * (11/36 - 4/36)
  CHECK(x.initialized());
  CHECK_EQ(x.line(), doctest::Approx(11.0 / 36.0));
  CHECK_EQ(x.signal(), doctest::Approx(13.0 / 54.0));
  CHECK_THROWS_AS((ind::macd{3, 3, 2}), std::invalid_argument);
}

TEST_CASE("VWAP: volume-weighted over the UTC day, from trades and bars") {
  constexpr tn::unix_nanos day = 86'400'000'000'000;
  ind::vwap x;
  CHECK_FALSE(x.initialized());
  tn::trade_tick t;
  t.price = tn::price::of("100.00");
  t.size = tn::quantity::of("1.0");
  t.ts_event = 3 * day + 10;
  x.handle(t);
  t.price = tn::price::of("102.00");
  t.size = tn::quantity::of("3.0");
  x.handle(t);
  CHECK_EQ(x.value(), doctest::Approx(101.5)); // (100 * 1 + 102 * 3) / 4
  // A bar of the next day starts afresh at its typical price (12 + 9 + 9) / 3.
  x.handle(bar_of("12", "9", "9", "2", 4 * day + 1));
  CHECK_EQ(x.value(), doctest::Approx(10.0));
}

TEST_CASE("indicators take a quote's mid, a trade's price and a bar's close") {
  tn::quote_tick q;
  q.bid_price = tn::price::of("99.0");
  q.ask_price = tn::price::of("101.0");
  ind::sma x{2};
  x.handle(q);
  CHECK_EQ(x.value(), doctest::Approx(100.0));
  x.handle(bar_of("110", "90", "104", "1"));
  CHECK_EQ(x.value(), doctest::Approx(102.0)); // (100 + 104) / 2
}
