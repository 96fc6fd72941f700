// The run report's statistics against values worked out by hand (the
// arithmetic is in the comments).

#include <doctest/doctest.h>

#include "tradenode/node/run_report.hpp"
#include "tradenode/node/run_statistics.hpp"

namespace tn = tradenode;

namespace {

constexpr tn::unix_nanos day = 86'400'000'000'000;

tn::position_event life(const char* strategy, const char* realized, bool closed) {
  tn::position_event x;
  x.kind = closed ? tn::position_event_kind::closed : tn::position_event_kind::changed;
  x.strategy_id = tn::strategy_id::of(strategy);
  x.instrument_id = tn::instrument_id::of("BTCUSDT.SIM");
  x.realized_pnl = tn::money::of(realized);
  if (!closed) {
    x.side = tn::position_side::long_side;
    x.quantity = tn::quantity::of("2.000");
    x.avg_px_open = tn::price::of("100.00");
  }
  return x;
}

tn::order_filled fill(const char* strategy, const char* commission) {
  tn::order_filled x;
  x.strategy_id = tn::strategy_id::of(strategy);
  x.commission = tn::money::of(commission);
  return x;
}

// Four days; 1000 USDT to start. Total equity 1000, 1100 (+10 %), 1045
// (-5 %), 1149.5 (+10 %), 1092.025 (-5 %) at the day boundaries, with a dip
// to 980 at 2.5 days. Strategy A-1 gains 40 on the last day; B-1 has no curve.
tn::statistics_input four_days() {
  tn::statistics_input in;
  in.started = 0;
  in.ended = 4 * day;
  in.starting_balances = {{"USDT", 1000.0}};
  in.positions = {life("A-1", "30.00 USDT", true), life("A-1", "-10.00 USDT", true),
                  life("A-1", "20.00 USDT", true), life("B-1", "-5.00 USDT", true),
                  life("B-1", "-1.00 USDT", false)};
  in.fills = {fill("A-1", "0.50 USDT"), fill("A-1", "0.50 USDT"), fill("A-1", "0.50 USDT"),
              fill("A-1", "0.50 USDT"), fill("B-1", "0.25 USDT"), fill("B-1", "0.25 USDT")};
  in.curves[tn::total_scope]["USDT"] = {{0, 0.0},           {day, 100.0},
                                        {2 * day, 45.0},    {5 * day / 2, -20.0},
                                        {3 * day, 149.5},   {4 * day, 92.025}};
  in.curves["A-1"]["USDT"] = {{0, 0.0}, {4 * day, 40.0}};
  return in;
}

const tn::performance_statistics& only(
  const std::map<std::string, std::vector<tn::performance_statistics>>& xs,
  const std::string& scope) {
  auto& found = xs.at(scope);
  REQUIRE_EQ(found.size(), 1u);
  return found.front();
}

} // namespace

TEST_CASE("statistics of all strategies: returns, Sharpe, Sortino, drawdown, round trips") {
  auto stats = tn::compute_statistics(four_days(), tn::statistics_config{});
  CHECK_EQ(stats.size(), 3u); // total, A-1, B-1
  auto& x = only(stats, "total");
  CHECK_EQ(x.currency, "USDT");
  CHECK_EQ(x.starting_balance, 1000.0);
  CHECK_EQ(x.pnl, doctest::Approx(92.025));
  // 92.025 / 1000; over 4 of 365 days: 1.092025^(365 / 4) - 1.
  CHECK_EQ(*x.total_return, doctest::Approx(0.092025));
  CHECK_EQ(*x.annualised_return, doctest::Approx(3080.2221).epsilon(1e-6));
  // Daily returns 0.1, -0.05, 0.1, -0.05: mean 0.025, sample standard
  // deviation sqrt(4 * 0.075^2 / 3) = 0.0866025; 0.025 / 0.0866025 * sqrt(365).
  CHECK_EQ(x.return_periods, 4u);
  CHECK_EQ(*x.sharpe_ratio, doctest::Approx(5.5151307));
  // Downside deviation sqrt((0.05^2 + 0.05^2) / 4) = 0.0353553.
  CHECK_EQ(*x.sortino_ratio, doctest::Approx(13.5092561));
  // From the peak 100 (day 1) down to -20 (day 2.5): 120, of equity 1100 at
  // the peak; regained on day 3, 2 days after the peak. The last fall (149.5
  // to 92.025 on day 4) is 57.475 (5 %) and lasts to the run's end, 1 day.
  CHECK_EQ(x.max_drawdown, doctest::Approx(120.0));
  CHECK_EQ(*x.max_drawdown_pct, doctest::Approx(120.0 / 1100.0));
  CHECK_EQ(x.max_drawdown_duration, 2 * day);
  // Round trips +30, -10, +20, -5 (B-1's open life is not one).
  CHECK_EQ(x.round_trips, 4u);
  CHECK_EQ(x.winners, 2u);
  CHECK_EQ(x.losers, 2u);
  CHECK_EQ(*x.win_rate, doctest::Approx(0.5));
  CHECK_EQ(*x.profit_factor, doctest::Approx(50.0 / 15.0));
  CHECK_EQ(*x.average_win, doctest::Approx(25.0));
  CHECK_EQ(*x.average_loss, doctest::Approx(-7.5));
  CHECK_EQ(*x.expectancy, doctest::Approx(35.0 / 4.0));
  CHECK_EQ(x.commissions, doctest::Approx(2.5));
}

TEST_CASE("statistics per strategy: its own round trips, commissions and curve") {
  auto stats = tn::compute_statistics(four_days(), tn::statistics_config{});
  auto& a = only(stats, "A-1");
  CHECK_EQ(a.round_trips, 3u);
  CHECK_EQ(*a.win_rate, doctest::Approx(2.0 / 3.0));
  CHECK_EQ(*a.profit_factor, doctest::Approx(5.0));
  CHECK_EQ(*a.average_loss, doctest::Approx(-10.0));
  CHECK_EQ(*a.expectancy, doctest::Approx(40.0 / 3.0));
  CHECK_EQ(a.commissions, doctest::Approx(2.0));
  // Daily returns 0, 0, 0, 0.04: mean 0.01, deviation 0.02; no losing day,
  // so no downside deviation and no Sortino ratio.
  CHECK_EQ(*a.total_return, doctest::Approx(0.04));
  CHECK_EQ(*a.sharpe_ratio, doctest::Approx(0.5 * std::sqrt(365.0)));
  CHECK_FALSE(a.sortino_ratio);
  CHECK_EQ(a.max_drawdown, 0.0);
  CHECK_EQ(*a.max_drawdown_pct, 0.0);
  CHECK_EQ(a.max_drawdown_duration, 0);
  auto& b = only(stats, "B-1");
  CHECK_EQ(b.round_trips, 1u);
  CHECK_EQ(*b.win_rate, 0.0);
  CHECK_EQ(*b.profit_factor, 0.0); // no gain over a loss of 5
  CHECK_FALSE(b.average_win);
  CHECK_EQ(*b.average_loss, doctest::Approx(-5.0));
  CHECK_EQ(b.commissions, doctest::Approx(0.5));
  CHECK_FALSE(b.sharpe_ratio); // flat: no deviation
}

TEST_CASE("a risk-free rate is taken off every period's return") {
  tn::statistics_config cfg;
  cfg.risk_free_rate = 0.0365; // 0.0001 a day over 365 days
  auto x = only(tn::compute_statistics(four_days(), cfg), "total");
  // Excess returns 0.0999, -0.0501, ...: mean 0.0249, same deviation;
  // downside sqrt(2 * 0.0501^2 / 4).
  CHECK_EQ(*x.sharpe_ratio, doctest::Approx(5.4930702));
  CHECK_EQ(*x.sortino_ratio, doctest::Approx(13.4283623));
}

TEST_CASE("what cannot be computed stays empty, with no starting balance or a short run") {
  auto in = four_days();
  in.starting_balances.clear();
  auto x = only(tn::compute_statistics(in, tn::statistics_config{}), "total");
  CHECK_FALSE(x.total_return);
  CHECK_FALSE(x.sharpe_ratio);
  CHECK_FALSE(x.max_drawdown_pct);
  CHECK_EQ(x.max_drawdown, doctest::Approx(120.0)); // the amount needs no balance
  tn::statistics_config hourly;
  hourly.returns_period = std::chrono::hours{24 * 5}; // longer than the run
  auto y = only(tn::compute_statistics(four_days(), hourly), "total");
  CHECK_EQ(*y.total_return, doctest::Approx(0.092025));
  CHECK_FALSE(y.annualised_return);
  CHECK_EQ(y.return_periods, 0u);
  CHECK_FALSE(y.sharpe_ratio);
  auto none = tn::compute_statistics(tn::statistics_input{}, tn::statistics_config{});
  CHECK(none.at("total").empty());
}

TEST_CASE("a strategy's PnL is its lives' realized PnL plus its open life marked at the bid") {
  tn::instrument_pnl mark;
  mark.instrument_id = tn::instrument_id::of("BTCUSDT.SIM");
  mark.bid = tn::price::of("103.50");
  mark.ask = tn::price::of("103.60");
  auto lives = std::vector<tn::position_event>{life("A-1", "30.00 USDT", true),
                                               life("B-1", "-1.00 USDT", false)};
  // B-1: -1 realized + 2 * (103.50 - 100.00) unrealized = 6.
  auto by_strategy = tn::strategy_pnl(lives, {mark});
  CHECK_EQ(by_strategy.at("A-1").at("USDT"), doctest::Approx(30.0));
  CHECK_EQ(by_strategy.at("B-1").at("USDT"), doctest::Approx(6.0));
  // Without a quote the open life counts its realized PnL only.
  CHECK_EQ(tn::strategy_pnl(lives, {}).at("B-1").at("USDT"), doctest::Approx(-1.0));
}
