#include <map>
#include <memory>

#include "benchmarks.hpp"
#include "drive.hpp"
#include "raw_caf.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/order_factory.hpp"
#include "tradenode/messages/order.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

// The floor: one copy of each order in a map, as the execution engine's
// cache holds it.
double floor_bytes_per_order(size_t total) {
  tn::order_factory factory{tn::trader_id::of("TRADER-001"), tn::strategy_id::of("BENCH-000"),
                            [] { return tn::node_clock::system()->now(); }};
  auto before = rss_bytes();
  std::map<tn::client_order_id, tn::order> cache;
  for (size_t i = 0; i < total; ++i) {
    auto init = factory.limit(bench_instrument().id, tn::order_side::buy,
                              tn::quantity::of("0.001"), tn::price::of("1000.00"));
    cache.emplace(init.client_order_id, tn::order{init});
  }
  return static_cast<double>(rss_bytes() - before) / static_cast<double>(total);
}

double node_bytes_per_open_order(size_t total) {
  auto out = std::make_shared<probe>(1);
  node_setup setup;
  setup.strategy = "resting";
  setup.exec = "sandbox";
  setup.orders = total;
  running_node node{setup, out};
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto before = rss_bytes();
  // The first quote the strategy sees makes it place its orders.
  auto deadline = now_ns() + 120'000'000'000ull;
  for (uint64_t seq = 0; out->completed.value.load() < total; ++seq) {
    if (now_ns() > deadline)
      throw std::runtime_error("memory: " + std::to_string(out->completed.value.load())
                               + " of " + std::to_string(total) + " orders accepted in 120 s");
    if (out->counts[0].value.load() == 0)
      caf::anon_send(node.engine(), bench_quote(seq));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return static_cast<double>(rss_bytes() - before) / static_cast<double>(total);
}

// RSS after each million quotes of a long run, in MiB.
template <class Handle>
std::vector<double> rss_over_run(const Handle& head, const std::function<uint64_t()>& delivered,
                                 uint64_t total) {
  std::vector<double> samples;
  pump(head, delivered, total, 65'536,
       [&](uint64_t) { samples.push_back(static_cast<double>(rss_bytes()) / (1 << 20)); });
  samples.push_back(static_cast<double>(rss_bytes()) / (1 << 20));
  return samples;
}

} // namespace

void memory_per_order(const options& opt) {
  size_t orders = opt.quick ? 2'000 : 100'000;
  row per_order;
  per_order.measurement = "memory per open order";
  per_order.unit = "bytes";
  per_order.higher_is_better = false;
  per_order.note = std::to_string(orders / 1000)
                   + " k resting limits, RSS growth; floor: one order in a map";
  per_order.ours.add(node_bytes_per_open_order(orders));
  per_order.floor.add(floor_bytes_per_order(orders));
  print_row(per_order);
}

void memory_over_run(const options& opt) {
  uint64_t quotes = opt.quick ? 2'000'000 : 10'000'000;
  row first, last;
  first.measurement = "RSS after 1 M quotes";
  last.measurement = "RSS after " + std::to_string(quotes / 1'000'000) + " M quotes";
  for (auto* x : {&first, &last}) {
    x->unit = "MiB";
    x->higher_is_better = false;
  }
  {
    auto out = std::make_shared<probe>(1);
    node_setup setup;
    running_node node{setup, out};
    await_subscribed(node.engine(), *out);
    auto base = settle(*out);
    auto xs = rss_over_run(
      node.engine(), [&] { return progress(*out, base); }, quotes);
    first.ours.add(xs.front());
    last.ours.add(xs.back());
    last.note = "1 strategy; the node's peak RSS "
                + format_figure(static_cast<double>(peak_rss_bytes()) / (1 << 20)) + " MiB";
  }
  {
    probe out{1};
    raw_system raw;
    auto head = raw_fan_out(raw, out);
    auto xs = rss_over_run(
      head, [&] { return out.min_count(); }, quotes);
    first.raw_caf.add(xs.front());
    last.raw_caf.add(xs.back());
  }
  print_row(first);
  print_row(last);
}

} // namespace bench
