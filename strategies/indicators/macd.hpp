#pragma once

#include "tradenode/strategies/indicators/ema.hpp"
#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

/// Moving average convergence/divergence: the line is EMA(fast) - EMA(slow)
/// of the prices, the signal an EMA(signal) of the line, the histogram their
/// difference. Initialized once the slow EMA and the signal are.
class macd : public price_input<macd> {
public:
  /// Periods >= 1 and fast < slow; throws std::invalid_argument otherwise.
  macd(size_t fast, size_t slow, size_t signal);

  void update(double x);
  bool initialized() const {
    return slow_.initialized() && signal_.initialized();
  }
  double line() const {
    return fast_.value() - slow_.value();
  }
  double signal() const {
    return signal_.value();
  }
  double histogram() const {
    return line() - signal();
  }

private:
  ema fast_;
  ema slow_;
  ema signal_;
};

} // namespace tradenode::indicators
