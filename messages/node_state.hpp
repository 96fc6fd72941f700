#pragma once

#include <cstdint>

#include "tradenode/messages/enum_names.hpp"

namespace tradenode {

/// The lifecycle of a trading node (DESIGN §4):
/// CREATED -build-> BUILT -run-> STARTING -> RUNNING -stop-> STOPPING -> STOPPED
/// -dispose-> DISPOSED. A run that fails or loses an engine ends in FAULTED
/// instead of STOPPED; dispose is accepted from every state.
enum class node_state : uint8_t {
  created,
  built,
  starting,
  running,
  stopping,
  stopped,
  faulted,
  disposed,
};
TRADENODE_ENUM_NAMES(node_state, "CREATED", "BUILT", "STARTING", "RUNNING", "STOPPING",
                     "STOPPED", "FAULTED", "DISPOSED")

} // namespace tradenode
