#pragma once

#include <algorithm>
#include <chrono>

#include <caf/timespan.hpp>

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

} // namespace tradenode
