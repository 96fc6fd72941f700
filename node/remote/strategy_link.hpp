#pragma once

#include <memory>
#include <set>

#include <caf/actor_system.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/data_engine.hpp"
#include "tradenode/node/remote/remote_config.hpp"
#include "tradenode/node/remote/remote_interfaces.hpp"

namespace tradenode {

/// Where a link asks the node to adopt it as a strategy once its peer attached
/// its front (the node supervisor answers ok after starting it).
using strategy_adopter_actor
  = caf::typed_actor<caf::replies_to<adopt_atom, strategy_id, strategy_actor>::with<caf::ok_atom>>;

/// What a link needs from the node.
struct strategy_link_setup {
  strategy_id id;
  trader_id trader;
  std::shared_ptr<spdlog::logger> log;
  strategy_adopter_actor adopter;
  market_data_router_actor data_engine;
  order_command_actor risk_engine;
  lost_strategy_policy on_lost = lost_strategy_policy::cancel_orders;
  /// Bounds the peer's answer to start and stop.
  caf::timespan timeout = std::chrono::seconds{5};
  /// The node's clock: the commands the link makes.
  node_clock_ptr clock = node_clock::system();
};

/// Spawns the node's side of one remote strategy. To the node it is a
/// strategy like any other: the supervisor starts and stops it, the data
/// engine sends it what it subscribed to, the execution engine its events;
/// it passes all of that on to the peer's front. Commands from the peer are
/// checked (they must name this strategy and the node's trader) and go to the
/// risk engine like a local strategy's. When the front goes away (its process
/// died or the connection was cut), the link logs it, cancels the strategy's
/// open orders unless the policy keeps them, and terminates with peer_lost.
strategy_link_node_actor spawn_strategy_link(caf::actor_system& sys, strategy_link_setup setup);

} // namespace tradenode
