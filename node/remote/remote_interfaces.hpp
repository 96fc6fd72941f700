#pragma once

#include <string>

#include <caf/actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/actors/strategy_actor.hpp"
#include "tradenode/messages/type_ids.hpp"

// What crosses the wire between a node and its peers. Only types of the
// type-id block (and caf::actor, which CAF registers) appear here: typed
// handles of our local interfaces have no type id and never leave a process.

namespace tradenode {

/// The one actor a node publishes. A peer presents the node's token with
/// every request; nothing else of the node is reachable before that.
/// - attach: a remote strategy `strategy_id` asks for its link (returned as
///   caf::actor; speaks `strategy_link_actor`) and learns the node's trader id.
/// - topics: a monitor subscribes the actor `sink` to a comma-separated list
///   of topics (quotes, trades, bars:BAR_TYPE, orders, positions, state), and
///   learns the relay that feeds it. The relay ends after its last message to
///   the sink, so watching the relay (not the gateway) tells the session's end
///   without losing what is still on the way.
/// - kill: the emergency (`tradenode kill`): the node cancels every open order,
///   with `flatten` closes every position, and stops; answered once stopped.
/// - node_state: from the node's own supervisor only; passed on to monitors.
using gateway_actor = caf::typed_actor<
  caf::replies_to<attach_atom, std::string, strategy_id>::with<caf::actor, trader_id>,
  caf::replies_to<topics_atom, std::string, std::string, caf::actor>::with<caf::actor>,
  caf::replies_to<kill_atom, std::string, bool>::with<caf::ok_atom>,
  caf::reacts_to<node_state>>;

/// The node's side of one remote strategy, as its peer sees it: the peer
/// attaches its front (the actor that receives the strategy's data and events
/// and answers start/stop), subscribes to market data and sends order commands.
using strategy_link_actor = caf::typed_actor<
  caf::replies_to<attach_atom, caf::actor>::with<caf::ok_atom>,
  caf::replies_to<subscribe_data>::with<caf::ok_atom>,
  caf::replies_to<unsubscribe_data>::with<caf::ok_atom>,
  caf::reacts_to<consumed_atom, uint64_t>, caf::reacts_to<submit_order>,
  caf::reacts_to<cancel_order>, caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>>;

/// The link as the node sees it: a strategy of the node (timeout: a link
/// whose peer attached no front in time ends).
using strategy_link_node_actor = strategy_actor::extend_with<strategy_link_actor>::extend<
  caf::reacts_to<caf::timeout_atom>>;

/// A monitor's sink: what the node streams to it (gateway_actor's topics).
using stream_sink_actor = caf::typed_actor<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<order_event>, caf::reacts_to<position_event>, caf::reacts_to<node_state>>;

/// The peer's side of one remote strategy: it answers the node's lifecycle
/// requests and receives what the strategy subscribed to and its events.
using strategy_front_actor = strategy_actor;

} // namespace tradenode
