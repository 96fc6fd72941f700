#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tradenode {

/// While alive, turns SIGINT and SIGTERM into calls on a watcher thread: the
/// first signal calls `on_first`, every later one `on_repeat`. The signal
/// handler itself only writes one byte to a pipe (async-signal-safe: no
/// logging, no allocation); the callbacks run on the watcher thread.
/// The previous handlers are restored on destruction, or with
/// `after::ignore` the signals are ignored from then on (a process that is
/// ending: a late signal must not kill it with the default action). One
/// guard at a time.
class signal_guard {
public:
  /// What happens to SIGINT and SIGTERM when the guard is gone.
  enum class after { restore, ignore };

  signal_guard(std::function<void()> on_first, std::function<void()> on_repeat,
               after then = after::restore);
  ~signal_guard();

  signal_guard(const signal_guard&) = delete;
  signal_guard& operator=(const signal_guard&) = delete;

private:
  void watch();

  std::function<void()> on_first_;
  std::function<void()> on_repeat_;
  after after_;
  std::thread watcher_;
};

/// A SIGINT or SIGTERM, caught from construction on. Create it before the
/// process says it is ready, so that a signal sent right after that line is
/// never met by the default handler (which would kill the process).
class stop_signal {
public:
  explicit stop_signal(signal_guard::after then = signal_guard::after::restore);

  /// Blocks until the first signal.
  void wait();

  /// Blocks until more than `seen` signals came or `timeout` passed; returns
  /// how many came.
  size_t wait_for(size_t seen, std::chrono::milliseconds timeout);

  bool requested() const;

  /// Returns how many signals came so far.
  size_t count() const;

  /// Calls `f` on the first signal (on the watcher thread), or right now if
  /// it came already.
  void then(std::function<void()> f);

private:
  void on_signal();

  mutable std::mutex mutex_;
  std::condition_variable signaled_;
  size_t count_ = 0;
  std::function<void()> then_;
  signal_guard guard_; // last: destroyed first, before what its thread uses
};

} // namespace tradenode
