#pragma once

#include <memory>

#include <caf/actor_system.hpp>
#include <spdlog/logger.h>

#include "tradenode/node/remote/remote_interfaces.hpp"

namespace tradenode {

/// The remote strategy process's stand-in for the node, one per strategy. To
/// the strategy it is the data engine and the risk engine (subscriptions and
/// order commands go on to the node's link); to the link it is the strategy
/// (start, stop, market data and events go on to the strategy's actor, handed
/// over with `adopt_atom`). When the link goes away (the node disposed, died
/// or was cut off), the front ends the strategy's actor and terminates with
/// the link's reason.
using strategy_front_local_actor = strategy_actor::extend_with<market_data_router_actor>
  ::extend_with<order_command_actor>
  ::extend<caf::replies_to<adopt_atom, strategy_actor>::with<caf::ok_atom>>;

strategy_front_local_actor spawn_strategy_front(caf::actor_system& sys, strategy_id id,
                                                strategy_link_actor link, std::string address,
                                                std::shared_ptr<spdlog::logger> log);

} // namespace tradenode
