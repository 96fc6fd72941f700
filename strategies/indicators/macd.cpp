#include "tradenode/strategies/indicators/macd.hpp"

#include <stdexcept>

namespace tradenode::indicators {

macd::macd(size_t fast, size_t slow, size_t signal) : fast_(fast), slow_(slow), signal_(signal) {
  if (fast >= slow)
    throw std::invalid_argument("macd: the fast period must be below the slow one");
}

void macd::update(double x) {
  fast_.update(x);
  slow_.update(x);
  signal_.update(line());
}

} // namespace tradenode::indicators
