#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// Anything that receives the events of a strategy's orders and positions: the
/// strategy's own actor, or any actor standing in for it.
using execution_event_sink_actor
  = caf::typed_actor<caf::reacts_to<order_event>, caf::reacts_to<position_event>>;

/// Anything that follows every position's changes and every account's
/// balances (the risk engine, the portfolio).
using execution_listener_actor
  = caf::typed_actor<caf::reacts_to<position_event>, caf::reacts_to<account_state>>;

} // namespace tradenode
