#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"

namespace tradenode {

/// Tracks balances, positions and PnL across venues.
using portfolio_actor
  = component_actor::extend<caf::replies_to<initialize_atom>::with<caf::ok_atom>>;

/// State of the portfolio actor.
struct portfolio_state {
  static inline const char* name = "portfolio";

  component_lifecycle lifecycle;
  bool initialized = false;
};

/// Spawns the portfolio's behavior.
portfolio_actor::behavior_type
portfolio(portfolio_actor::stateful_pointer<portfolio_state> self,
          std::shared_ptr<spdlog::logger> log);

} // namespace tradenode
