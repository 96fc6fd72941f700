#pragma once

#include "tradenode/node/factory_registry.hpp"

namespace tradenode {

/// Returns the client and strategy factories the `tradenode` CLI knows by
/// name: the "sandbox" execution client and the "synthetic" data client.
/// Embedders add their own (the CLI adds the example strategies).
factory_registry builtin_factories();

} // namespace tradenode
