#pragma once

#include "tradenode/strategies/indicators/price_input.hpp"
#include "tradenode/strategies/indicators/rolling_window.hpp"

namespace tradenode::indicators {

/// Population standard deviation (divides by n, as Bollinger bands use it) of
/// the last `period` prices; initialized once it has `period` of them.
class rolling_std : public price_input<rolling_std> {
public:
  explicit rolling_std(size_t period) : window_(period) {
  }

  void update(double x) {
    window_.add(x);
  }
  bool initialized() const {
    return window_.full();
  }
  double value() const {
    return window_.stddev();
  }

private:
  rolling_window window_;
};

} // namespace tradenode::indicators
