#pragma once

#include <map>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/events/order_filled.hpp"
#include "tradenode/messages/events/position_event.hpp"
#include "tradenode/messages/order.hpp"
#include "tradenode/messages/reports/instrument_pnl.hpp"
#include "tradenode/node/run_statistics.hpp"

namespace tradenode {

/// What a run did: the end-of-run report's data, collected by the run monitor.
struct run_report {
  /// Total PnL (realized + unrealized) per currency at one moment, of all
  /// strategies and of each.
  struct pnl_sample {
    unix_nanos ts = 0;
    pnl_by_currency pnl;
    std::map<std::string, pnl_by_currency> strategies;
  };

  unix_nanos started = 0;
  unix_nanos ended = 0;
  /// Quotes, trades and bars the data engine received.
  uint64_t market_events = 0;
  /// Every order with its final state, in submission order.
  std::vector<order> orders;
  std::vector<order_filled> fills;
  /// The last event of each position's life, in opening order.
  std::vector<position_event> positions;
  /// The portfolio's PnL per instrument at the end.
  std::vector<instrument_pnl> pnl;
  /// The equity curve: total PnL over time.
  std::vector<pnl_sample> samples;
  /// The accounts' first balances per currency (all venues summed).
  pnl_by_currency starting_balances;
  /// Per scope ("total", then each strategy) and currency; filled at the end.
  std::map<std::string, std::vector<performance_statistics>> statistics;
};

/// Returns the total PnL (realized + unrealized) per currency code of `xs`.
std::map<std::string, double> total_pnl(const std::vector<instrument_pnl>& xs);

/// Returns the PnL (realized + unrealized) per strategy and currency: the
/// realized PnL of every position life in `lives`, the open ones marked at
/// the last quote in `marks` as the portfolio marks them.
std::map<std::string, pnl_by_currency> strategy_pnl(const std::vector<position_event>& lives,
                                                    const std::vector<instrument_pnl>& marks);

/// Returns the statistics of `x` (its positions, fills, PnL samples and
/// starting balances).
std::map<std::string, std::vector<performance_statistics>>
statistics_of(const run_report& x, const statistics_config& cfg);

/// Returns a few lines for a person: counts, positions, PnL per instrument.
std::string summary_text(const run_report& x);

/// Returns the whole report as JSON: `summary` plus `statistics`, `orders`,
/// `fills`, `positions`, `pnl` and `equity_curve`.
nlohmann::json to_json(const run_report& x);

/// CSV tables, one row per order, fill and position, with a header line.
std::string orders_csv(const run_report& x);
std::string fills_csv(const run_report& x);
std::string positions_csv(const run_report& x);

/// Returns an SVG picture of the equity curve (total PnL per currency over
/// time), self-contained, for a browser.
std::string equity_svg(const run_report& x);

/// Writes report.json, orders.csv, fills.csv, positions.csv and equity.svg
/// into `dir` (created if missing); an error names the file that failed.
caf::error write_report_files(const run_report& x, const std::string& dir);

/// Writes the report of one run into a folder of its own under `parent`,
/// named after the run's start (UTC, "20261205-113000", with "-2", "-3" for
/// runs started in the same second), and points the link `parent/latest` at
/// it: no run ever overwrites another's report. Returns the folder.
caf::expected<std::string> write_run_report(const run_report& x, const std::string& parent);

} // namespace tradenode
