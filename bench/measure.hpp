#pragma once

// Clocks, statistics and process figures shared by the benchmarks.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <stdexcept>
#include <vector>

namespace bench {

/// Monotonic nanoseconds.
inline uint64_t now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::steady_clock::now().time_since_epoch())
                                 .count());
}

/// Busy-waits until `deadline` (now_ns() time): sleeping would add the
/// kernel's wake-up latency to a paced sender.
inline void spin_until(uint64_t deadline) {
  while (now_ns() < deadline) {
  }
}

/// The `p`-th percentile (0..100) of `xs`, nearest rank; sorts `xs`.
double percentile(std::vector<double>& xs, double p);

/// The figures of several runs of one measurement.
struct runs {
  std::vector<double> values;

  void add(double x) {
    values.push_back(x);
  }
  bool empty() const {
    return values.empty();
  }
  double median() const;
  double min() const;
  double max() const;
};

/// Resident set size of this process now, and its peak, in bytes (/proc).
size_t rss_bytes();
size_t peak_rss_bytes();

/// CPU time (user + system) this process has used, in seconds.
double cpu_seconds();

/// One line of the results table: our figure beside its baselines.
struct row {
  std::string measurement;
  std::string unit;
  /// Whether a larger value is better (throughput) or worse (latency, memory).
  bool higher_is_better = true;
  runs ours;
  runs raw_caf;
  runs floor;
  std::string note;
};

/// Prints the table header, and one row (median [min..max] of each column,
/// and ours / raw CAF and ours / floor as ratios).
void print_header();
void print_row(const row& x);

/// Formats a figure with an SI suffix (1.23 M) or as it is.
std::string format_figure(double x);

} // namespace bench
