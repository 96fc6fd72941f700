#pragma once

// Nodes the benchmarks run: a feed the bench drives from its own thread,
// execution clients (the sandbox, or the sandbox behind a timestamping
// front), and the strategies each measurement needs.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tradenode/node/trading_node.hpp"

namespace bench {

/// BTCUSDT.SIM, as in examples/sandbox.json.
tradenode::instrument bench_instrument();

/// The same, as a config's `instruments` list.
nlohmann::json bench_instruments_json();

/// A quote of the bench instrument around 50000 with deep touch sizes, so
/// the sandbox fills every market order at once. A `trigger` quote (marked
/// by its ask size) is one the reacting strategy answers with an order.
tradenode::quote_tick bench_quote(uint64_t seq, bool trigger = false);

/// Where the bench's sender thread (playing the feed's socket thread) finds
/// the data engine: the "bench_feed" factory stores it at build.
struct feed_link {
  std::mutex mtx;
  tradenode::data_engine_actor engine;

  tradenode::data_engine_actor get() {
    std::lock_guard<std::mutex> guard{mtx};
    return engine;
  }
};

/// A counter written by one actor and read by the bench thread, alone on its
/// cache line.
struct alignas(64) slot {
  std::atomic<uint64_t> value{0};
};

/// What the strategies and the timed execution client report to the bench.
struct probe {
  explicit probe(size_t strategies = 1, size_t samples = 0)
    : counts(strategies), received_at(samples) {
  }
  /// Quotes seen, per strategy.
  std::vector<slot> counts;
  /// Orders that reached the execution client (timed_sandbox) and when.
  slot orders_seen;
  std::vector<uint64_t> received_at;
  /// Orders completed (round trip) or accepted (resting orders).
  slot completed;
  /// When the round trip strategy sent its first order and saw its last fill.
  slot started_at;
  slot finished_at;
  /// Submit -> fill latencies of the round trip strategy, in ns.
  std::vector<double> round_trips;
  std::mutex mtx;

  uint64_t min_count() const;
};

/// Which node to build.
struct node_setup {
  /// Strategies of type `strategy` with ids BENCH-000, BENCH-001, ...
  size_t strategies = 1;
  /// counting, slow, reacting, round_trip or resting.
  std::string strategy = "counting";
  /// "", "sandbox" or "timed_sandbox" (the sandbox behind a front that
  /// timestamps each order command as it reaches the client).
  std::string exec = "";
  tradenode::scheduler_config scheduler;
  /// Warnings and errors go to stderr unless `console` is false.
  spdlog::level::level_enum level = spdlog::level::warn;
  bool console = true;
  std::vector<spdlog::sink_ptr> sinks;
  /// round_trip: orders in flight at once, and orders in all. resting: orders.
  size_t window = 64;
  size_t orders = 0;
  /// Add the synthetic feed instead of the bench feed: `synthetic_rate`
  /// quotes/s, `synthetic_count` of them (0: no end), with trades or not.
  bool synthetic = false;
  double synthetic_rate = 50;
  uint64_t synthetic_count = 0;
  bool synthetic_trades = true;
  /// The "slow" strategy spends this long on each quote.
  uint64_t slow_quote_ns = 5'000;
  /// Flow control of market data (defaults as in the node config).
  tradenode::data_engine_config data_engine;
};

/// The node config and factories for `setup`, wired to `link` and `out`.
tradenode::node_config make_config(const node_setup& setup);
tradenode::factory_registry make_factories(const node_setup& setup,
                                           std::shared_ptr<feed_link> link,
                                           std::shared_ptr<probe> out);

/// A built and running node of `setup` (waits until RUNNING); the destructor
/// stops and disposes it.
class running_node {
public:
  running_node(const node_setup& setup, std::shared_ptr<probe> out);
  ~running_node();

  tradenode::data_engine_actor engine() {
    return link_->get();
  }
  tradenode::trading_node& node() {
    return *node_;
  }

private:
  std::shared_ptr<feed_link> link_ = std::make_shared<feed_link>();
  std::unique_ptr<tradenode::trading_node> node_;
  std::future<void> finished_;
};

/// Sends quotes to `engine` until every strategy of `out` has seen one: the
/// subscriptions are in place.
void await_subscribed(const tradenode::data_engine_actor& engine, probe& out);

} // namespace bench
