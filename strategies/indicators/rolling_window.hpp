#pragma once

#include <cstddef>
#include <deque>

namespace tradenode::indicators {

/// The last `period` values of a series, with their mean and population
/// standard deviation (recomputed over the window: no drift from running
/// sums over a long run).
class rolling_window {
public:
  /// `period` >= 1; throws std::invalid_argument otherwise.
  explicit rolling_window(size_t period);

  void add(double x);
  /// The window is full.
  bool full() const {
    return values_.size() == period_;
  }
  size_t size() const {
    return values_.size();
  }
  size_t period() const {
    return period_;
  }
  /// Mean of the values held (0 when empty).
  double mean() const;
  /// Population standard deviation of the values held (divides by n).
  double stddev() const;

private:
  size_t period_;
  std::deque<double> values_;
  double sum_ = 0;
};

} // namespace tradenode::indicators
