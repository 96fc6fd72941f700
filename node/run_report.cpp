#include "tradenode/node/run_report.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/fmt/fmt.h>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reports/position_valuation.hpp"

namespace tradenode {

namespace {

std::string optional_text(const caf::optional<price>& x) {
  return x ? to_string(*x) : std::string{};
}

double seconds_between(unix_nanos from, unix_nanos to) {
  return to > from ? static_cast<double>(to - from) / 1e9 : 0.0;
}

// Sums of money per currency, exact (fixed point) until made doubles at the
// end, so that the same amounts summed in any grouping give the same figure.
class money_sums {
public:
  void plus(const money& x) {
    auto [i, added] = sums_.try_emplace(to_string(x.ccy()), x);
    if (added)
      return;
    if (auto sum = add(i->second, x))
      i->second = *sum;
  }

  pnl_by_currency as_doubles() const {
    pnl_by_currency result;
    for (auto& [ccy, x] : sums_)
      result[ccy] = x.amount().as_double();
    return result;
  }

private:
  std::map<std::string, money> sums_;
};

std::string percent_or_dash(const std::optional<double>& x) {
  return x ? fmt::format("{:.4g} %", *x * 100) : std::string{"-"};
}

std::string number_or_dash(const std::optional<double>& x) {
  return x ? fmt::format("{:.6g}", *x) : std::string{"-"};
}

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out{path, std::ios::binary | std::ios::trunc};
  out << text;
  return static_cast<bool>(out.flush());
}

} // namespace

std::map<std::string, double> total_pnl(const std::vector<instrument_pnl>& xs) {
  money_sums sums;
  for (auto& x : xs) {
    sums.plus(x.realized_pnl);
    if (x.unrealized_pnl)
      sums.plus(*x.unrealized_pnl);
  }
  return sums.as_doubles();
}

std::map<std::string, pnl_by_currency> strategy_pnl(const std::vector<position_event>& lives,
                                                    const std::vector<instrument_pnl>& marks) {
  std::map<std::string, money_sums> sums;
  for (auto& life : lives) {
    auto& strategy_sums = sums[life.strategy_id.value()];
    strategy_sums.plus(life.realized_pnl);
    if (life.kind == position_event_kind::closed || life.quantity.is_zero())
      continue;
    auto mark = std::find_if(marks.begin(), marks.end(), [&](const instrument_pnl& m) {
      return m.instrument_id == life.instrument_id;
    });
    if (mark == marks.end() || !mark->bid || !mark->ask)
      continue;
    if (auto open = unrealized_pnl(life, mark_price(life.side, *mark->bid, *mark->ask)))
      strategy_sums.plus(*open);
  }
  std::map<std::string, pnl_by_currency> result;
  for (auto& [strategy, by_currency] : sums)
    result[strategy] = by_currency.as_doubles();
  return result;
}

std::map<std::string, std::vector<performance_statistics>>
statistics_of(const run_report& x, const statistics_config& cfg) {
  statistics_input in;
  in.started = x.started;
  in.ended = x.ended;
  in.positions = x.positions;
  in.fills = x.fills;
  in.starting_balances = x.starting_balances;
  for (auto& sample : x.samples) {
    for (auto& [ccy, pnl] : sample.pnl)
      in.curves[total_scope][ccy].push_back({sample.ts, pnl});
    for (auto& [strategy, pnls] : sample.strategies)
      for (auto& [ccy, pnl] : pnls)
        in.curves[strategy][ccy].push_back({sample.ts, pnl});
  }
  return compute_statistics(in, cfg);
}

std::string summary_text(const run_report& x) {
  auto open = std::count_if(x.orders.begin(), x.orders.end(),
                            [](const order& o) { return o.is_open(); });
  auto duration = seconds_between(x.started, x.ended);
  std::string out = fmt::format("Run report: {:.1f} s, {} market events, {} orders ({} open "
                                "at the end), {} fills, {} positions",
                                duration, x.market_events, x.orders.size(), open,
                                x.fills.size(), x.positions.size());
  for (auto& p : x.pnl)
    out += fmt::format("\n  {}: {} {}, realized {}, unrealized {}", p.instrument_id.value(),
                       to_string(p.side), to_string(p.quantity), to_string(p.realized_pnl),
                       p.unrealized_pnl ? to_string(*p.unrealized_pnl) : std::string{"-"});
  for (auto& [ccy, total] : total_pnl(x.pnl))
    out += fmt::format("\n  total PnL: {:.8g} {}", total, ccy);
  // The node's figures first, then each strategy's.
  auto statistics_lines = [&out](const std::string& scope,
                                 const std::vector<performance_statistics>& xs) {
    for (auto& s : xs)
      out += fmt::format("\n  {} {}: return {} (annualised {}), max drawdown {:.8g} ({}, "
                         "{:.0f} s); {} returns periods: Sharpe {}, Sortino {}; {} round "
                         "trips: win rate {}, profit factor {}, average win {}, average loss "
                         "{}, expectancy {}; commissions {:.8g}",
                         scope, s.currency, percent_or_dash(s.total_return),
                         percent_or_dash(s.annualised_return), s.max_drawdown,
                         percent_or_dash(s.max_drawdown_pct),
                         static_cast<double>(s.max_drawdown_duration) / 1e9, s.return_periods,
                         number_or_dash(s.sharpe_ratio), number_or_dash(s.sortino_ratio),
                         s.round_trips, percent_or_dash(s.win_rate),
                         number_or_dash(s.profit_factor), number_or_dash(s.average_win),
                         number_or_dash(s.average_loss), number_or_dash(s.expectancy),
                         s.commissions);
  };
  if (auto i = x.statistics.find(total_scope); i != x.statistics.end())
    statistics_lines(i->first, i->second);
  for (auto& [scope, xs] : x.statistics)
    if (scope != total_scope)
      statistics_lines(scope, xs);
  return out;
}

nlohmann::json to_json(const run_report& x) {
  nlohmann::json orders = nlohmann::json::array();
  for (auto& o : x.orders)
    orders.push_back({{"client_order_id", o.client_order_id().value()},
                      {"strategy_id", o.strategy_id().value()},
                      {"instrument_id", o.instrument_id().value()},
                      {"side", to_string(o.init().side)},
                      {"type", to_string(o.init().order_type)},
                      {"quantity", to_string(o.init().quantity)},
                      {"price", optional_text(o.price())},
                      {"status", to_string(o.status())},
                      {"filled_qty", to_string(o.filled_qty())},
                      {"avg_px", optional_text(o.avg_px())}});
  nlohmann::json totals = nlohmann::json::object();
  for (auto& [ccy, total] : total_pnl(x.pnl))
    totals[ccy] = total;
  nlohmann::json curve = nlohmann::json::array();
  for (auto& s : x.samples)
    curve.push_back({{"ts", s.ts}, {"pnl", s.pnl}, {"strategies", s.strategies}});
  nlohmann::json statistics = nlohmann::json::object();
  for (auto& [scope, xs] : x.statistics) {
    auto& by_currency = statistics[scope] = nlohmann::json::object();
    for (auto& s : xs)
      by_currency[s.currency] = to_json(s);
  }
  return {{"summary",
           {{"started", x.started},
            {"ended", x.ended},
            {"market_events", x.market_events},
            {"orders", x.orders.size()},
            {"fills", x.fills.size()},
            {"positions", x.positions.size()},
            {"total_pnl", totals},
            {"starting_balances", x.starting_balances}}},
          {"statistics", statistics},
          {"orders", orders},
          {"fills", x.fills},
          {"positions", x.positions},
          {"pnl", x.pnl},
          {"equity_curve", curve}};
}

std::string orders_csv(const run_report& x) {
  std::string out = "client_order_id,strategy_id,instrument_id,side,type,quantity,price,"
                    "status,filled_qty,avg_px\n";
  for (auto& o : x.orders)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", o.client_order_id().value(),
                       o.strategy_id().value(), o.instrument_id().value(),
                       to_string(o.init().side), to_string(o.init().order_type),
                       to_string(o.init().quantity), optional_text(o.price()),
                       to_string(o.status()), to_string(o.filled_qty()),
                       optional_text(o.avg_px()));
  return out;
}

std::string fills_csv(const run_report& x) {
  std::string out = "ts_event,client_order_id,strategy_id,instrument_id,side,last_qty,last_px,"
                    "commission,liquidity_side,trade_id\n";
  for (auto& f : x.fills)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", f.ts_event, f.client_order_id.value(),
                       f.strategy_id.value(), f.instrument_id.value(), to_string(f.side),
                       to_string(f.last_qty), to_string(f.last_px), to_string(f.commission),
                       to_string(f.liquidity_side), f.trade_id.value());
  return out;
}

std::string positions_csv(const run_report& x) {
  std::string out = "position_id,strategy_id,instrument_id,side,quantity,avg_px_open,"
                    "avg_px_close,realized_pnl,ts_opened,ts_closed\n";
  for (auto& p : x.positions)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", p.position_id.value(),
                       p.strategy_id.value(), p.instrument_id.value(), to_string(p.side),
                       to_string(p.quantity), to_string(p.avg_px_open),
                       optional_text(p.avg_px_close), to_string(p.realized_pnl),
                       p.ts_opened, p.ts_closed);
  return out;
}

std::string equity_svg(const run_report& x) {
  constexpr double width = 800, height = 400, margin = 60;
  std::map<std::string, std::vector<std::pair<double, double>>> lines;
  double t_max = 0, y_min = 0, y_max = 0;
  for (auto& s : x.samples)
    for (auto& [ccy, value] : s.pnl) {
      auto t = seconds_between(x.started, s.ts);
      lines[ccy].emplace_back(t, value);
      t_max = std::max(t_max, t);
      y_min = std::min(y_min, value);
      y_max = std::max(y_max, value);
    }
  if (t_max <= 0)
    t_max = 1;
  if (y_max - y_min <= 0)
    y_max = y_min + 1;
  auto px = [&](double t) { return margin + t / t_max * (width - 2 * margin); };
  auto py = [&](double y) {
    return height - margin - (y - y_min) / (y_max - y_min) * (height - 2 * margin);
  };
  std::ostringstream out;
  out << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
                     "font-family=\"sans-serif\" font-size=\"12\">\n",
                     width, height);
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << fmt::format("<text x=\"{}\" y=\"24\" font-size=\"16\">Equity curve: total PnL "
                     "(realized + unrealized)</text>\n",
                     margin);
  // Axes, the zero line and the value range.
  out << fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"black\"/>\n",
                     margin, margin, height - margin);
  out << fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#999\" "
                     "stroke-dasharray=\"4\"/>\n",
                     margin, py(0), width - margin);
  out << fmt::format("<text x=\"4\" y=\"{}\">{:.6g}</text>\n", py(y_max) + 4, y_max);
  out << fmt::format("<text x=\"4\" y=\"{}\">{:.6g}</text>\n", py(y_min) + 4, y_min);
  out << fmt::format("<text x=\"{}\" y=\"{}\">{:.1f} s</text>\n", width - margin - 30,
                     height - margin + 20, t_max);
  const char* colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
  size_t n = 0;
  for (auto& [ccy, points] : lines) {
    auto color = colors[n % 4];
    out << "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" << color << "\" points=\"";
    for (auto& [t, y] : points)
      out << fmt::format("{:.1f},{:.1f} ", px(t), py(y));
    out << "\"/>\n";
    out << fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", width - margin + 5,
                       margin + 16 * static_cast<double>(n), color, ccy);
    ++n;
  }
  if (lines.empty())
    out << fmt::format("<text x=\"{}\" y=\"{}\">no PnL recorded</text>\n", width / 2 - 50,
                       height / 2);
  out << "</svg>\n";
  return out.str();
}

caf::expected<std::string> write_run_report(const run_report& x, const std::string& parent) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    return caf::make_error(errc::invalid_argument,
                           "cannot create report folder \"" + parent + "\": " + ec.message());
  auto secs = static_cast<std::time_t>(x.started / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &utc);
  // create_directory is false for a folder that exists: the next suffix.
  fs::path dir;
  for (int n = 1;; ++n) {
    dir = fs::path{parent} / (n == 1 ? std::string{stamp} : stamp + ("-" + std::to_string(n)));
    if (fs::create_directory(dir, ec))
      break;
    if (ec)
      return caf::make_error(errc::invalid_argument,
                             "cannot create report folder \"" + dir.string() + "\": "
                               + ec.message());
  }
  if (auto err = write_report_files(x, dir.string()))
    return err;
  // Replaced in one rename, so that `latest` always points at a whole report.
  auto latest = fs::path{parent} / "latest";
  auto temporary = fs::path{parent} / ".latest.tmp";
  fs::remove(temporary, ec);
  fs::create_directory_symlink(dir.filename(), temporary, ec);
  if (!ec)
    fs::rename(temporary, latest, ec);
  if (ec)
    return caf::make_error(errc::invalid_argument,
                           "cannot link \"" + latest.string() + "\" to the report: "
                             + ec.message());
  return dir.string();
}

caf::error write_report_files(const run_report& x, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return caf::make_error(errc::invalid_argument,
                           "cannot create report folder \"" + dir + "\": " + ec.message());
  std::pair<const char*, std::string> files[] = {
    {"report.json", to_json(x).dump(2) + "\n"}, {"orders.csv", orders_csv(x)},
    {"fills.csv", fills_csv(x)},                 {"positions.csv", positions_csv(x)},
    {"equity.svg", equity_svg(x)},
  };
  for (auto& [name, text] : files) {
    auto path = std::filesystem::path{dir} / name;
    if (!write_file(path, text))
      return caf::make_error(errc::invalid_argument,
                             "cannot write report file \"" + path.string() + "\"");
  }
  return caf::none;
}

} // namespace tradenode
