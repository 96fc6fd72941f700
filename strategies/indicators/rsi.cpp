#include "tradenode/strategies/indicators/rsi.hpp"
#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

rsi::rsi(size_t period) : period_(checked_period(period)) {
}

void rsi::update(double x) {
  if (!has_last_) {
    has_last_ = true;
    last_ = x;
    return;
  }
  auto change = x - last_;
  last_ = x;
  auto gain = change > 0 ? change : 0.0;
  auto loss = change < 0 ? -change : 0.0;
  auto n = static_cast<double>(period_);
  if (++changes_ <= period_) {
    // The first averages are simple means of the first `period` changes.
    average_gain_ += gain / n;
    average_loss_ += loss / n;
    return;
  }
  average_gain_ = (average_gain_ * (n - 1) + gain) / n;
  average_loss_ = (average_loss_ * (n - 1) + loss) / n;
}

double rsi::value() const {
  if (changes_ == 0)
    return 50.0;
  if (average_loss_ == 0)
    return average_gain_ == 0 ? 50.0 : 100.0;
  return 100.0 - 100.0 / (1.0 + average_gain_ / average_loss_);
}

} // namespace tradenode::indicators
