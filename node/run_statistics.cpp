#include "tradenode/node/run_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace tradenode {

namespace {

constexpr double nanos_per_day = 86'400e9;

bool in_scope(const std::string& scope, const strategy_id& id) {
  return scope == total_scope || id.value() == scope;
}

// Profit and loss of the round trips (closed position lives) of one scope.
void add_round_trips(performance_statistics& x, const std::string& scope,
                     const std::vector<position_event>& positions) {
  double gross_win = 0, gross_loss = 0;
  for (auto& p : positions) {
    if (p.kind != position_event_kind::closed || !in_scope(scope, p.strategy_id)
        || to_string(p.realized_pnl.ccy()) != x.currency)
      continue;
    auto pnl = p.realized_pnl.amount().as_double();
    ++x.round_trips;
    if (pnl > 0) {
      ++x.winners;
      gross_win += pnl;
    } else if (pnl < 0) {
      ++x.losers;
      gross_loss += pnl;
    }
  }
  if (x.round_trips == 0)
    return;
  auto n = static_cast<double>(x.round_trips);
  x.win_rate = static_cast<double>(x.winners) / n;
  x.expectancy = (gross_win + gross_loss) / n;
  if (x.winners > 0)
    x.average_win = gross_win / static_cast<double>(x.winners);
  if (x.losers > 0) {
    x.average_loss = gross_loss / static_cast<double>(x.losers);
    x.profit_factor = gross_win / -gross_loss;
  }
}

// The largest fall from a running peak, in amount and in percent of the
// equity at the peak, and the longest time from a peak until the PnL regains
// it (or until the run's end).
void add_drawdown(performance_statistics& x, const std::vector<pnl_point>& curve,
                  unix_nanos ended) {
  if (curve.empty())
    return;
  auto peak = curve.front();
  bool below = false;
  auto lasted = [&](unix_nanos until) {
    x.max_drawdown_duration = std::max(x.max_drawdown_duration, until - peak.ts);
  };
  if (x.starting_balance)
    x.max_drawdown_pct = 0.0;
  for (auto& point : curve) {
    if (point.pnl >= peak.pnl) {
      if (below)
        lasted(point.ts);
      peak = point;
      below = false;
      continue;
    }
    below = true;
    x.max_drawdown = std::max(x.max_drawdown, peak.pnl - point.pnl);
    if (x.starting_balance && *x.starting_balance + peak.pnl > 0)
      x.max_drawdown_pct = std::max(*x.max_drawdown_pct,
                                    (peak.pnl - point.pnl) / (*x.starting_balance + peak.pnl));
  }
  if (below && ended > peak.ts)
    lasted(ended);
}

// The PnL at `t`: the last point at or before it (0 before the first).
double pnl_at(const std::vector<pnl_point>& curve, unix_nanos t) {
  auto i = std::upper_bound(curve.begin(), curve.end(), t,
                            [](unix_nanos ts, const pnl_point& p) { return ts < p.ts; });
  return i == curve.begin() ? 0.0 : std::prev(i)->pnl;
}

double mean(const std::vector<double>& xs) {
  double sum = 0;
  for (auto x : xs)
    sum += x;
  return sum / static_cast<double>(xs.size());
}

// Returns per whole period from the start, annualised as the config says.
void add_returns(performance_statistics& x, const std::vector<pnl_point>& curve,
                 unix_nanos started, unix_nanos ended, const statistics_config& cfg) {
  if (!x.starting_balance || *x.starting_balance <= 0)
    return;
  auto capital = *x.starting_balance;
  x.total_return = x.pnl / capital;
  auto period = static_cast<unix_nanos>(cfg.returns_period.count());
  auto duration = ended > started ? ended - started : 0;
  if (period == 0 || duration < period)
    return;
  auto years = static_cast<double>(duration) / (cfg.days_per_year * nanos_per_day);
  if (*x.total_return > -1)
    x.annualised_return = std::pow(1 + *x.total_return, 1 / years) - 1;
  x.return_periods = static_cast<size_t>(duration / period);
  if (x.return_periods < 2)
    return;
  auto periods_per_year = cfg.days_per_year * nanos_per_day / static_cast<double>(period);
  auto risk_free = cfg.risk_free_rate / periods_per_year;
  std::vector<double> excess;
  auto equity = capital + pnl_at(curve, started);
  for (size_t k = 1; k <= x.return_periods; ++k) {
    auto next = capital + pnl_at(curve, started + static_cast<unix_nanos>(k) * period);
    excess.push_back((equity > 0 ? next / equity - 1 : 0.0) - risk_free);
    equity = next;
  }
  auto average = mean(excess);
  double squares = 0, downside = 0;
  for (auto r : excess) {
    squares += (r - average) * (r - average);
    downside += r < 0 ? r * r : 0.0;
  }
  auto n = static_cast<double>(excess.size());
  auto deviation = std::sqrt(squares / (n - 1));
  auto downside_deviation = std::sqrt(downside / n);
  if (deviation > 0)
    x.sharpe_ratio = average / deviation * std::sqrt(periods_per_year);
  if (downside_deviation > 0)
    x.sortino_ratio = average / downside_deviation * std::sqrt(periods_per_year);
}

std::set<std::string> scopes_of(const statistics_input& in) {
  std::set<std::string> result;
  for (auto& [scope, curves] : in.curves)
    result.insert(scope);
  for (auto& p : in.positions)
    result.insert(p.strategy_id.value());
  for (auto& f : in.fills)
    result.insert(f.strategy_id.value());
  result.erase(total_scope);
  return result;
}

performance_statistics statistics_of(const statistics_input& in, const std::string& scope,
                                     const std::string& ccy, const statistics_config& cfg) {
  performance_statistics x;
  x.currency = ccy;
  if (auto i = in.starting_balances.find(ccy); i != in.starting_balances.end())
    x.starting_balance = i->second;
  for (auto& f : in.fills)
    if (in_scope(scope, f.strategy_id) && to_string(f.commission.ccy()) == ccy)
      x.commissions += f.commission.amount().as_double();
  add_round_trips(x, scope, in.positions);
  std::vector<pnl_point> curve;
  if (auto i = in.curves.find(scope); i != in.curves.end())
    if (auto j = i->second.find(ccy); j != i->second.end())
      curve = j->second;
  std::stable_sort(curve.begin(), curve.end(),
                   [](const pnl_point& a, const pnl_point& b) { return a.ts < b.ts; });
  x.pnl = curve.empty() ? 0.0 : curve.back().pnl;
  add_drawdown(x, curve, in.ended);
  add_returns(x, curve, in.started, in.ended, cfg);
  return x;
}

} // namespace

std::map<std::string, std::vector<performance_statistics>>
compute_statistics(const statistics_input& in, const statistics_config& cfg) {
  std::map<std::string, std::vector<performance_statistics>> result;
  auto scopes = scopes_of(in);
  scopes.insert(total_scope);
  for (auto& scope : scopes) {
    std::set<std::string> currencies;
    if (auto i = in.curves.find(scope); i != in.curves.end())
      for (auto& [ccy, curve] : i->second)
        currencies.insert(ccy);
    for (auto& p : in.positions)
      if (in_scope(scope, p.strategy_id))
        currencies.insert(to_string(p.realized_pnl.ccy()));
    for (auto& f : in.fills)
      if (in_scope(scope, f.strategy_id) && !f.commission.amount().is_zero())
        currencies.insert(to_string(f.commission.ccy()));
    auto& out = result[scope];
    for (auto& ccy : currencies)
      out.push_back(statistics_of(in, scope, ccy, cfg));
  }
  return result;
}

nlohmann::json to_json(const performance_statistics& x) {
  auto value = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"currency", x.currency},
          {"starting_balance", value(x.starting_balance)},
          {"pnl", x.pnl},
          {"total_return", value(x.total_return)},
          {"annualised_return", value(x.annualised_return)},
          {"return_periods", x.return_periods},
          {"sharpe_ratio", value(x.sharpe_ratio)},
          {"sortino_ratio", value(x.sortino_ratio)},
          {"max_drawdown", x.max_drawdown},
          {"max_drawdown_pct", value(x.max_drawdown_pct)},
          {"max_drawdown_duration_s", static_cast<double>(x.max_drawdown_duration) / 1e9},
          {"round_trips", x.round_trips},
          {"winners", x.winners},
          {"losers", x.losers},
          {"win_rate", value(x.win_rate)},
          {"profit_factor", value(x.profit_factor)},
          {"average_win", value(x.average_win)},
          {"average_loss", value(x.average_loss)},
          {"expectancy", value(x.expectancy)},
          {"commissions", x.commissions}};
}

} // namespace tradenode
