#include "tradenode/strategies/indicators/rolling_window.hpp"
#include "tradenode/strategies/indicators/price_input.hpp"

#include <cmath>
#include <numeric>

namespace tradenode::indicators {

rolling_window::rolling_window(size_t period) : period_(checked_period(period)) {
}

void rolling_window::add(double x) {
  values_.push_back(x);
  if (values_.size() > period_)
    values_.pop_front();
  // Summed afresh: a running sum would carry rounding over millions of updates.
  sum_ = std::accumulate(values_.begin(), values_.end(), 0.0);
}

double rolling_window::mean() const {
  return values_.empty() ? 0.0 : sum_ / static_cast<double>(values_.size());
}

double rolling_window::stddev() const {
  if (values_.empty())
    return 0.0;
  auto m = mean();
  double squares = 0;
  for (auto x : values_)
    squares += (x - m) * (x - m);
  return std::sqrt(squares / static_cast<double>(values_.size()));
}

} // namespace tradenode::indicators
