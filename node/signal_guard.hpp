#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
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

/// A SIGINT or SIGTERM, caught from construction on. Create it before the
/// process says it is ready, so that a signal sent right after that line is
/// never met by the default handler (which would kill the process).
class stop_signal {
public:
  stop_signal();

  /// Blocks until the first signal.
  void wait();

  bool requested() const;

  /// Calls `f` on the first signal (on the watcher thread), or right now if
  /// it came already.
  void then(std::function<void()> f);

private:
  void on_first();

  mutable std::mutex mutex_;
  std::condition_variable signaled_;
  bool requested_ = false;
  std::function<void()> then_;
  signal_guard guard_; // last: destroyed first, before what its thread uses
};

} // namespace tradenode
