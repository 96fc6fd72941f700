#include "tradenode/strategies/indicators/ema.hpp"

#include <stdexcept>

namespace tradenode::indicators {

ema::ema(size_t period) : period_(period), alpha_(2.0 / (static_cast<double>(period) + 1)) {
  if (period == 0)
    throw std::invalid_argument("an indicator's period must be at least 1");
}

void ema::update(double x) {
  value_ = count_++ == 0 ? x : value_ + alpha_ * (x - value_);
}

} // namespace tradenode::indicators
