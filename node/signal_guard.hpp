#pragma once

#include <functional>
#include <thread>

namespace tradenode {

/// While alive, turns SIGINT and SIGTERM into calls on a watcher thread: the
/// first signal calls `on_first`, every later one `on_repeat`. The signal
/// handler itself only writes one byte to a pipe (async-signal-safe: no
/// logging, no allocation); the callbacks run on the watcher thread.
/// The previous handlers are restored on destruction. One guard at a time.
class signal_guard {
public:
  signal_guard(std::function<void()> on_first, std::function<void()> on_repeat);
  ~signal_guard();

  signal_guard(const signal_guard&) = delete;
  signal_guard& operator=(const signal_guard&) = delete;

private:
  void watch();

  std::function<void()> on_first_;
  std::function<void()> on_repeat_;
  std::thread watcher_;
};

/// Blocks until SIGINT or SIGTERM (for the processes that serve until told
/// to stop: `tradenode venue` and `tradenode feed`).
void wait_for_stop_signal();

} // namespace tradenode
