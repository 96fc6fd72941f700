#include "tradenode/strategies/indicators/price_input.hpp"

#include <stdexcept>

namespace tradenode::indicators {

size_t checked_period(size_t period) {
  if (period == 0)
    throw std::invalid_argument("an indicator's period must be at least 1");
  return period;
}

double mid_of(const quote_tick& x) {
  return (x.bid_price.as_double() + x.ask_price.as_double()) / 2;
}

} // namespace tradenode::indicators
