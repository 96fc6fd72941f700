#pragma once

#include <string>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/execution_event_sink.hpp"
#include "tradenode/actors/market_data_sink.hpp"
#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// The strategy interface: the component lifecycle plus the market data it
/// subscribed to and its order and position events. Subclasses of `strategy`
/// get it from their host actor; any CAF actor (or group of actors behind
/// one) that speaks it can be a strategy of the node.
using strategy_actor = component_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<order_event>, caf::reacts_to<position_event>>;

/// Where a strategy sends its order commands: the risk engine.
using order_command_actor
  = caf::typed_actor<caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
                     caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>>;

/// Where a strategy subscribes to market data: the data engine. A strategy
/// reports the market data messages it consumed (`consumed_atom, n`) so that
/// the engine's flow control keeps at most its window ahead of it; one that
/// sends `batches_atom` takes quote_batch and trade_batch messages too.
using market_data_router_actor = caf::typed_actor<
  caf::replies_to<subscribe_data, market_data_sink_actor>::with<caf::ok_atom>,
  caf::replies_to<unsubscribe_data, market_data_sink_actor>::with<caf::ok_atom>,
  caf::reacts_to<consumed_atom, uint64_t>, caf::reacts_to<batches_atom>>;

} // namespace tradenode
