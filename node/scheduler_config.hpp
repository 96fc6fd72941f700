#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <caf/actor_system_config.hpp>
#include <caf/optional.hpp>

namespace tradenode {

/// How CAF's work-stealing workers wait for work (config `scheduler.profile`).
enum class scheduler_profile {
  /// Workers never sleep: they poll their queues all the time. Lowest latency
  /// for sparse messages; every worker keeps one core 100 % busy, always.
  low_latency,
  /// CAF's defaults: poll 100 times, then sleep 50 µs between 500 polls, then
  /// wait on a condition variable. A few µs when busy, tens of µs when sparse.
  balanced,
  /// Poll 10 times, then wait on a condition variable at once (10 ms timeout).
  /// Idle workers use no CPU; a message after a pause waits for a wake-up.
  power_saving,
};

/// The scheduler settings of a node's own actor system (config section `scheduler`).
struct scheduler_config {
  scheduler_profile profile = scheduler_profile::balanced;
  /// Worker threads; 0: one per hardware thread (CAF's own default would
  /// start at least 4).
  size_t threads = 0;
};

std::string_view to_string(scheduler_profile x);

/// Parses "low_latency", "balanced" or "power_saving".
caf::optional<scheduler_profile> parse_scheduler_profile(std::string_view text);

/// Sets CAF's `work-stealing.*` options and `scheduler.max-threads` in `cfg`.
/// The facade calls it for the system it owns; an embedder who owns the
/// `actor_system` calls it on its config before creating the system.
void apply_scheduler_config(caf::actor_system_config& cfg, const scheduler_config& x);

} // namespace tradenode
