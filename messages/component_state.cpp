#include "tradenode/messages/component_state.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

using enum component_state;
using trigger = component_trigger;

} // namespace

const std::array<component_transition, 26> component_state_table = {{
  {pre_initialized, trigger::initialize, ready},
  {ready, trigger::reset, resetting},
  {ready, trigger::start, starting},
  {ready, trigger::dispose, disposing},
  {resetting, trigger::reset_completed, ready},
  {starting, trigger::start_completed, running},
  {starting, trigger::stop, stopping},
  {starting, trigger::fault, faulting},
  {running, trigger::stop, stopping},
  {running, trigger::degrade, degrading},
  {running, trigger::fault, faulting},
  {resuming, trigger::stop, stopping},
  {resuming, trigger::resume_completed, running},
  {resuming, trigger::fault, faulting},
  {stopping, trigger::stop_completed, stopped},
  {stopping, trigger::fault, faulting},
  {stopped, trigger::reset, resetting},
  {stopped, trigger::resume, resuming},
  {stopped, trigger::dispose, disposing},
  {stopped, trigger::fault, faulting},
  {degrading, trigger::degrade_completed, degraded},
  {degraded, trigger::resume, resuming},
  {degraded, trigger::stop, stopping},
  {degraded, trigger::fault, faulting},
  {disposing, trigger::dispose_completed, disposed},
  {faulting, trigger::fault_completed, faulted},
}};

caf::expected<component_state> transition(component_state current,
                                          component_trigger what) {
  for (auto& row : component_state_table)
    if (row.current == current && row.trigger == what)
      return row.next;
  return caf::make_error(errc::invalid_state_transition,
                         to_string(current) + " -> " + to_string(what));
}

} // namespace tradenode
