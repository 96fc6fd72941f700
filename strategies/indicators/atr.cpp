#include "tradenode/strategies/indicators/atr.hpp"
#include "tradenode/strategies/indicators/price_input.hpp"

#include <algorithm>
#include <cmath>

namespace tradenode::indicators {

atr::atr(size_t period) : period_(checked_period(period)) {
}

void atr::update(double high, double low, double close) {
  auto range = high - low;
  if (count_ > 0)
    range = std::max({range, std::abs(high - previous_close_), std::abs(low - previous_close_)});
  previous_close_ = close;
  auto n = static_cast<double>(period_);
  // The mean of the first `period` ranges, then Wilder's smoothing.
  if (++count_ <= period_)
    value_ += (range - value_) / static_cast<double>(count_);
  else
    value_ = (value_ * (n - 1) + range) / n;
}

} // namespace tradenode::indicators
