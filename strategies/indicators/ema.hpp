#pragma once

#include <cstddef>

#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

/// Exponential moving average with alpha = 2 / (period + 1), started at the
/// first price (as NautilusTrader's); initialized after `period` prices.
class ema : public price_input<ema> {
public:
  /// `period` >= 1; throws std::invalid_argument otherwise.
  explicit ema(size_t period);

  void update(double x);
  bool initialized() const {
    return count_ >= period_;
  }
  double value() const {
    return value_;
  }
  /// The prices seen so far.
  size_t count() const {
    return count_;
  }

private:
  size_t period_;
  double alpha_;
  double value_ = 0;
  size_t count_ = 0;
};

} // namespace tradenode::indicators
