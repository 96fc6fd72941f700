#include <map>
#include <memory>

#include "benchmarks.hpp"
#include "drive.hpp"
#include "raw_caf.hpp"
#include "sample_orders.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/order_factory.hpp"
#include "tradenode/messages/order.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

// How quotes arrive: one every 20 µs with every 50th a trigger, or bursts
// of 100 back to back (the last one the trigger) with 2 ms between bursts.
enum class arrival { paced, burst };

constexpr uint64_t pace_ns = 20'000;
constexpr size_t trigger_every = 50;
constexpr size_t burst_size = 100;
constexpr uint64_t burst_pause_ns = 2'000'000;

// Sends quotes to `head` until `samples` triggers went out, and returns each
// trigger's latency until its order reached the end of the pipeline, which
// counts orders in `out`.
template <class Handle>
std::vector<double> send_timed(const Handle& head, probe& out, size_t samples, arrival mode) {
  auto base = out.orders_seen.value.load(std::memory_order_acquire);
  auto group = mode == arrival::paced ? trigger_every : burst_size;
  std::vector<uint64_t> sent_at(samples);
  auto next = now_ns() + 1'000'000;
  for (size_t i = 0; i < samples * group; ++i) {
    auto trigger = i % group == group - 1;
    auto q = bench_quote(i, trigger);
    spin_until(next);
    auto sent = now_ns();
    caf::anon_send(head, q);
    if (trigger)
      sent_at[i / group] = sent;
    if (mode == arrival::paced)
      next += pace_ns;
    else if (trigger)
      next = sent + burst_pause_ns;
  }
  auto deadline = now_ns() + 60'000'000'000ull;
  while (out.orders_seen.value.load(std::memory_order_acquire) < base + samples) {
    if (now_ns() > deadline)
      throw std::runtime_error("orders missing at the execution client after 60 s");
    std::this_thread::yield();
  }
  std::vector<double> result(samples);
  for (size_t i = 0; i < samples; ++i)
    result[i] = static_cast<double>(out.received_at[base + i] - sent_at[i]);
  return result;
}

// The floor: the same steps as plain calls on one thread, per quote: keep
// the quote, build the order, check it against the instrument, keep it.
std::vector<double> floor_latencies(size_t samples) {
  std::map<tn::instrument_id, tn::quote_tick> last_quotes;
  std::map<tn::instrument_id, tn::instrument> instruments{
    {bench_instrument().id, bench_instrument()}};
  std::map<tn::client_order_id, tn::order> cache;
  tn::order_factory factory{tn::trader_id::of("TRADER-001"), tn::strategy_id::of("BENCH-000"),
                            [] { return tn::node_clock::system()->now(); }};
  std::vector<double> result(samples);
  for (size_t i = 0; i < samples; ++i) {
    auto q = bench_quote(i, true);
    auto start = now_ns();
    last_quotes.insert_or_assign(q.instrument_id, q);
    auto order = factory.market(q.instrument_id, i % 2 ? tn::order_side::buy
                                                        : tn::order_side::sell,
                                tn::quantity::of("0.001"));
    auto& instrument = instruments.at(order.instrument_id);
    if (order.quantity.precision() != instrument.size_precision)
      throw std::runtime_error("floor: bad precision");
    cache.emplace(order.client_order_id, tn::order{order});
    result[i] = static_cast<double>(now_ns() - start);
  }
  return result;
}

struct profile_case {
  const char* label;
  tn::scheduler_config scheduler;
};

void add_percentiles(std::vector<double> xs, runs& p50, runs& p99, runs& p999) {
  p50.add(percentile(xs, 50) / 1000);
  p99.add(percentile(xs, 99) / 1000);
  p999.add(percentile(xs, 99.9) / 1000);
}

// CPU used per wall second while nothing happens, in % of one core.
double idle_cpu_percent() {
  auto cpu = cpu_seconds();
  auto wall = now_ns();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  return 100 * (cpu_seconds() - cpu) / (static_cast<double>(now_ns() - wall) / 1e9);
}

} // namespace

void tick_to_trade(const options& opt) {
  size_t samples = opt.quick ? 50 : 1'000;
  using tn::scheduler_profile;
  const profile_case profiles[] = {
    {"balanced, 2 threads", {scheduler_profile::balanced, 2}},
    {"low_latency, 1 thread", {scheduler_profile::low_latency, 1}},
    {"low_latency, 2 threads", {scheduler_profile::low_latency, 2}},
    {"power_saving, 2 threads", {scheduler_profile::power_saving, 2}},
  };
  for (auto& profile : profiles) {
    for (auto mode : {arrival::paced, arrival::burst}) {
      // A burst run lasts 2 ms per order: half as many keep the set under 5 minutes.
      auto orders = mode == arrival::paced ? samples : samples / 2;
      row p50, p99, p999, idle;
      auto name = std::string{"tick-to-trade "} + (mode == arrival::paced ? "20 µs" : "bursts")
                  + " (" + profile.label + ")";
      p50.measurement = name + " p50";
      p99.measurement = name + " p99";
      p999.measurement = name + " p99.9";
      p50.unit = p99.unit = p999.unit = "µs";
      p50.higher_is_better = p99.higher_is_better = p999.higher_is_better = false;
      p50.note = std::to_string(orders) + " orders; "
                 + (mode == arrival::paced ? "a quote every 20 µs, every 50th answered"
                                           : "bursts of 100 quotes, the last answered");
      idle.measurement = std::string{"CPU while idle ("} + profile.label + ")";
      idle.unit = "% core";
      idle.higher_is_better = false;
      for (int rep = 0; rep < opt.repeats; ++rep) {
        {
          auto out = std::make_shared<probe>(1, orders);
          node_setup setup;
          setup.strategy = "reacting";
          setup.exec = "timed_sandbox";
          setup.scheduler = profile.scheduler;
          running_node node{setup, out};
          if (mode == arrival::paced)
            idle.ours.add(idle_cpu_percent());
          await_subscribed(node.engine(), *out);
          settle(*out);
          add_percentiles(send_timed(node.engine(), *out, orders, mode), p50.ours, p99.ours,
                          p999.ours);
        }
        {
          probe out{1, orders};
          raw_system raw{profile.scheduler};
          auto head = raw_tick_to_trade(raw, out);
          if (mode == arrival::paced)
            idle.raw_caf.add(idle_cpu_percent());
          add_percentiles(send_timed(head, out, orders, mode), p50.raw_caf, p99.raw_caf,
                          p999.raw_caf);
        }
        add_percentiles(floor_latencies(orders), p50.floor, p99.floor, p999.floor);
      }
      for (auto* x : {&p50, &p99, &p999})
        print_row(*x);
      if (mode == arrival::paced)
        print_row(idle);
    }
  }
}

} // namespace bench
