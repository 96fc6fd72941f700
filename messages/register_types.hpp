#pragma once

#include <caf/fwd.hpp>

namespace tradenode {

/// Registers tradenode's message types (its type-id block) and its error
/// category with `cfg`; call it before creating an actor_system that runs
/// tradenode actors or talks to a remote tradenode node.
void register_types(caf::actor_system_config& cfg);

} // namespace tradenode
