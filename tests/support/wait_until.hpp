#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace tradenode::test {

/// Polls `condition` until it holds or `deadline` passes; returns whether it
/// held. For tests on real threads and processes, with generous deadlines.
inline bool wait_until(const std::function<bool()>& condition,
                       std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

} // namespace tradenode::test
