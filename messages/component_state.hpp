#pragma once

#include <array>
#include <cstdint>

#include <caf/expected.hpp>

#include "tradenode/messages/enum_names.hpp"

namespace tradenode {

/// The lifecycle state of a component (engine, client, strategy), exactly as
/// NautilusTrader's ComponentState.
enum class component_state : uint8_t {
  pre_initialized,
  ready,
  starting,
  running,
  stopping,
  stopped,
  resuming,
  resetting,
  disposing,
  disposed,
  degrading,
  degraded,
  faulting,
  faulted,
};
TRADENODE_ENUM_NAMES(component_state, "PRE_INITIALIZED", "READY", "STARTING",
                     "RUNNING", "STOPPING", "STOPPED", "RESUMING", "RESETTING",
                     "DISPOSING", "DISPOSED", "DEGRADING", "DEGRADED", "FAULTING",
                     "FAULTED")

/// What happens to a component, as NautilusTrader's ComponentTrigger.
enum class component_trigger : uint8_t {
  initialize,
  start,
  start_completed,
  stop,
  stop_completed,
  resume,
  resume_completed,
  reset,
  reset_completed,
  dispose,
  dispose_completed,
  degrade,
  degrade_completed,
  fault,
  fault_completed,
};
TRADENODE_ENUM_NAMES(component_trigger, "INITIALIZE", "START", "START_COMPLETED",
                     "STOP", "STOP_COMPLETED", "RESUME", "RESUME_COMPLETED", "RESET",
                     "RESET_COMPLETED", "DISPOSE", "DISPOSE_COMPLETED", "DEGRADE",
                     "DEGRADE_COMPLETED", "FAULT", "FAULT_COMPLETED")

/// One allowed row of the component table.
struct component_transition {
  component_state current;
  component_trigger trigger;
  component_state next;
};

/// NautilusTrader's component state table (_COMPONENT_STATE_TABLE), all 26 pairs.
extern const std::array<component_transition, 26> component_state_table;

/// Returns the state `trigger` leads to from `current`; any other pair is
/// `errc::invalid_state_transition` naming both, e.g. "RUNNING -> START".
[[nodiscard]] caf::expected<component_state> transition(component_state current,
                                                        component_trigger trigger);

} // namespace tradenode
