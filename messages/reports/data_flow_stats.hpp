#pragma once

#include <cstdint>

#include "tradenode/messages/reflect.hpp"

namespace tradenode {

/// What the data engine's flow control did since it started: how often a slow
/// subscriber had data held back, how much of it was conflated or queued, and
/// how often the feeds were paused for it.
struct data_flow_stats {
  /// Quotes replaced by a newer quote of the same instrument while held back.
  uint64_t conflated = 0;
  /// Messages held back for a subscriber whose window was full.
  uint64_t held = 0;
  /// The most messages ever queued for one subscriber.
  uint64_t max_queued = 0;
  /// Times the data clients were paused (backpressure).
  uint64_t pauses = 0;

  friend bool operator==(const data_flow_stats&, const data_flow_stats&) = default;
};

TRADENODE_REFLECT(data_flow_stats, conflated, held, max_queued, pauses)

} // namespace tradenode
