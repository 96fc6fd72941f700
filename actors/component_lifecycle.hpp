#pragma once

#include <functional>
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

  /// Work done between a begin trigger and its completion (a strategy's
  /// on_start); an error from it faults the component.
  using step_fn = std::function<caf::error()>;

  /// Runs START, `on_starting`, then START_COMPLETED (or RESUME from STOPPED);
  /// answers a start request. Starting a running component is a no-op.
  caf::result<caf::ok_atom> start(const step_fn& on_starting = {});

  /// Runs STOP, `on_stopping`, then STOP_COMPLETED; answers a stop request.
  /// Stopping a stopped component is a no-op.
  caf::result<caf::ok_atom> stop(const step_fn& on_stopping = {});

  /// Runs FAULT then FAULT_COMPLETED (FAULTED is terminal).
  caf::error fault();

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
  // Runs `step`; on error faults and returns it, otherwise applies `done`.
  caf::error run_step(const step_fn& step, component_trigger done);

  std::string name_;
  std::shared_ptr<spdlog::logger> log_;
  component_state state_ = component_state::pre_initialized;
};

} // namespace tradenode
