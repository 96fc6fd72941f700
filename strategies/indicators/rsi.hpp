#pragma once

#include <cstddef>

#include "tradenode/strategies/indicators/price_input.hpp"

namespace tradenode::indicators {

/// Relative strength index (Wilder): the first average gain and loss are the
/// means of the first `period` changes, later ones Wilder-smoothed
/// (avg = (avg * (period - 1) + change) / period); RSI = 100 - 100 / (1 + RS),
/// RS = average gain / average loss (100 with no loss). Initialized after
/// `period` changes, that is `period` + 1 prices.
class rsi : public price_input<rsi> {
public:
  /// `period` >= 1; throws std::invalid_argument otherwise.
  explicit rsi(size_t period);

  void update(double x);
  bool initialized() const {
    return changes_ >= period_;
  }
  /// 0..100; 50 before the first change.
  double value() const;

private:
  size_t period_;
  size_t changes_ = 0;
  bool has_last_ = false;
  double last_ = 0;
  double average_gain_ = 0;
  double average_loss_ = 0;
};

} // namespace tradenode::indicators
