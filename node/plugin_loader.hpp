#pragma once

#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "tradenode/node/factory_registry.hpp"

namespace tradenode {

/// Loads each shared library in `paths` (dlopen) and lets it register its
/// factories into `registry` through its TRADENODE_PLUGIN entry point. A
/// library is loaded once per process and stays loaded (its factories' code
/// lives in it); a path already loaded into `registry` is skipped. Returns
/// "name (path)" of each plugin, or `errc::invalid_config` naming the file and
/// the reason: it cannot be loaded (dlerror), has no entry point, was built
/// against another tradenode version, or its registration failed.
///
/// The program must export tradenode's symbols to the plugin: the tradenode
/// CLI does; an embedder links tradenode whole and with ENABLE_EXPORTS (see
/// docs/plugins.md).
caf::expected<std::vector<std::string>> load_plugins(const std::vector<std::string>& paths,
                                                     factory_registry& registry);

} // namespace tradenode
