#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/run_report.hpp"

namespace tn = tradenode;

namespace {

tn::instrument_pnl pnl_of(const char* realized, const char* unrealized) {
  tn::instrument_pnl x;
  x.instrument_id = tn::instrument_id::of("BTCUSDT.SIM");
  x.side = tn::position_side::long_side;
  x.quantity = tn::quantity::of("1.000");
  x.realized_pnl = tn::money::of(realized);
  x.unrealized_pnl = tn::money::of(unrealized);
  return x;
}

tn::run_report sample_report() {
  tn::run_report x;
  x.started = 1'000'000'000;
  x.ended = 11'000'000'000;
  x.market_events = 500;
  x.pnl = {pnl_of("-1.50000000 USDT", "4.00000000 USDT")};
  x.samples = {{1'000'000'000, {{"USDT", 0.0}}, {}},
               {6'000'000'000, {{"USDT", -2.0}}, {}},
               {11'000'000'000, {{"USDT", 2.5}}, {}}};
  return x;
}

} // namespace

TEST_CASE("the run report's summary and total PnL add realized and unrealized") {
  auto x = sample_report();
  CHECK_EQ(tn::total_pnl(x.pnl), std::map<std::string, double>{{"USDT", 2.5}});
  auto text = tn::summary_text(x);
  CHECK_EQ(text.rfind("Run report: 10.0 s, 500 market events, 0 orders (0 open at the end), "
                      "0 fills, 0 positions",
                      0),
           0u);
  CHECK_NE(text.find("BTCUSDT.SIM: LONG 1.000, realized -1.50000000 USDT, unrealized "
                     "4.00000000 USDT"),
           std::string::npos);
  CHECK_NE(text.find("total PnL: 2.5 USDT"), std::string::npos);
  auto j = tn::to_json(x);
  CHECK_EQ(j["summary"]["total_pnl"]["USDT"], 2.5);
  CHECK_EQ(j["equity_curve"].size(), 3u);
  CHECK_EQ(tn::orders_csv(x), "client_order_id,strategy_id,instrument_id,side,type,quantity,"
                              "price,status,filled_qty,avg_px\n");
}

TEST_CASE("the run report carries its statistics in the summary and report.json") {
  auto x = sample_report();
  x.starting_balances = {{"USDT", 100.0}};
  x.statistics = tn::statistics_of(x, tn::statistics_config{});
  // PnL 0 (1 s) -> -2 (6 s) -> 2.5 (11 s): a drawdown of 2 (2 % of 100),
  // regained 10 s after the peak; 2.5 % in all; no round trips.
  auto text = tn::summary_text(x);
  CHECK_NE(text.find("total USDT: return 2.5 % (annualised -), max drawdown 2 (2 %, 10 s); 0 "
                     "returns periods: Sharpe -, Sortino -; 0 round trips: win rate -"),
           std::string::npos);
  auto j = tn::to_json(x);
  CHECK_EQ(j["summary"]["starting_balances"]["USDT"], 100.0);
  CHECK_EQ(j["statistics"]["total"]["USDT"]["max_drawdown"], 2.0);
  CHECK(j["statistics"]["total"]["USDT"]["sharpe_ratio"].is_null());
}

TEST_CASE("the equity curve is an SVG polyline over the run's time") {
  auto svg = tn::equity_svg(sample_report());
  CHECK_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  CHECK_NE(svg.find("</svg>"), std::string::npos);
  // Three samples: at the left edge (t = 0), the middle and the right edge;
  // the lowest value (-2) at the bottom of the plot, the highest (2.5) at the top.
  CHECK_NE(svg.find("points=\"60.0,"), std::string::npos);
  CHECK_NE(svg.find(" 400.0,340.0 "), std::string::npos);
  CHECK_NE(svg.find(" 740.0,60.0 "), std::string::npos);
  tn::run_report empty;
  CHECK_NE(tn::equity_svg(empty).find("no PnL recorded"), std::string::npos);
}

TEST_CASE("report files are written, and a folder that cannot be made is named") {
  auto dir = std::filesystem::temp_directory_path()
             / ("tradenode-report-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  REQUIRE_FALSE(tn::write_report_files(sample_report(), dir.string()));
  for (auto name : {"report.json", "orders.csv", "fills.csv", "positions.csv", "equity.svg"})
    CHECK(std::filesystem::exists(dir / name));
  std::ifstream in{dir / "report.json"};
  CHECK_EQ(nlohmann::json::parse(in)["summary"]["market_events"], 500);
  // A file where the folder should be.
  auto blocked = dir / "report.json" / "sub";
  auto err = tn::write_report_files(sample_report(), blocked.string());
  CHECK(err == caf::make_error(tn::errc::invalid_argument));
  CHECK_NE(tn::describe(err).find("cannot create report folder \"" + blocked.string()),
           std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("each run's report gets a folder of its own and latest points at the newest") {
  // A second run once overwrote the first run's report.
  auto dir = std::filesystem::temp_directory_path()
             / ("tradenode-runs-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto first_run = sample_report();
  first_run.started = 1'796'470'000'000'000'000; // 2026-12-05 11:26:40 UTC
  auto first = tn::write_run_report(first_run, dir.string());
  REQUIRE(first);
  CHECK_EQ(*first, (dir / "20261205-112640").string());
  // Another run started in the same second, with another summary.
  auto second_run = first_run;
  second_run.market_events = 7;
  auto second = tn::write_run_report(second_run, dir.string());
  REQUIRE(second);
  CHECK_EQ(*second, (dir / "20261205-112640-2").string());
  CHECK(std::filesystem::exists(*first + "/report.json"));
  CHECK_EQ(std::filesystem::read_symlink(dir / "latest"), "20261205-112640-2");
  std::ifstream in{dir / "latest" / "report.json"};
  CHECK_EQ(nlohmann::json::parse(in)["summary"]["market_events"], 7);
  std::ifstream old{*first + "/report.json"};
  CHECK_EQ(nlohmann::json::parse(old)["summary"]["market_events"], 500);
  std::filesystem::remove_all(dir);
}
