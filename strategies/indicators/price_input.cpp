#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

double mid_of(const quote_tick& x) {
  return (x.bid_price.as_double() + x.ask_price.as_double()) / 2;
}

} // namespace tradenode::indicators
