#pragma once

#include <memory>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <spdlog/logger.h>

#include "tradenode/node/node_config.hpp"

namespace tradenode {

/// The sinks every logger of one node writes to: console, file and extra
/// sinks from `cfg`, formatted as text or JSON lines. A file that cannot be
/// opened is `errc::invalid_config` naming it.
[[nodiscard]] caf::expected<std::vector<spdlog::sink_ptr>>
make_log_sinks(const logging_config& cfg);

/// Returns a logger named after a component (e.g. "DataEngine") that writes to
/// `sinks` at `level`. Loggers are not registered globally, so several nodes
/// can live in one process.
std::shared_ptr<spdlog::logger> make_logger(std::string name,
                                            const std::vector<spdlog::sink_ptr>& sinks,
                                            spdlog::level::level_enum level);

} // namespace tradenode
