#pragma once

#include "tradenode/strategies/indicators/price_input.hpp"
#include "tradenode/strategies/indicators/rolling_window.hpp"

namespace tradenode::indicators {

/// Bollinger bands: the middle band is the SMA of the last `period` prices,
/// the upper and lower bands `k` population standard deviations above and
/// below it; initialized once it has `period` prices.
class bollinger_bands : public price_input<bollinger_bands> {
public:
  bollinger_bands(size_t period, double k) : window_(period), k_(k) {
  }

  void update(double x) {
    window_.add(x);
  }
  bool initialized() const {
    return window_.full();
  }
  double middle() const {
    return window_.mean();
  }
  double upper() const {
    return window_.mean() + k_ * window_.stddev();
  }
  double lower() const {
    return window_.mean() - k_ * window_.stddev();
  }

private:
  rolling_window window_;
  double k_;
};

} // namespace tradenode::indicators
