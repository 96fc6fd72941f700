#pragma once

#include <chrono>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/after.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>

#include "tradenode/actors/node_clock.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"

namespace tradenode::test {

/// Runs an actor system on CAF's single-threaded test scheduler with a fake
/// clock: tests drive every message and every timeout explicitly.
struct deterministic_fixture {
  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scoped_actor self;
  caf::scheduler::test_coordinator& sched;
  /// The node clock of the actors under test: it reads `clock_start` at first
  /// and runs with the test clock.
  node_clock_ptr clock;

  /// 2026-11-24T09:30:00Z.
  static constexpr unix_nanos clock_start = 1'795'512'600'000'000'000;

  deterministic_fixture()
    : sys(init(cfg)),
      self(sys, true),
      sched(dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())) {
    sched.clock().current_time += std::chrono::hours(1); // avoid time zero, as CAF does
    clock = node_clock::data(sched.clock(), clock_start);
    clock->run_from(clock_start, 1);
  }

  ~deterministic_fixture() {
    // Delayed messages hold their receivers: drop them so that every actor
    // can terminate before the actor system shuts down.
    sched.clock().cancel_all();
    sched.run();
  }

  static caf::actor_system_config& init(caf::actor_system_config& cfg) {
    cfg.set("scheduler.policy", caf::atom("testing"));
    cfg.set("logger.inline-output", true);
    register_types(cfg);
    return cfg;
  }

  /// Advances the fake clock by `d`, firing what falls due, and runs all actors.
  void advance(caf::timespan d) {
    sched.clock().advance_time(d);
    sched.run();
  }

  /// Returns the next message in the test actor's mailbox if it is a `T` (or
  /// the error it carries); "no reply" when the mailbox is empty.
  template <class T>
  caf::expected<T> take_reply() {
    caf::expected<T> result = caf::make_error(errc::invalid_state, "no reply");
    self->receive([&](T& x) { result = std::move(x); },
                  [&](caf::error& err) { result = std::move(err); },
                  caf::after(std::chrono::seconds(0)) >> [] {});
    return result;
  }
};

} // namespace tradenode::test
