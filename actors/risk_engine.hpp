#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/exec_engine.hpp"

namespace tradenode {

/// Checks every order command before it reaches the execution engine.
using risk_engine_actor = component_actor::extend<
  caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
  caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>>;

/// State of the risk engine actor.
struct risk_engine_state {
  static inline const char* name = "risk_engine";

  component_lifecycle lifecycle;
  exec_engine_actor exec_engine;
};

/// Spawns the risk engine's behavior; commands that pass go to `exec_engine`.
risk_engine_actor::behavior_type
risk_engine(risk_engine_actor::stateful_pointer<risk_engine_state> self,
            std::shared_ptr<spdlog::logger> log, exec_engine_actor exec_engine);

} // namespace tradenode
