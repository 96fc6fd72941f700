#include <map>
#include <memory>
#include <tuple>

#include "benchmarks.hpp"
#include "drive.hpp"
#include "raw_caf.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

// The floor: what the data engine and the strategy hosts do per quote, as
// plain calls on one thread (keep the last quote, find the subscribers, call
// each strategy's hook).
struct quote_hook {
  virtual ~quote_hook() = default;
  virtual void on_quote(const tn::quote_tick& q) = 0;
};

struct counting_hook : quote_hook {
  uint64_t count = 0;
  tn::unix_nanos last = 0;
  void on_quote(const tn::quote_tick& q) override {
    ++count;
    last = q.ts_event;
  }
};

double floor_seconds(size_t strategies, uint64_t total) {
  using topic = std::tuple<tn::data_kind, tn::instrument_id, tn::bar_type>;
  std::vector<std::unique_ptr<counting_hook>> hooks;
  std::map<topic, std::vector<quote_hook*>> subscribers;
  std::map<tn::instrument_id, tn::quote_tick> last_quotes;
  auto q = bench_quote(0);
  for (size_t i = 0; i < strategies; ++i) {
    hooks.push_back(std::make_unique<counting_hook>());
    subscribers[topic{tn::data_kind::quotes, q.instrument_id, tn::bar_type{}}].push_back(
      hooks.back().get());
  }
  auto start = now_ns();
  for (uint64_t i = 0; i < total; ++i) {
    q.ts_event = i;
    last_quotes.insert_or_assign(q.instrument_id, q);
    auto found = subscribers.find(topic{tn::data_kind::quotes, q.instrument_id, tn::bar_type{}});
    for (auto* hook : found->second)
      hook->on_quote(q);
  }
  auto elapsed = static_cast<double>(now_ns() - start) / 1e9;
  for (auto& hook : hooks)
    if (hook->count != total)
      throw std::runtime_error("floor lost quotes");
  return elapsed;
}

constexpr uint64_t fan_out_window = 65'536;
// Quotes per message of the batched feed rows.
constexpr uint64_t feed_batch = 64;

} // namespace

void fan_out(const options& opt) {
  uint64_t total = opt.quick ? 20'000 : 5'000'000;
  // One quote per message, then the feed's batches (the same quotes).
  const std::pair<size_t, uint64_t> runs[] = {{1, 1}, {4, 1}, {16, 1}, {1, feed_batch},
                                               {4, feed_batch}};
  for (auto [strategies, batch] : runs) {
    // 16 strategies deliver 16 times the events: fewer quotes keep the run short.
    // Batches go fast: more quotes keep the run long enough to time.
    auto quotes = strategies == 16 && !opt.quick ? total / 4 : total;
    if (batch > 1 && !opt.quick)
      quotes *= 4;
    row x;
    x.measurement = "fan-out into " + std::to_string(strategies) + " strateg"
                    + (strategies == 1 ? "y" : "ies");
    if (batch > 1)
      x.measurement += ", batches of " + std::to_string(batch);
    x.unit = "events/s";
    x.note = std::to_string(quotes / 1000) + " k quotes, delivered events = quotes x "
             + std::to_string(strategies);
    for (int rep = 0; rep < opt.repeats; ++rep) {
      {
        auto out = std::make_shared<probe>(strategies);
        node_setup setup;
        setup.strategies = strategies;
        running_node node{setup, out};
        await_subscribed(node.engine(), *out);
        auto base = settle(*out);
        auto secs = pump(
          node.engine(), [&] { return progress(*out, base); }, quotes, fan_out_window, {},
          batch);
        x.ours.add(static_cast<double>(quotes * strategies) / secs);
      }
      {
        probe out{strategies};
        raw_system raw;
        auto head = raw_fan_out(raw, out);
        auto secs = pump(
          head, [&] { return out.min_count(); }, quotes, fan_out_window, {}, batch);
        x.raw_caf.add(static_cast<double>(quotes * strategies) / secs);
      }
      x.floor.add(static_cast<double>(quotes * strategies) / floor_seconds(strategies, quotes));
    }
    print_row(x);
  }
}

} // namespace bench
