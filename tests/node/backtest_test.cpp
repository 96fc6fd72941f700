#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "child_process.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/node/backtest.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/trading_node.hpp"

namespace tn = tradenode;
namespace fs = std::filesystem;

namespace {

const std::string test_data = TRADENODE_TEST_DATA_DIR "/replay/";
// CI has the shared recorded data beside the checkout; a user's clone may not.
const std::string shared_data = TRADENODE_SOURCE_DIR "/../shared/data/";

// A folder of its own for one test's reports, removed afterwards.
struct scratch_dir {
  fs::path path;

  explicit scratch_dir(const std::string& name)
    : path(fs::temp_directory_path()
           / ("tradenode-backtest-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
  }

  ~scratch_dir() {
    fs::remove_all(path);
  }
};

const nlohmann::json market_maker = {{"type", "market_maker"},
                                     {"id", "MarketMaker-001"},
                                     {"settings",
                                      {{"instrument_id", "BTCUSDT.SIM"},
                                       {"trade_size", "0.010"},
                                       {"offset_ticks", 0},
                                       {"requote_ticks", 1},
                                       {"max_position", "0.030"}}}};

const nlohmann::json ema_cross = {{"type", "ema_cross"},
                                  {"id", "EMACross-001"},
                                  {"settings",
                                   {{"instrument_id", "BTCUSDT.SIM"},
                                    {"trade_size", "0.010"},
                                    {"fast_period", 10},
                                    {"slow_period", 20}}}};

// A node replaying `files` into a sandbox, with `strategy` trading
// BTCUSDT.SIM; reports go to `out`.
tn::node_config replay_node(const std::vector<std::string>& files, double speed,
                            const fs::path& out, const nlohmann::json& strategy) {
  nlohmann::json j = {
    {"trader_id", "TRADER-001"},
    {"logging", {{"level", "error"}}},
    {"report", {{"output_dir", out.string()}}},
    {"data_clients",
     {{"REPLAY",
       {{"factory", "replay"},
        {"settings",
         {{"files", files},
          {"speed", speed},
          {"instruments_file", test_data + "instruments.json"}}}}}}},
    {"exec_clients",
     {{"SIM",
       {{"factory", "sandbox"},
        {"settings", {{"balances", {"1000000 USDT", "10 BTC"}}}}}}}},
    {"strategies", nlohmann::json::array({strategy})}};
  auto cfg = tn::parse_node_config(j);
  REQUIRE_MESSAGE(cfg, tn::describe(cfg.error()));
  cfg->logging.console = false;
  return std::move(*cfg);
}

const std::vector<std::string> report_files
  = {"orders.csv", "fills.csv", "positions.csv", "report.json", "equity.svg"};

// Every report file of the run that wrote `out/latest`, by name.
std::map<std::string, std::string> latest_report(const fs::path& out) {
  std::map<std::string, std::string> result;
  for (auto& name : report_files) {
    auto path = out / "latest" / name;
    REQUIRE_MESSAGE(fs::is_regular_file(path), path.string());
    result[name] = tn::test::read_file(path.string());
  }
  return result;
}

// Runs a backtest and returns its report files.
std::map<std::string, std::string> backtest_report(tn::node_config cfg, const fs::path& out) {
  auto result = tn::run_backtest(std::move(cfg), tn::builtin_factories());
  REQUIRE_MESSAGE(result, tn::describe(result.error()));
  return latest_report(out);
}

size_t line_count(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// `csv` without its first column (fills.csv: ts_event).
std::string without_first_column(const std::string& csv) {
  std::istringstream in{csv};
  std::string line;
  std::string result;
  while (std::getline(in, line))
    result += line.substr(line.find(',') + 1) + "\n";
  return result;
}

// Keeps both cores of the test machine busy while it lives.
struct busy_cores {
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;

  busy_cores() {
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([this] {
        volatile uint64_t x = 0;
        while (!done.load(std::memory_order_relaxed))
          x = x + 1;
      });
  }

  ~busy_cores() {
    done = true;
    for (auto& t : threads)
      t.join();
  }
};

// The report's statistics agree with its own orders, fills and positions.
void check_statistics(const std::map<std::string, std::string>& report) {
  auto j = nlohmann::json::parse(report.at("report.json"));
  auto& total = j["statistics"]["total"]["USDT"];
  auto& strategy = j["statistics"]["EMACross-001"]["USDT"];
  CHECK_EQ(total["starting_balance"], 1'000'000.0);
  double commissions = 0;
  for (auto& fill : j["fills"])
    commissions += std::stod(fill["commission"].get<std::string>());
  CHECK_EQ(total["commissions"].get<double>(), doctest::Approx(commissions));
  size_t closed = 0;
  for (auto& position : j["positions"])
    closed += position["ts_closed"].get<uint64_t>() != 0 ? 1 : 0;
  CHECK_GT(closed, 10u);
  CHECK_EQ(total["round_trips"], closed);
  auto pnl = j["summary"]["total_pnl"]["USDT"].get<double>();
  CHECK_EQ(total["pnl"].get<double>(), doctest::Approx(pnl));
  CHECK_EQ(total["total_return"].get<double>(), doctest::Approx(pnl / 1'000'000.0));
  // One strategy: its figures are the node's.
  for (auto key : {"pnl", "round_trips", "commissions", "max_drawdown", "win_rate"})
    CHECK_MESSAGE(strategy[key] == total[key], key);
}

caf::error backtest_error(tn::node_config cfg) {
  auto result = tn::run_backtest(std::move(cfg), tn::builtin_factories());
  REQUIRE_FALSE(result);
  return result.error();
}

} // namespace

TEST_CASE("a backtest of the real binance-futures data writes byte-identical reports, "
          "idle or loaded") {
  auto quotes = shared_data + "binance-futures_quotes_BTCUSDT.csv";
  auto trades = shared_data + "binance-futures_trades_BTCUSDT.csv";
  if (!fs::exists(quotes)) {
    MESSAGE("skipped: no " << quotes);
    return;
  }
  scratch_dir dir{"real"};
  auto first = backtest_report(replay_node({quotes, trades}, 0, dir.path, ema_cross), dir.path);
  // Not trivially equal: the strategy traded, on the data's own clock.
  CHECK_GT(line_count(first["orders.csv"]), 100u);
  CHECK_GT(line_count(first["fills.csv"]), 100u);
  CHECK_NE(first["orders.csv"].find("O-20200222-"), std::string::npos);
  CHECK_NE(first["fills.csv"].find("\n1582"), std::string::npos);
  check_statistics(first);
  auto second = backtest_report(replay_node({quotes, trades}, 0, dir.path, ema_cross), dir.path);
  std::map<std::string, std::string> loaded;
  {
    busy_cores load;
    loaded = backtest_report(replay_node({quotes, trades}, 50, dir.path, ema_cross), dir.path);
  }
  for (auto& name : report_files) {
    CHECK_MESSAGE(first[name] == second[name], name << " differs between two runs");
    CHECK_MESSAGE(first[name] == loaded[name],
                  name << " differs on a loaded machine (and the replay's speed set)");
  }
}

TEST_CASE("a replay at the recorded pace trades as the backtest of the same node") {
  // 0.7 s of quotes and trades, 50 ms apart at least: a live node at speed 1
  // has time to act on each event before the next one.
  std::vector<std::string> files
    = {test_data + "tardis_quotes_BTCUSDT.csv", test_data + "tardis_trades_BTCUSDT.csv"};
  scratch_dir dir{"pace"};
  auto backtest = backtest_report(replay_node(files, 1, dir.path, market_maker), dir.path);
  {
    tn::trading_node node{replay_node(files, 1, dir.path, market_maker)};
    node.build();
    node.run(true);
    node.dispose();
  }
  auto live = latest_report(dir.path);
  CHECK_GT(line_count(backtest["fills.csv"]), 1u);
  CHECK_EQ(live["orders.csv"], backtest["orders.csv"]);
  // A fill's ts_event is when the live venue matched it: the data's time plus
  // the microseconds the node took to get the order there.
  CHECK_EQ(without_first_column(live["fills.csv"]), without_first_column(backtest["fills.csv"]));
}

TEST_CASE("a backtest without recorded data, with a gateway or that never ends is refused") {
  scratch_dir dir{"refused"};
  auto files = std::vector<std::string>{test_data + "tardis_quotes_BTCUSDT.csv"};
  SUBCASE("no replay data client") {
    auto cfg = replay_node(files, 0, dir.path, market_maker);
    cfg.data_clients.clear();
    cfg.data_clients.emplace(tn::client_id::of("SYNTH"),
                             tn::client_config{"synthetic",
                                               {},
                                               {{"instruments_file",
                                                 test_data + "instruments.json"}}});
    auto err = backtest_error(std::move(cfg));
    CHECK_EQ(err, caf::make_error(tn::errc::invalid_config));
    CHECK_NE(tn::describe(err).find("a backtest needs a client replaying recorded data"),
             std::string::npos);
  }
  SUBCASE("a gateway") {
    auto cfg = replay_node(files, 0, dir.path, market_maker);
    cfg.remote.enabled = true;
    auto err = backtest_error(std::move(cfg));
    CHECK_NE(tn::describe(err).find("remote: a backtest runs no gateway"), std::string::npos);
  }
  SUBCASE("a replay that does not stop at its end") {
    auto cfg = replay_node(files, 0, dir.path, market_maker);
    cfg.data_clients.begin()->second.settings["stop_at_end"] = false;
    auto err = backtest_error(std::move(cfg));
    CHECK_NE(tn::describe(err).find("data_clients.REPLAY.settings.stop_at_end: a backtest "
                                    "ends when its data ends"),
             std::string::npos);
  }
}

TEST_CASE("two replay clients in one node are refused: a node has one clock") {
  scratch_dir dir{"two"};
  auto cfg = replay_node({test_data + "tardis_quotes_BTCUSDT.csv"}, 0, dir.path, market_maker);
  auto second = cfg.data_clients.begin()->second;
  cfg.data_clients.emplace(tn::client_id::of("REPLAY2"), second);
  auto checked = tn::check_config(cfg, tn::builtin_factories());
  REQUIRE_FALSE(checked);
  CHECK_NE(tn::describe(checked.error())
             .find("data_clients.REPLAY2: a second client replaying recorded data (after "
                   "data_clients.REPLAY); a node has one clock"),
           std::string::npos);
}

namespace {

// Subscribes to one bar type and keeps every bar it gets.
class bar_recorder : public tn::strategy {
public:
  bar_recorder(tn::bar_type type, std::shared_ptr<std::vector<tn::bar>> out)
    : type_(std::move(type)), out_(std::move(out)) {
  }

  void on_start() override {
    subscribe_bars(type_);
  }

  void on_bar(const tn::bar& x) override {
    out_->push_back(x);
  }

private:
  tn::bar_type type_;
  std::shared_ptr<std::vector<tn::bar>> out_;
};

// One minute bar worked out from the CSV text alone, with prices and sizes as
// integers of 10^-9 (the raw unit of price and quantity).
struct expected_bar {
  int64_t open = 0, high = 0, low = 0, close = 0, volume = 0;
  uint32_t ticks = 0;
};

int64_t scaled(const std::string& decimal) {
  auto dot = decimal.find('.');
  auto whole = decimal.substr(0, dot);
  auto fraction = dot == std::string::npos ? std::string{} : decimal.substr(dot + 1);
  fraction.resize(9, '0');
  return std::stoll(whole) * 1'000'000'000 + std::stoll(fraction);
}

// The rule, from its description: a trade belongs to the minute (end - 1 min,
// end] of its exchange time; a bar closes once the clock (the time the trade
// was received, local_timestamp, by which the file is sorted) passed its end;
// a trade received after its minute closed belongs to the next minute still
// open. Returns the bars by end, and counts those late trades.
std::map<tn::unix_nanos, expected_bar> minute_bars_of(const std::string& csv_path,
                                                      size_t& late) {
  constexpr tn::unix_nanos minute = 60'000'000'000;
  std::map<tn::unix_nanos, expected_bar> result;
  tn::unix_nanos open_end = 0;
  tn::unix_nanos closed_until = 0;
  std::istringstream in{tn::test::read_file(csv_path)};
  std::string line;
  std::getline(in, line); // header: exchange,symbol,timestamp,local_timestamp,id,side,price,amount
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream fields{line};
    for (std::string col; std::getline(fields, col, ',');)
      cols.push_back(col);
    tn::unix_nanos exchange_time = std::stoull(cols[2]) * 1000; // microseconds
    tn::unix_nanos received = std::stoull(cols[3]) * 1000;
    if (open_end != 0 && received > open_end) {
      closed_until = open_end;
      open_end = 0;
    }
    if (exchange_time <= closed_until)
      ++late;
    auto t = std::max(exchange_time, closed_until + 1);
    auto end = (t + minute - 1) / minute * minute;
    if (open_end != 0 && end > open_end)
      closed_until = open_end;
    open_end = end;
    auto px = scaled(cols[6]);
    auto& b = result[end];
    if (b.ticks++ == 0)
      b.open = b.high = b.low = px;
    b.high = std::max(b.high, px);
    b.low = std::min(b.low, px);
    b.close = px;
    b.volume += scaled(cols[7]);
  }
  return result;
}

} // namespace

TEST_CASE("minute bars of the real binance-futures trades match an independent computation") {
  auto trades = shared_data + "binance-futures_trades_BTCUSDT.csv";
  if (!fs::exists(trades)) {
    MESSAGE("skipped: no " << trades);
    return;
  }
  scratch_dir dir{"bars"};
  auto cfg = replay_node({trades}, 0, dir.path, market_maker);
  cfg.strategies.clear();
  cfg.strategies.push_back({"bar_recorder", tn::strategy_id::of("Bars-001"), {}, {}});
  auto type = *tn::bar_type::parse("BTCUSDT.SIM-1-MINUTE-LAST-INTERNAL");
  auto got = std::make_shared<std::vector<tn::bar>>();
  auto factories = tn::builtin_factories();
  REQUIRE_FALSE(factories.add_strategy_factory(
    "bar_recorder", [type, got](const tn::strategy_context& ctx) {
      return caf::expected<tn::strategy_actor>{
        tn::spawn_strategy(ctx, std::make_unique<bar_recorder>(type, got))};
    }));
  REQUIRE(tn::run_backtest(std::move(cfg), std::move(factories)));
  size_t late = 0;
  auto expected = minute_bars_of(trades, late);
  MESSAGE(expected.size() << " minute bars, " << late << " trade(s) received after their minute closed");
  REQUIRE_EQ(got->size(), expected.size());
  size_t i = 0;
  for (auto& entry : expected) {
    // Named copies: doctest's CAPTURE is a lambda (no structured bindings before clang 16).
    auto end = entry.first;
    auto& want = entry.second;
    auto& bar = (*got)[i++];
    CAPTURE(end);
    CHECK_EQ(bar.ts_event, end);
    CHECK_EQ(bar.open.raw(), want.open);
    CHECK_EQ(bar.high.raw(), want.high);
    CHECK_EQ(bar.low.raw(), want.low);
    CHECK_EQ(bar.close.raw(), want.close);
    CHECK_EQ(bar.volume.raw(), want.volume);
    CHECK_EQ(bar.ticks, want.ticks);
  }
}
