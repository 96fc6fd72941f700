#include "tradenode/strategies/indicators/ema.hpp"
#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

ema::ema(size_t period)
  : period_(checked_period(period)), alpha_(2.0 / (static_cast<double>(period) + 1)) {
}

void ema::update(double x) {
  value_ = count_++ == 0 ? x : value_ + alpha_ * (x - value_);
}

} // namespace tradenode::indicators
