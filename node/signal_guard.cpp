#include "tradenode/node/signal_guard.hpp"

#include <cerrno>
#include <csignal>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace tradenode {

namespace {

// The pipe the handler writes to; -1 while no guard is installed.
int signal_pipe[2] = {-1, -1};
struct sigaction previous_int;
struct sigaction previous_term;

constexpr char wake_for_exit = 0;

extern "C" void on_signal(int signo) {
  auto saved = errno;
  auto byte = static_cast<char>(signo);
  // A full pipe means signals are already pending: dropping this one is fine.
  [[maybe_unused]] auto n = write(signal_pipe[1], &byte, 1);
  errno = saved;
}

} // namespace

signal_guard::signal_guard(std::function<void()> on_first, std::function<void()> on_repeat,
                           after then)
  : on_first_(std::move(on_first)), on_repeat_(std::move(on_repeat)), after_(then) {
  if (signal_pipe[0] != -1)
    throw std::logic_error("signal_guard: only one guard may be installed at a time");
  if (pipe2(signal_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("signal_guard: cannot create pipe");
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
  watcher_ = std::thread{[this] { watch(); }};
}

signal_guard::~signal_guard() {
  if (after_ == after::ignore) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, nullptr);
    sigaction(SIGTERM, &ignore, nullptr);
  } else {
    sigaction(SIGINT, &previous_int, nullptr);
    sigaction(SIGTERM, &previous_term, nullptr);
  }
  [[maybe_unused]] auto n = write(signal_pipe[1], &wake_for_exit, 1);
  watcher_.join();
  close(signal_pipe[0]);
  close(signal_pipe[1]);
  signal_pipe[0] = signal_pipe[1] = -1;
}

void signal_guard::watch() {
  int received = 0;
  for (;;) {
    char byte = 0;
    auto n = read(signal_pipe[0], &byte, 1);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0 || byte == wake_for_exit)
      return;
    if (++received == 1)
      on_first_();
    else
      on_repeat_();
  }
}

stop_signal::stop_signal(signal_guard::after then)
  : guard_{[this] { on_signal(); }, [this] { on_signal(); }, then} {
}

void stop_signal::on_signal() {
  std::function<void()> f;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (++count_ == 1)
      f = then_;
  }
  signaled_.notify_all();
  if (f)
    f();
}

void stop_signal::wait() {
  std::unique_lock<std::mutex> guard{mutex_};
  signaled_.wait(guard, [this] { return count_ > 0; });
}

size_t stop_signal::wait_for(size_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> guard{mutex_};
  signaled_.wait_for(guard, timeout, [this, seen] { return count_ > seen; });
  return count_;
}

bool stop_signal::requested() const {
  return count() > 0;
}

size_t stop_signal::count() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return count_;
}

void stop_signal::then(std::function<void()> f) {
  bool now = false;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    then_ = f;
    now = count_ > 0;
  }
  if (now)
    f();
}

} // namespace tradenode
