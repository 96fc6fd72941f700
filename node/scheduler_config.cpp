#include "tradenode/node/scheduler_config.hpp"

#include <chrono>
#include <limits>
#include <thread>

namespace tradenode {

namespace {

// The three stages of CAF's work-stealing `dequeue`: aggressive polling,
// moderate polling with a sleep between polls, then a condition variable.
struct wait_stages {
  size_t aggressive_polls;
  size_t moderate_polls;
  caf::timespan moderate_sleep;
  caf::timespan relaxed_sleep;
};

wait_stages stages_of(scheduler_profile x) {
  using std::chrono::microseconds, std::chrono::milliseconds;
  switch (x) {
    case scheduler_profile::low_latency:
      // The first stage never ends: a worker keeps polling (and stealing).
      return {static_cast<size_t>(std::numeric_limits<int64_t>::max()), 0,
              microseconds{50}, milliseconds{10}};
    case scheduler_profile::power_saving:
      return {10, 0, microseconds{50}, milliseconds{10}};
    case scheduler_profile::balanced:
      break;
  }
  return {100, 500, microseconds{50}, milliseconds{10}};
}

} // namespace

std::string_view to_string(scheduler_profile x) {
  switch (x) {
    case scheduler_profile::low_latency:
      return "low_latency";
    case scheduler_profile::balanced:
      return "balanced";
    case scheduler_profile::power_saving:
      return "power_saving";
  }
  return "balanced";
}

caf::optional<scheduler_profile> parse_scheduler_profile(std::string_view text) {
  for (auto x : {scheduler_profile::low_latency, scheduler_profile::balanced,
                 scheduler_profile::power_saving})
    if (to_string(x) == text)
      return x;
  return caf::none;
}

void apply_scheduler_config(caf::actor_system_config& cfg, const scheduler_config& x) {
  auto stages = stages_of(x.profile);
  // CAF's config values hold signed 64-bit integers.
  cfg.set("work-stealing.aggressive-poll-attempts", static_cast<int64_t>(stages.aggressive_polls));
  cfg.set("work-stealing.moderate-poll-attempts", static_cast<int64_t>(stages.moderate_polls));
  cfg.set("work-stealing.moderate-sleep-duration", stages.moderate_sleep);
  cfg.set("work-stealing.relaxed-sleep-duration", stages.relaxed_sleep);
  // CAF's own default is at least 4 workers; more workers than cores only
  // adds context switches (measured in bench/), so 0 means one per core.
  auto threads = x.threads > 0 ? x.threads : std::thread::hardware_concurrency();
  if (threads > 0)
    cfg.set("scheduler.max-threads", static_cast<int64_t>(threads));
}

} // namespace tradenode
