#pragma once

#include <deque>

#include "tradenode/actors/risk_engine_config.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// Counts commands in a sliding window on the node's clock: admits at most
/// `limit` within any `interval`.
class rate_limiter {
public:
  using time_point = unix_nanos;

  explicit rate_limiter(rate_limit x = {}) : rate_(x) {
    // nop
  }

  /// Returns whether one more command fits at `now`, and if so counts it.
  bool try_acquire(time_point now) {
    while (!admitted_.empty() && caf::timespan{static_cast<int64_t>(now - admitted_.front())} >= rate_.interval)
      admitted_.pop_front();
    if (admitted_.size() >= rate_.limit)
      return false;
    admitted_.push_back(now);
    return true;
  }

  const rate_limit& rate() const noexcept {
    return rate_;
  }

private:
  rate_limit rate_;
  std::deque<time_point> admitted_;
};

} // namespace tradenode
