#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/sinks/base_sink.h>

namespace tradenode::test {

/// A log sink that keeps every line ("[logger] message") for tests to search.
class log_capture final : public spdlog::sinks::base_sink<std::mutex> {
public:
  /// Returns a copy of the lines logged so far.
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> guard{mutex_};
    return lines_;
  }

  /// Returns whether some line contains `text`.
  bool contains(const std::string& text) {
    return index_of(text) >= 0;
  }

  /// Returns how many lines contain `text`.
  size_t count(const std::string& text) {
    std::lock_guard<std::mutex> guard{mutex_};
    return static_cast<size_t>(std::count_if(lines_.begin(), lines_.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    }));
  }

  /// Returns the index of the first line containing `text`, or -1.
  long index_of(const std::string& text) {
    std::lock_guard<std::mutex> guard{mutex_};
    auto i = std::find_if(lines_.begin(), lines_.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    });
    return i == lines_.end() ? -1 : static_cast<long>(i - lines_.begin());
  }

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines_.push_back("[" + std::string(msg.logger_name.data(), msg.logger_name.size())
                     + "] " + std::string(msg.payload.data(), msg.payload.size()));
  }

  void flush_() override {
  }

private:
  std::vector<std::string> lines_;
};

} // namespace tradenode::test
