#include <memory>

#include "benchmarks.hpp"
#include "drive.hpp"
#include "heap_count.hpp"
#include "raw_caf.hpp"
#include "sample_orders.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/order_factory.hpp"
#include "tradenode/adapters/sandbox/matching_engine.hpp"
#include "tradenode/messages/order.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

constexpr size_t round_trip_window = 64;

// Sends quotes until the strategy starts its flow (it has subscribed), waits
// until `total` orders completed, and returns the seconds of the flow; counts
// the heap allocations of every thread meanwhile into `allocations`.
template <class Handle>
double run_flow(const char* what, const Handle& head, probe& out, size_t total,
                uint64_t& allocations) {
  auto deadline = now_ns() + 60'000'000'000ull;
  for (uint64_t seq = 0; out.started_at.value.load(std::memory_order_acquire) == 0; ++seq) {
    caf::anon_send(head, bench_quote(seq));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  start_heap_count();
  while (out.finished_at.value.load(std::memory_order_acquire) == 0) {
    if (now_ns() > deadline)
      throw std::runtime_error(std::string{what} + ": orders unanswered after 60 s ("
                               + std::to_string(out.completed.value.load()) + " of "
                               + std::to_string(total) + " done)");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  allocations = stop_heap_count();
  return static_cast<double>(out.finished_at.value.load() - out.started_at.value.load()) / 1e9;
}

// The floor: one thread builds each order, hands it to the sandbox's
// matching engine and applies the venue's events to the order.
std::vector<double> floor_latencies(size_t total, double& seconds, uint64_t& allocations) {
  tn::sandbox::venue_context ctx{tn::venue::of("SIM"), tn::account_id::of("SIM-001")};
  tn::sandbox::matching_engine book{bench_instrument(), ctx};
  (void) book.on_quote(bench_quote(0));
  tn::order_factory factory{tn::trader_id::of("TRADER-001"), tn::strategy_id::of("BENCH-000"),
                            [] { return tn::node_clock::system()->now(); }};
  auto cmd = sample_submit();
  std::vector<double> result(total);
  start_heap_count();
  auto begin = now_ns();
  for (size_t i = 0; i < total; ++i) {
    auto start = now_ns();
    cmd.order = factory.market(cmd.order.instrument_id,
                               i % 2 ? tn::order_side::sell : tn::order_side::buy,
                               tn::quantity::of("0.001"));
    tn::order o{cmd.order};
    for (auto& ev : book.submit(cmd))
      if (auto err = o.apply(ev))
        throw std::runtime_error("floor: " + tn::describe(err));
    result[i] = static_cast<double>(now_ns() - start);
  }
  seconds = static_cast<double>(now_ns() - begin) / 1e9;
  allocations = stop_heap_count();
  return result;
}

} // namespace

void order_round_trip(const options& opt) {
  size_t total = opt.quick ? 2'000 : 100'000;
  row rate, p50, p99, p999, heap;
  rate.measurement = "order round trip";
  rate.unit = "orders/s";
  rate.note = std::to_string(total / 1000) + " k market orders, "
              + std::to_string(round_trip_window) + " in flight, submit -> filled";
  p50.measurement = "order round trip p50";
  p99.measurement = "order round trip p99";
  p999.measurement = "order round trip p99.9";
  for (auto* x : {&p50, &p99, &p999, &heap}) {
    x->unit = "µs";
    x->higher_is_better = false;
  }
  heap.measurement = "heap allocations per order (round trip)";
  heap.unit = "allocs";
  heap.note = "operator new calls of every thread while the orders flow, / orders";
  auto add = [&](std::vector<double> xs, double secs, uint64_t allocations,
                 runs row::*column) {
    (rate.*column).add(static_cast<double>(total) / secs);
    (heap.*column).add(static_cast<double>(allocations) / static_cast<double>(total));
    (p50.*column).add(percentile(xs, 50) / 1000);
    (p99.*column).add(percentile(xs, 99) / 1000);
    (p999.*column).add(percentile(xs, 99.9) / 1000);
  };
  for (int rep = 0; rep < opt.repeats; ++rep) {
    {
      auto out = std::make_shared<probe>(1);
      node_setup setup;
      setup.strategy = "round_trip";
      setup.exec = "sandbox";
      setup.window = round_trip_window;
      setup.orders = total;
      running_node node{setup, out};
      uint64_t allocations = 0;
      auto secs =
        run_flow("round trip through the node", node.engine(), *out, total, allocations);
      std::lock_guard<std::mutex> guard{out->mtx};
      add(out->round_trips, secs, allocations, &row::ours);
    }
    {
      probe out{1};
      raw_system raw;
      auto head = raw_round_trip(raw, out, round_trip_window, total);
      uint64_t allocations = 0;
      auto secs = run_flow("round trip in raw CAF", head, out, total, allocations);
      std::lock_guard<std::mutex> guard{out.mtx};
      add(out.round_trips, secs, allocations, &row::raw_caf);
    }
    double secs = 0;
    uint64_t allocations = 0;
    auto xs = floor_latencies(total, secs, allocations);
    add(std::move(xs), secs, allocations, &row::floor);
  }
  for (auto* x : {&rate, &p50, &p99, &p999, &heap})
    print_row(*x);
}

} // namespace bench
