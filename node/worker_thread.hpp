#pragma once

#include <caf/fwd.hpp>

namespace tradenode {

/// Returns whether the calling thread is one of `sys`'s scheduler workers,
/// i.e. the caller runs inside an actor and must not block.
bool on_worker_thread(caf::actor_system& sys);

} // namespace tradenode
