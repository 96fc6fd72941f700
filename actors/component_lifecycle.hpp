#pragma once

#include <memory>
#include <string>

#include <caf/error.hpp>
#include <caf/result.hpp>
#include <spdlog/logger.h>

#include "tradenode/messages/component_state.hpp"
#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// Walks one component through NautilusTrader's component table, logging each
/// transition under the component's name. Starts READY (initialized).
class component_lifecycle {
public:
  /// A nameless lifecycle that logs nowhere; actor states start with it and
  /// replace it in their spawn function.
  component_lifecycle();

  component_lifecycle(std::string name, std::shared_ptr<spdlog::logger> log);

  /// Applies `trigger`; an invalid pair is logged and returned, the state kept.
  caf::error apply(component_trigger trigger);

  /// Runs START then START_COMPLETED (or RESUME from STOPPED); answers a start
  /// request. Starting a running component is a no-op.
  caf::result<caf::ok_atom> start();

  /// Runs STOP then STOP_COMPLETED; answers a stop request. Stopping a
  /// stopped component is a no-op.
  caf::result<caf::ok_atom> stop();

  component_state state() const noexcept {
    return state_;
  }

  const std::string& name() const noexcept {
    return name_;
  }

  spdlog::logger& log() const noexcept {
    return *log_;
  }

private:
  std::string name_;
  std::shared_ptr<spdlog::logger> log_;
  component_state state_ = component_state::pre_initialized;
};

} // namespace tradenode
