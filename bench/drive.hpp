#pragma once

// The bench's sender thread: it plays a feed's socket thread, enqueueing
// quotes into the first actor of a pipeline.

#include <functional>
#include <thread>
#include <vector>

#include <caf/send.hpp>

#include "bench_node.hpp"
#include "measure.hpp"

namespace bench {

/// Waits until no counter of `out` has moved for 20 ms (the warm-up quotes
/// have all arrived) and returns the counts.
std::vector<uint64_t> settle(probe& out);

/// How far the slowest counter of `out` got past `base`.
uint64_t progress(const probe& out, const std::vector<uint64_t>& base);

/// Sends `total` copies of a quote to `dest`, never more than `window` ahead
/// of `delivered()`, and returns the seconds until all were delivered.
/// `every_million` runs after each million sent (memory samples). With
/// `batch` > 1 the quotes go in quote_batch messages of that many.
template <class Handle>
double pump(const Handle& dest, const std::function<uint64_t()>& delivered, uint64_t total,
            uint64_t window, const std::function<void(uint64_t)>& every_million = {},
            uint64_t batch = 1) {
  auto q = bench_quote(0);
  tradenode::quote_batch many;
  many.ticks.assign(batch, q);
  auto start = now_ns();
  for (uint64_t i = 0; i < total; i += batch) {
    if ((i & 1023) < batch)
      while (i > window && i - window > delivered())
        std::this_thread::yield();
    if (every_million && i > 0 && i % 1'000'000 < batch)
      every_million(i);
    if (batch == 1)
      caf::anon_send(dest, q);
    else
      caf::anon_send(dest, many);
  }
  while (delivered() < total)
    std::this_thread::yield();
  return static_cast<double>(now_ns() - start) / 1e9;
}

} // namespace bench
