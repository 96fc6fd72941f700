#pragma once

#include "tradenode/node/factory_registry.hpp"

namespace tradenode {

/// Returns the factories tradenode knows by name: the data clients
/// "synthetic", "replay" and "remote_feed", the execution client "sandbox",
/// and the strategies "ema_cross" and "market_maker". The CLI and the facade
/// start from these; embedders add their own.
factory_registry builtin_factories();

} // namespace tradenode
