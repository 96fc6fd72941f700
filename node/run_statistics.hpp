#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <caf/timespan.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/events/order_filled.hpp"
#include "tradenode/messages/events/position_event.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// How returns are measured (config section `report.statistics`).
struct statistics_config {
  /// Returns are taken over periods of this length on the data's clock,
  /// from the run's start (`returns_period`, seconds). Default one day.
  caf::timespan returns_period = std::chrono::hours{24};
  /// The annual risk-free rate the Sharpe and Sortino ratios subtract
  /// (`risk_free_rate`, 0.05 = 5 %). Default 0.
  double risk_free_rate = 0.0;
  /// Days in a year for annualising (`days_per_year`): 365 for markets that
  /// trade every day, 252 for trading days only. Default 365.
  double days_per_year = 365.0;
};

/// Total PnL (realized + unrealized) per currency at one moment.
using pnl_by_currency = std::map<std::string, double>;

/// One point of a PnL curve.
struct pnl_point {
  unix_nanos ts = 0;
  double pnl = 0.0;
};

/// What a person evaluating a strategy reads, in one currency, for one
/// strategy or for all. Empty values could not be computed (the docs say why:
/// no losing round trip for the profit factor, no starting balance for
/// returns, fewer than two returns periods for Sharpe and Sortino).
struct performance_statistics {
  std::string currency;
  /// The accounts' first reported balance in this currency (all venues).
  std::optional<double> starting_balance;
  /// Realized + unrealized PnL at the end, commissions deducted.
  double pnl = 0.0;
  /// Commissions paid in this currency.
  double commissions = 0.0;
  /// A round trip is one position's life from open to close.
  size_t round_trips = 0;
  size_t winners = 0;
  size_t losers = 0;
  std::optional<double> win_rate;
  /// Gross profit of winners over the gross loss of losers.
  std::optional<double> profit_factor;
  std::optional<double> average_win;
  /// Negative: the average realized PnL of a losing round trip.
  std::optional<double> average_loss;
  /// The average realized PnL per round trip.
  std::optional<double> expectancy;
  /// pnl / starting_balance.
  std::optional<double> total_return;
  /// (1 + total_return)^(1 / years) - 1; needs a run of at least one period.
  std::optional<double> annualised_return;
  size_t return_periods = 0;
  std::optional<double> sharpe_ratio;
  std::optional<double> sortino_ratio;
  /// The largest fall of PnL from a running peak (positive amount).
  double max_drawdown = 0.0;
  /// The largest fall as a fraction of the equity (starting balance + PnL) at
  /// its peak.
  std::optional<double> max_drawdown_pct;
  /// The longest time PnL stayed below a previous peak, in nanoseconds.
  unix_nanos max_drawdown_duration = 0;

  friend bool operator==(const performance_statistics&, const performance_statistics&)
    = default;
};

/// What the statistics are computed from: a run's closed and open position
/// lives, fills, PnL curves per scope ("total" or a strategy id) and currency,
/// and the starting balances per currency.
struct statistics_input {
  unix_nanos started = 0;
  unix_nanos ended = 0;
  std::vector<position_event> positions;
  std::vector<order_filled> fills;
  std::map<std::string, std::map<std::string, std::vector<pnl_point>>> curves;
  pnl_by_currency starting_balances;
};

/// The scope of all strategies together.
inline const std::string total_scope = "total";

/// Returns the statistics per scope ("total", then each strategy id) and
/// currency.
std::map<std::string, std::vector<performance_statistics>>
compute_statistics(const statistics_input& in, const statistics_config& cfg);

/// Returns `x` as JSON; values that could not be computed are null.
nlohmann::json to_json(const performance_statistics& x);

} // namespace tradenode
