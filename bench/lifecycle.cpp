#include <memory>
#include <mutex>

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <spdlog/sinks/base_sink.h>

#include "benchmarks.hpp"
#include "drive.hpp"
#include "raw_caf.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

// Notes when the node logs its transitions to RUNNING and to STOPPED.
class transition_sink : public spdlog::sinks::base_sink<std::mutex> {
public:
  std::atomic<uint64_t> running_at{0};
  std::atomic<uint64_t> stopped_at{0};

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string_view text{msg.payload.data(), msg.payload.size()};
    if (text == "TradingNode STARTING -> RUNNING")
      running_at = now_ns();
    else if (text == "TradingNode STOPPING -> STOPPED")
      stopped_at = now_ns();
  }
  void flush_() override {
  }
};

uint64_t await_set(const std::atomic<uint64_t>& x, const char* what) {
  auto deadline = now_ns() + 60'000'000'000ull;
  while (x.load() == 0) {
    if (now_ns() > deadline)
      throw std::runtime_error(std::string{"lifecycle: no "} + what + " within 60 s");
    std::this_thread::yield();
  }
  return x.load();
}

constexpr int actors = 9; // 4 engines, the run monitor, 2 clients, 1 strategy, 1 supervisor
constexpr int start_rounds = 6;
constexpr int stop_rounds = 4;

// Raw CAF: spawn as many actors as the node, then as many request rounds
// (each to every actor, awaited) as the start and stop sequences have steps.
void raw_lifecycle(double& start_ms, double& stop_ms, double& dispose_ms) {
  raw_system raw;
  caf::scoped_actor self{raw.sys()};
  auto begin = now_ns();
  std::vector<caf::actor> xs;
  for (int i = 0; i < actors; ++i)
    xs.push_back(raw.sys().spawn(
      [](caf::event_based_actor*, int) -> caf::behavior {
        return {[](tn::start_atom) { return caf::ok_atom_v; }};
      },
      i));
  // Each round asks every actor at once and awaits all answers, as the
  // node's steps do.
  auto rounds = [&](int n) {
    for (int r = 0; r < n; ++r) {
      for (auto& x : xs)
        self->send(x, tn::start_atom_v);
      for (size_t i = 0; i < xs.size(); ++i)
        self->receive([](caf::ok_atom) {});
    }
  };
  rounds(start_rounds);
  auto started = now_ns();
  rounds(stop_rounds);
  auto stopped = now_ns();
  for (auto& x : xs) {
    self->monitor(x);
    self->send_exit(x, caf::exit_reason::user_shutdown);
  }
  for (int i = 0; i < actors; ++i)
    self->receive([](const caf::down_msg&) {});
  auto disposed = now_ns();
  start_ms = static_cast<double>(started - begin) / 1e6;
  stop_ms = static_cast<double>(stopped - started) / 1e6;
  dispose_ms = static_cast<double>(disposed - stopped) / 1e6;
}

} // namespace

void lifecycle(const options& opt) {
  row start, stop, dispose;
  start.measurement = "run -> RUNNING (synthetic feed, sandbox, 1 strategy)";
  stop.measurement = "stop -> STOPPED";
  dispose.measurement = "dispose (after stop)";
  for (auto* x : {&start, &stop, &dispose}) {
    x->unit = "ms";
    x->higher_is_better = false;
  }
  start.note = "raw CAF: spawn 9 actors, 6 request rounds to all";
  stop.note = "raw CAF: 4 request rounds to all";
  dispose.note = "raw CAF: exit and await 9 down messages";
  int repeats = opt.quick ? 1 : std::max(opt.repeats, 5);
  for (int rep = 0; rep < repeats; ++rep) {
    auto out = std::make_shared<probe>(1);
    auto sink = std::make_shared<transition_sink>();
    node_setup setup;
    setup.synthetic = true;
    setup.exec = "sandbox";
    setup.level = spdlog::level::info;
    setup.sinks = {sink};
    setup.console = false;
    auto link = std::make_shared<feed_link>();
    tn::trading_node node{make_config(setup), make_factories(setup, link, out)};
    node.build();
    auto t0 = now_ns();
    auto finished = node.run_async();
    auto t1 = await_set(sink->running_at, "RUNNING");
    auto t2 = now_ns();
    node.stop();
    auto t3 = await_set(sink->stopped_at, "STOPPED");
    finished.get();
    auto t4 = now_ns();
    node.dispose();
    auto t5 = now_ns();
    start.ours.add(static_cast<double>(t1 - t0) / 1e6);
    stop.ours.add(static_cast<double>(t3 - t2) / 1e6);
    dispose.ours.add(static_cast<double>(t5 - t4) / 1e6);
    double a = 0, b = 0, c = 0;
    raw_lifecycle(a, b, c);
    start.raw_caf.add(a);
    stop.raw_caf.add(b);
    dispose.raw_caf.add(c);
  }
  for (auto* x : {&start, &stop, &dispose})
    print_row(*x);
}

} // namespace bench
