#include "tradenode/node/logging.hpp"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

// Writes each record as one JSON object per line, with the message escaped.
class json_lines_formatter final : public spdlog::formatter {
public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto since_epoch = msg.time.time_since_epoch();
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - secs);
    std::time_t t = secs.count();
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[40];
    auto len = std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(stamp + len, sizeof(stamp) - len, ".%09lldZ",
                  static_cast<long long>(nanos.count()));
    nlohmann::json line = {
      {"time", stamp},
      {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                            spdlog::level::to_string_view(msg.level).size())},
      {"logger", std::string(msg.logger_name.data(), msg.logger_name.size())},
      {"msg", std::string(msg.payload.data(), msg.payload.size())},
    };
    auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_lines_formatter>();
  }
};

std::unique_ptr<spdlog::formatter> make_formatter(bool json) {
  if (json)
    return std::make_unique<json_lines_formatter>();
  return std::make_unique<spdlog::pattern_formatter>(
    "%Y-%m-%dT%H:%M:%S.%fZ [%l] [%n] %v", spdlog::pattern_time_type::utc);
}

} // namespace

caf::expected<std::vector<spdlog::sink_ptr>> make_log_sinks(const logging_config& cfg) {
  std::vector<spdlog::sink_ptr> sinks;
  if (cfg.console)
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!cfg.file.empty()) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(cfg.file));
    } catch (const spdlog::spdlog_ex& e) {
      return caf::make_error(errc::invalid_config,
                             "logging.file: cannot open \"" + cfg.file + "\": " + e.what());
    }
  }
  for (auto& sink : sinks)
    sink->set_formatter(make_formatter(cfg.json));
  sinks.insert(sinks.end(), cfg.extra_sinks.begin(), cfg.extra_sinks.end());
  return sinks;
}

std::shared_ptr<spdlog::logger> make_logger(std::string name,
                                            const std::vector<spdlog::sink_ptr>& sinks,
                                            spdlog::level::level_enum level) {
  auto log = std::make_shared<spdlog::logger>(std::move(name), sinks.begin(), sinks.end());
  log->set_level(level);
  // Flush at info and above so that a killed process leaves its lifecycle in the log.
  log->flush_on(spdlog::level::info);
  return log;
}

} // namespace tradenode
