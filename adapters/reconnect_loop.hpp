#pragma once

#include <algorithm>
#include <chrono>
#include <string>

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/timespan.hpp>
#include <spdlog/logger.h>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

/// Delays between attempts to reach a lost peer: 0.5 s, doubling up to 30 s,
/// back to 0.5 s once it is reached.
class reconnect_backoff {
public:
  static constexpr caf::timespan first = std::chrono::milliseconds{500};
  static constexpr caf::timespan longest = std::chrono::seconds{30};

  /// Returns the delay before the next attempt and doubles the one after.
  caf::timespan next() {
    auto result = delay_;
    delay_ = std::min<caf::timespan>(delay_ * 2, longest);
    return result;
  }

  /// Starts over after the peer was reached.
  void reset() {
    delay_ = first;
  }

private:
  caf::timespan delay_ = first;
};

/// Reaches a lost peer again, with backoff: the remote clients' one loop.
/// `schedule` arms the next attempt as a `tick_atom` to the client itself;
/// the client's tick handler calls `attempt`.
class reconnect_loop {
public:
  /// `peer` names the peer in the log ("the venue at 127.0.0.1:7000").
  explicit reconnect_loop(std::string peer = {}) : peer_(std::move(peer)) {
  }

  void set_peer(std::string peer) {
    peer_ = std::move(peer);
  }

  /// Sends `self` a tick after the next delay of the backoff.
  template <class Self>
  void schedule(Self* self, spdlog::logger& log) {
    auto delay = backoff_.next();
    log.info("Reconnecting to {} in {} ms", peer_,
             std::chrono::duration_cast<std::chrono::milliseconds>(delay).count());
    self->delayed_send(self, delay, caf::tick_atom_v);
  }

  /// Tries once: `reach(done)` calls `done` with none or the cause. On a
  /// failure logs it and schedules the next try; on success starts the
  /// backoff over and calls `restored()`.
  template <class Self, class Reach, class Restored>
  void attempt(Self* self, spdlog::logger& log, Reach reach, Restored restored) {
    reach([this, self, &log, restored](caf::error err) {
      if (err) {
        log.warn("Reconnecting to {} failed: {}", peer_, describe(err));
        return schedule(self, log);
      }
      backoff_.reset();
      restored();
    });
  }

private:
  std::string peer_;
  reconnect_backoff backoff_;
};

} // namespace tradenode
