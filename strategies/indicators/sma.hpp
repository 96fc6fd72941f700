#pragma once

#include "tradenode/strategies/indicators/price_input.hpp"
#include "tradenode/strategies/indicators/rolling_window.hpp"

namespace tradenode::indicators {

/// Simple moving average of the last `period` prices; initialized once it
/// has `period` of them (before that, the mean of those it has).
class sma : public price_input<sma> {
public:
  explicit sma(size_t period) : window_(period) {
  }

  void update(double x) {
    window_.add(x);
  }
  bool initialized() const {
    return window_.full();
  }
  double value() const {
    return window_.mean();
  }

private:
  rolling_window window_;
};

} // namespace tradenode::indicators
