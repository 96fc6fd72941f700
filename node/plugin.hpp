#pragma once

#include <caf/error.hpp>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/version.hpp"

namespace tradenode {

/// What a plugin (a shared library named in the config's `plugins`) hands to
/// the node that loads it.
struct plugin_entry {
  /// The tradenode version the plugin was built against (TRADENODE_VERSION).
  const char* built_against;
  /// The plugin's name, for the node's log.
  const char* name;
  /// Registers the plugin's strategy and client factories; an error refuses
  /// the plugin.
  caf::error (*register_factories)(factory_registry& registry);
};

} // namespace tradenode

/// The one entry point of a plugin: put it once in the plugin's sources, with
/// the plugin's name and its function `caf::error NAME(factory_registry&)`:
///
///     caf::error register_my_factories(tradenode::factory_registry& r) { ... }
///     TRADENODE_PLUGIN("my_strategies", register_my_factories)
///
/// It defines the C function `tradenode_plugin_entry` the node looks up.
#define TRADENODE_PLUGIN(plugin_name, register_function)                                   \
  extern "C" __attribute__((visibility("default"))) const ::tradenode::plugin_entry*        \
  tradenode_plugin_entry() {                                                                \
    static const ::tradenode::plugin_entry entry{TRADENODE_VERSION, plugin_name,            \
                                                 &register_function};                       \
    return &entry;                                                                          \
  }
