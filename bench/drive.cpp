#include "drive.hpp"

namespace bench {

std::vector<uint64_t> settle(probe& out) {
  auto read = [&] {
    std::vector<uint64_t> xs;
    for (auto& x : out.counts)
      xs.push_back(x.value.load(std::memory_order_acquire));
    return xs;
  };
  auto last = read();
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto now = read();
    if (now == last)
      return now;
    last = now;
  }
}

uint64_t progress(const probe& out, const std::vector<uint64_t>& base) {
  uint64_t result = UINT64_MAX;
  for (size_t i = 0; i < base.size(); ++i)
    result = std::min(result, out.counts[i].value.load(std::memory_order_acquire) - base[i]);
  return result;
}

} // namespace bench
