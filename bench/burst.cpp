#include <algorithm>
#include <cstdlib>
#include <thread>

#include "benchmarks.hpp"
#include "drive.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

struct burst_outcome {
  double peak_mib = 0;
  double seconds = 0;
  uint64_t delivered = 0;
};

// Runs a node whose synthetic feed sends `quotes` at 1 M/s to one strategy
// that takes 5 us per quote (at most 200 k/s), until the strategy has seen
// all of them or has stopped receiving (conflation); samples the RSS
// growth over the node's start meanwhile.
burst_outcome run_burst(uint64_t quotes, const tn::data_engine_config& flow) {
  auto out = std::make_shared<probe>(1);
  node_setup setup;
  setup.strategy = "slow";
  setup.synthetic = true;
  setup.synthetic_rate = 1'000'000;
  setup.synthetic_count = quotes;
  setup.synthetic_trades = false;
  setup.data_engine = flow;
  burst_outcome result;
  auto before = rss_bytes();
  running_node node{setup, out};
  auto start = now_ns();
  auto seen = uint64_t{0};
  auto last_change = start;
  auto deadline = start + 600'000'000'000ull;
  while (seen < quotes && now_ns() - last_change < 2'000'000'000ull) {
    if (now_ns() > deadline)
      throw std::runtime_error("burst: not done within 600 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Signed: RSS can fall below where it started (memory handed back).
    auto growth = static_cast<double>(rss_bytes()) - static_cast<double>(before);
    result.peak_mib = std::max(result.peak_mib, growth / (1 << 20));
    auto now_seen = out->counts[0].value.load(std::memory_order_acquire);
    if (now_seen != seen) {
      seen = now_seen;
      last_change = now_ns();
    }
  }
  result.seconds = static_cast<double>((seen == quotes ? now_ns() : last_change) - start)
                   / 1e9;
  result.delivered = seen;
  return result;
}

std::string figures(const burst_outcome& x) {
  return format_figure(static_cast<double>(x.delivered)) + " delivered in "
         + format_figure(x.seconds) + " s";
}

} // namespace

void quote_burst(const options& opt) {
  uint64_t quotes = opt.quick ? 100'000 : 10'000'000;
  if (auto* n = std::getenv("TRADENODE_BURST_QUOTES"))
    quotes = std::strtoull(n, nullptr, 10);
  tn::data_engine_config off;
  off.window = 0;
  tn::data_engine_config backpressure; // the default
  tn::data_engine_config conflate;
  conflate.slow_subscriber = tn::slow_subscriber_policy::conflate;
  row lossless, conflating;
  lossless.measurement = "burst of " + format_figure(static_cast<double>(quotes))
                         + " quotes, backpressure";
  conflating.measurement = "burst of " + format_figure(static_cast<double>(quotes))
                           + " quotes, conflate";
  for (auto* x : {&lossless, &conflating}) {
    x->unit = "MiB peak";
    x->higher_is_better = false;
  }
  std::string notes[3];
  // One run each: a lossless run of 10 M takes about a minute.
  for (int rep = 0; rep < 1; ++rep) {
    auto a = run_burst(quotes, backpressure);
    auto b = run_burst(quotes, conflate);
    auto base = run_burst(quotes, off);
    lossless.ours.add(a.peak_mib);
    conflating.ours.add(b.peak_mib);
    lossless.raw_caf.add(base.peak_mib);
    conflating.raw_caf.add(base.peak_mib);
    notes[0] = figures(a);
    notes[1] = figures(b);
    notes[2] = figures(base);
  }
  lossless.note = notes[0] + "; baseline (flow control off) " + notes[2];
  conflating.note = notes[1];
  print_row(lossless);
  print_row(conflating);
}

} // namespace bench
