#pragma once

#include <map>
#include <string>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// What a strategy keeps between runs (NautilusTrader's on_save / on_load):
/// named values of any bytes.
using strategy_state = std::map<std::string, std::string>;

/// Keeps the strategies' saved state: the execution engine, which writes it
/// to its journal. `get` answers the last state a strategy saved (empty if
/// none); `put` replaces it.
using strategy_state_store_actor = caf::typed_actor<
  caf::replies_to<caf::get_atom, strategy_id>::with<strategy_state>,
  caf::reacts_to<caf::put_atom, strategy_id, strategy_state>>;

} // namespace tradenode
