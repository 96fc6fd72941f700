#include "tradenode/node/request_all.hpp"

#include <chrono>
#include <cstdio>

namespace tradenode {

std::string format_seconds(caf::timespan d) {
  auto secs = std::chrono::duration<double>(d).count();
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", secs);
  std::string text = buf;
  // "60.000" -> "60", "0.250" -> "0.25"
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text + "s";
}

caf::error step_error(const std::string& step, const std::string& who,
                      const caf::error& err, caf::timespan timeout, errc failure_code) {
  if (err == caf::sec::request_timeout)
    return caf::make_error(errc::timeout,
                           step + ": " + who + " timed out after " + format_seconds(timeout));
  if (err.category() == error_category)
    return caf::make_error(failure_code, step + ": " + who + " failed: " + context_of(err)
                                           + " [" + to_string(static_cast<errc>(err.code()))
                                           + "]");
  return caf::make_error(failure_code, step + ": " + who + " failed: " + describe(err));
}

std::shared_ptr<step_tracker> make_tracker(std::string step, size_t count,
                                           std::function<void(caf::error)> done) {
  auto tracker = std::make_shared<step_tracker>();
  tracker->step = std::move(step);
  tracker->pending = count;
  tracker->done = std::move(done);
  if (count == 0)
    tracker->done(caf::error{});
  return tracker;
}

} // namespace tradenode
