#include "tradenode/actors/node_clock.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace tradenode {

namespace {

// The one place that reads the system clock (tests keep it so).
unix_nanos system_now() {
  using namespace std::chrono;
  return static_cast<unix_nanos>(
    duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count());
}

} // namespace

node_clock::node_clock(const caf::actor_clock* actors, unix_nanos start, bool simulated)
  : actors_(actors), simulated_(simulated), origin_(start) {
  if (actors_)
    anchor_ = actors_->now();
}

const std::shared_ptr<node_clock>& node_clock::system() {
  // One for the process: it has no state.
  static const std::shared_ptr<node_clock> instance{new node_clock{nullptr, 0, false}};
  return instance;
}

std::shared_ptr<node_clock> node_clock::data(const caf::actor_clock& actors, unix_nanos start,
                                             bool simulated) {
  return std::shared_ptr<node_clock>{new node_clock{&actors, start, simulated}};
}

unix_nanos node_clock::now_locked() const {
  if (rate_ == 0)
    return origin_;
  auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(actors_->now() - anchor_);
  auto count = std::max<int64_t>(elapsed.count(), 0);
  if (rate_ == 1)
    return origin_ + static_cast<unix_nanos>(count);
  return origin_ + static_cast<unix_nanos>(std::llround(static_cast<double>(count) * rate_));
}

unix_nanos node_clock::now() const {
  if (!actors_)
    return system_now();
  std::lock_guard<std::mutex> guard{mtx_};
  return now_locked();
}

std::mt19937_64 node_clock::id_generator(std::string_view component) const {
  if (!simulated_)
    return std::mt19937_64{std::random_device{}()};
  // FNV-1a: std::hash may differ between standard libraries.
  uint64_t seed = 14695981039346656037ull;
  for (unsigned char c : component)
    seed = (seed ^ c) * 1099511628211ull;
  return std::mt19937_64{seed};
}

caf::timespan node_clock::delay(caf::timespan node_time) const {
  if (!actors_ || node_time.count() <= 0)
    return std::max(node_time, caf::timespan{0});
  std::lock_guard<std::mutex> guard{mtx_};
  if (rate_ == 0 || rate_ == 1)
    return node_time;
  return caf::timespan{std::llround(static_cast<double>(node_time.count()) / rate_)};
}

caf::timespan node_clock::delay_until(unix_nanos t) const {
  auto current = now();
  return delay(caf::timespan{t > current ? static_cast<int64_t>(t - current) : 0});
}

void node_clock::run_from(unix_nanos t, double rate) {
  std::lock_guard<std::mutex> guard{mtx_};
  origin_ = std::max(t, now_locked());
  anchor_ = actors_->now();
  rate_ = rate;
}

void node_clock::hold() {
  std::lock_guard<std::mutex> guard{mtx_};
  origin_ = now_locked();
  rate_ = 0;
}

void node_clock::step_to(unix_nanos t) {
  std::lock_guard<std::mutex> guard{mtx_};
  origin_ = std::max(t, now_locked());
  anchor_ = actors_->now();
}

} // namespace tradenode
