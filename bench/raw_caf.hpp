#pragma once

// Baselines in plain CAF: the same actor hops and message types as the
// node's pipelines, with no trading logic.

#include <memory>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "bench_node.hpp"

namespace bench {

/// An actor system configured as a node's own: tradenode's types, the scheduler.
class raw_system {
public:
  explicit raw_system(const tradenode::scheduler_config& scheduler = {});
  ~raw_system();

  caf::actor_system& sys() {
    return *sys_;
  }
  /// Spawns `fn(self, xs...)`; the actor is told to exit before the system ends.
  template <class F, class... Ts>
  caf::actor spawn(F fn, Ts&&... xs) {
    auto x = sys_->spawn(fn, std::forward<Ts>(xs)...);
    spawned_.push_back(x);
    return x;
  }

private:
  caf::actor_system_config cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  std::vector<caf::actor> spawned_;
};

/// quote_tick (or quote_batch) -> `sinks.size()` actors, each counting its
/// quotes into `out.counts[i]`.
caf::actor raw_fan_out(raw_system& raw, probe& out);

/// quote -> quote -> submit_order -> submit_order -> submit_order (for
/// trigger quotes), the last hop noting its arrival in `out` as the timed
/// front does.
caf::actor raw_tick_to_trade(raw_system& raw, probe& out);

/// Strategy -> risk -> execution -> venue, and three order events back
/// through execution to the strategy, `window` orders in flight, `total` in
/// all; the strategy notes latencies and completions in `out`. Starts on the
/// first message the returned actor gets.
caf::actor raw_round_trip(raw_system& raw, probe& out, size_t window, size_t total);

} // namespace bench
