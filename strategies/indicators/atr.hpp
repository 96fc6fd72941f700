#pragma once

#include <cstddef>

#include "tradenode/messages/data/bar.hpp"

namespace tradenode::indicators {

/// Average true range (Wilder) of bars: true range = max(high - low,
/// |high - previous close|, |low - previous close|) (high - low for the first
/// bar); the first ATR is the mean of the first `period` true ranges, later
/// ones Wilder-smoothed. Initialized after `period` bars.
class atr {
public:
  /// `period` >= 1; throws std::invalid_argument otherwise.
  explicit atr(size_t period);

  void handle(const bar& x) {
    update(x.high.as_double(), x.low.as_double(), x.close.as_double());
  }
  void update(double high, double low, double close);
  bool initialized() const {
    return count_ >= period_;
  }
  double value() const {
    return value_;
  }

private:
  size_t period_;
  size_t count_ = 0;
  double previous_close_ = 0;
  double value_ = 0;
};

} // namespace tradenode::indicators
