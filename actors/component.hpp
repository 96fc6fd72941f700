#pragma once

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// The lifecycle every engine and strategy answers to: start and stop, each
/// acknowledged once the component reached RUNNING or STOPPED.
using component_actor
  = caf::typed_actor<caf::replies_to<start_atom>::with<caf::ok_atom>,
                     caf::replies_to<stop_atom>::with<caf::ok_atom>,
                     caf::replies_to<caf::get_atom, state_atom>::with<component_state>>;

} // namespace tradenode
