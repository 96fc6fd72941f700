// Events per second through a whole node in a backtest (replay client ->
// data engine -> strategy host, on CAF's deterministic scheduler), beside the
// floor: the same file read and handed to the same strategy by plain calls on
// one thread.

#include <filesystem>
#include <fstream>
#include <random>

#include "benchmarks.hpp"
#include "measure.hpp"
#include "bench_node.hpp"
#include "tradenode/adapters/replay/replay_file.hpp"
#include "tradenode/node/backtest.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/strategies/ema_cross.hpp"

namespace tn = tradenode;
namespace fs = std::filesystem;

namespace bench {

namespace {

const fs::path folder = "bench_backtest";

// Writes `n` Tardis quotes of BTCUSDT, one a millisecond, a seeded random walk.
std::string write_quotes(int n) {
  fs::create_directories(folder);
  auto path = (folder / "quotes.csv").string();
  std::ofstream out{path};
  out << "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n";
  std::mt19937_64 gen{7};
  int64_t cents = 3'700'000;
  uint64_t us = 1'700'000'000'000'000;
  for (int i = 0; i < n; ++i, us += 1000) {
    cents += static_cast<int64_t>(gen() % 7) - 3;
    out << "binance-futures,BTCUSDT," << us << ',' << us + 100 << ",1.5," << (cents + 10) / 100
        << '.' << (cents + 10) % 100 / 10 << (cents + 10) % 10 << ',' << cents / 100 << '.'
        << cents % 100 / 10 << cents % 10 << ",2.0\n";
  }
  return path;
}

// Counts the quotes it gets; `on_quote` is all a plain call runs too.
class quote_counter : public tn::strategy {
public:
  explicit quote_counter(uint64_t* count) : count_(count) {
  }

  void on_start() override {
    subscribe_quotes(tn::instrument_id::of("BTCUSDT.SIM"));
  }

  void on_quote(const tn::quote_tick& x) override {
    *count_ += 1 + static_cast<uint64_t>(x.bid_price.raw() & 1);
  }

private:
  uint64_t* count_;
};

// The backtest's node: the replay of `path` and `strategy`; with `trade`, the
// EMA cross on a sandbox instead of the counter.
tn::node_config backtest_node(const std::string& path, bool trade) {
  nlohmann::json j = {
    {"trader_id", "TRADER-001"},
    {"logging", {{"level", "error"}}},
    {"data_clients",
     {{"REPLAY",
       {{"factory", "replay"},
        {"settings",
         {{"files", {fs::absolute(path).string()}},
          {"instruments", bench_instruments_json()}}}}}}},
    {"strategies",
     {trade ? nlohmann::json{{"type", "ema_cross"},
                             {"id", "EMACross-001"},
                             {"settings",
                              {{"instrument_id", "BTCUSDT.SIM"},
                               {"trade_size", "0.010"},
                               {"fast_period", 10},
                               {"slow_period", 20}}}}
            : nlohmann::json{{"type", "counter"}, {"id", "Counter-001"}}}}};
  if (trade)
    j["exec_clients"] = {{"SIM",
                          {{"factory", "sandbox"},
                           {"settings", {{"balances", {"1000000 USDT", "10 BTC"}}}}}}};
  auto cfg = tn::parse_node_config(j);
  if (!cfg)
    throw std::runtime_error("backtest: " + tn::describe(cfg.error()));
  cfg->logging.console = false;
  return std::move(*cfg);
}

double backtest_events_per_s(const std::string& path, int n, bool trade) {
  uint64_t count = 0;
  auto factories = tn::builtin_factories();
  auto added = factories.add_strategy_factory("counter", [&count](const tn::strategy_context& ctx) {
    return caf::expected<tn::strategy_actor>{
      tn::spawn_strategy(ctx, std::make_unique<quote_counter>(&count))};
  });
  if (added)
    throw std::runtime_error("backtest: " + tn::describe(added));
  auto start = now_ns();
  auto result = tn::run_backtest(backtest_node(path, trade), std::move(factories));
  if (!result)
    throw std::runtime_error("backtest: " + tn::describe(result.error()));
  if (!trade && count < static_cast<uint64_t>(n))
    throw std::runtime_error("backtest: the strategy missed quotes");
  return n / (static_cast<double>(now_ns() - start) / 1e9);
}

// The floor: the file read and each quote handed to the strategy by a call.
double plain_events_per_s(const std::string& path, int n) {
  auto instrument = bench_instrument();
  tn::replay::replay_file file{path, [&](std::string_view symbol) -> const tn::instrument* {
                                 return symbol == "BTCUSDT" ? &instrument : nullptr;
                               }};
  uint64_t count = 0;
  quote_counter strategy{&count};
  tn::replay::market_event x;
  auto start = now_ns();
  while (file.next(x))
    strategy.on_quote(std::get<tn::quote_tick>(x));
  if (count < static_cast<uint64_t>(n))
    throw std::runtime_error("backtest floor: quotes missing");
  return n / (static_cast<double>(now_ns() - start) / 1e9);
}

} // namespace

void backtest(const options& opt) {
  // 200 k: long enough that a cost growing with the run's orders shows.
  int n = opt.quick ? 20'000 : 200'000;
  auto path = write_quotes(n);
  row counting, trading;
  counting.measurement = "backtest: quotes into one strategy";
  trading.measurement = "backtest: EMA cross trading on the sandbox";
  for (auto* x : {&counting, &trading})
    x->unit = "events/s";
  for (int rep = 0; rep < opt.repeats; ++rep) {
    auto floor = plain_events_per_s(path, n);
    counting.ours.add(backtest_events_per_s(path, n, false));
    trading.ours.add(backtest_events_per_s(path, n, true));
    counting.floor.add(floor);
    trading.floor.add(floor);
  }
  counting.note = format_figure(n) + " quotes; floor: the file read, on_quote called";
  trading.note = "same quotes, orders and fills; same floor";
  print_row(counting);
  print_row(trading);
  fs::remove_all(folder);
}

} // namespace bench
