#pragma once

#include <chrono>
#include <cstdint>

#include <caf/timespan.hpp>

namespace tradenode {

/// The execution engine's settings (config section `exec_engine`): its
/// in-flight check, NautilusTrader's `inflight_check_*` options.
///
/// An order whose last command (submit, cancel or modify) has waited
/// `inflight_check_threshold` for the venue's answer is queried through its
/// client's mass status, once per `inflight_check_interval`. A report of the
/// order brings it to the venue's state (a cancel or modify the venue never
/// got is answered with order_cancel_rejected / order_modify_rejected); after
/// `inflight_check_retries` queries without one it is resolved: rejected if it
/// was never accepted, canceled otherwise.
struct exec_engine_config {
  /// How often the check runs; 0 turns it off. Default 2 s.
  caf::timespan inflight_check_interval = std::chrono::seconds{2};
  /// How long a command waits for its answer before its order is queried. Default 5 s.
  caf::timespan inflight_check_threshold = std::chrono::seconds{5};
  /// Queries without a report of the order before it is resolved. Default 5.
  uint32_t inflight_check_retries = 5;
};

} // namespace tradenode
