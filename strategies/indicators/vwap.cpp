#include "tradenode/strategies/indicators/vwap.hpp"

namespace tradenode::indicators {

void vwap::update(double price, double volume, unix_nanos ts) {
  constexpr unix_nanos nanos_per_day = 86'400'000'000'000;
  auto day = ts / nanos_per_day;
  if (day != day_) {
    day_ = day;
    notional_ = 0;
    volume_ = 0;
  }
  notional_ += price * volume;
  volume_ += volume;
}

} // namespace tradenode::indicators
