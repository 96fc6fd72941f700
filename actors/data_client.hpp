#pragma once

#include <vector>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// A market data feed as the node and the data engine see it. It connects and
/// disconnects on request, lists the instruments it serves, takes
/// subscriptions, and sends quote_tick / trade_tick / bar to the data engine it
/// was built with. `pause_atom` asks it to stop sending until `resume_atom`
/// (the data engine's backpressure); a client that cannot pause ignores it.
using data_client_actor = caf::typed_actor<
  caf::replies_to<caf::connect_atom>::with<caf::ok_atom>,
  caf::replies_to<disconnect_atom>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, instruments_atom>::with<std::vector<instrument>>,
  caf::reacts_to<subscribe_data>, caf::reacts_to<unsubscribe_data>,
  caf::reacts_to<pause_atom>, caf::reacts_to<resume_atom>>;

} // namespace tradenode
