#pragma once

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// A venue connection as the node and the execution engine see it. It
/// connects and disconnects on request, reports its mass status for
/// reconciliation, takes order commands, and sends order events to the
/// execution engine it was built with.
using exec_client_actor = caf::typed_actor<
  caf::replies_to<caf::connect_atom>::with<caf::ok_atom>,
  caf::replies_to<disconnect_atom>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, mass_status_atom>::with<execution_mass_status>,
  caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
  caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>>;

} // namespace tradenode
