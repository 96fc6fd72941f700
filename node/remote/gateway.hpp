#pragma once

#include <memory>

#include <caf/actor_system.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/risk_engine.hpp"
#include "tradenode/node/remote/remote_config.hpp"
#include "tradenode/node/remote/remote_interfaces.hpp"
#include "tradenode/node/remote/strategy_link.hpp"

namespace tradenode {

/// The node's emergency kill, as the gateway may ask it.
using node_killer_actor = caf::typed_actor<caf::replies_to<kill_atom, bool>::with<caf::ok_atom>>;

/// What the gateway needs from the node.
struct gateway_setup {
  remote_config cfg;
  trader_id trader;
  std::shared_ptr<spdlog::logger> log;
  /// The node supervisor: adopts remote strategies, sends its state changes.
  strategy_adopter_actor supervisor;
  data_engine_actor data_engine;
  risk_engine_actor risk_engine;
  exec_engine_actor exec_engine;
  caf::timespan timeout_shutdown;
  /// The node supervisor again, for `tradenode kill`.
  node_killer_actor killer;
  /// The node's clock, for the commands links and relays make.
  node_clock_ptr clock;
};

/// Spawns the node's gateway, the one actor it publishes. It checks each
/// request's token (a wrong one is refused and logged with the peer's node),
/// validates what it is given, and hands out links and relays: local actors
/// that stand between the peer and the engines, so that no engine's handle
/// ever crosses the wire.
gateway_actor spawn_gateway(caf::actor_system& sys, gateway_setup setup);

} // namespace tradenode
