#pragma once

#include <memory>
#include <mutex>
#include <random>
#include <string_view>

#include <caf/actor_clock.hpp>
#include <caf/timespan.hpp>

#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// The one clock of a node. Every actor of the node reads the time here, never
/// the system clock, and turns its trading delays (strategy timers, bar
/// closes, the sandbox's latency and expiry, the in-flight check, the run
/// monitor's samples) into actor-clock delays with `delay`.
///
/// Live, it is the system clock. On recorded data it is the data's time: it
/// stands at the data's start until the replay runs it from an event's time at
/// the replay's speed (one data second per 1/speed seconds of the actor clock),
/// holds it while the replay pauses, or steps it from event to event (speed
/// 0). In a backtest the actor clock is CAF's test clock, which the backtest
/// moves from event to event, so that node time is exactly the data's time.
/// Thread-safe.
class node_clock {
public:
  /// The system clock: a live node (one for the process).
  static const std::shared_ptr<node_clock>& system();

  /// The data's clock, standing at `start`; `actors` is the clock the node's
  /// actors schedule on (their actor system's). `simulated`: that clock is a
  /// backtest's, which jumps from event to event.
  static std::shared_ptr<node_clock> data(const caf::actor_clock& actors, unix_nanos start,
                                          bool simulated = false);

  /// Returns the node's time now.
  unix_nanos now() const;

  /// Returns whether this clock follows recorded data.
  bool follows_data() const noexcept {
    return actors_ != nullptr;
  }

  /// Returns whether the actor clock is a backtest's: a replay then plays
  /// every event at its own time (speed 1), which costs no waiting.
  bool simulated() const noexcept {
    return simulated_;
  }

  /// Returns the random generator of `component`'s ids (event and command
  /// UUIDs): seeded from the system's entropy, or, on a simulated clock, from
  /// the component's name, so that a backtest makes the same ids every run.
  std::mt19937_64 id_generator(std::string_view component) const;

  /// Returns the actor-clock delay after which `node_time` will have passed
  /// on this clock (the same delay when time does not run at a rate).
  caf::timespan delay(caf::timespan node_time) const;

  /// Returns the actor-clock delay until this clock reads `t` (0 if it did).
  caf::timespan delay_until(unix_nanos t) const;

  // -- driven by the replay (a data clock only) ---------------------------------

  /// From now on, time runs from `t` at `rate` times the actor clock.
  void run_from(unix_nanos t, double rate);

  /// Time stands still where it is (a paused replay).
  void hold();

  /// Time stands at `t` (a replay at speed 0 steps it event by event); never
  /// goes back.
  void step_to(unix_nanos t);

private:
  node_clock(const caf::actor_clock* actors, unix_nanos start, bool simulated);

  unix_nanos now_locked() const;

  /// Null for the system clock.
  const caf::actor_clock* actors_;
  bool simulated_;
  mutable std::mutex mtx_;
  /// Node time at `anchor_`; where time stands while `rate_` is 0.
  unix_nanos origin_;
  caf::actor_clock::time_point anchor_;
  double rate_ = 0;
};

using node_clock_ptr = std::shared_ptr<node_clock>;

} // namespace tradenode
