#pragma once

#include "tradenode/node/factory_registry.hpp"

namespace tradenode {

/// Returns the client and strategy factories the `tradenode` CLI knows by
/// name. Empty until the adapters land; embedders register their own.
factory_registry builtin_factories();

} // namespace tradenode
