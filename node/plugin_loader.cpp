#include "tradenode/node/plugin_loader.hpp"

#include <dlfcn.h>

#include <cstring>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/plugin.hpp"

namespace tradenode {

namespace {

caf::error plugin_error(const std::string& path, const std::string& reason) {
  return caf::make_error(errc::invalid_config, "plugin \"" + path + "\": " + reason);
}

caf::expected<std::string> load_plugin(const std::string& path, factory_registry& registry) {
  // RTLD_NOW: a symbol the plugin needs and the program lacks fails here, with
  // its name, not later in the middle of a run.
  auto* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    auto* reason = dlerror();
    return plugin_error(path, std::string{"cannot load: "} + (reason ? reason : "unknown"));
  }
  using entry_function = const plugin_entry* (*) ();
  auto entry_symbol = reinterpret_cast<entry_function>(dlsym(handle, "tradenode_plugin_entry"));
  if (!entry_symbol)
    return plugin_error(path, "no tradenode_plugin_entry: not a tradenode plugin (declare "
                              "one with TRADENODE_PLUGIN from tradenode/node/plugin.hpp)");
  auto* entry = entry_symbol();
  if (!entry || !entry->built_against || !entry->register_factories)
    return plugin_error(path, "its tradenode_plugin_entry gave no entry");
  if (std::strcmp(entry->built_against, TRADENODE_VERSION) != 0)
    return plugin_error(path, std::string{"built against tradenode "} + entry->built_against
                                + ", this node is tradenode " + TRADENODE_VERSION
                                + ": rebuild the plugin against this version");
  std::string name = entry->name ? entry->name : "unnamed";
  if (auto err = entry->register_factories(registry))
    return plugin_error(path, "plugin " + name + " did not register: " + describe(err));
  return name + " (" + path + ")";
}

} // namespace

caf::expected<std::vector<std::string>> load_plugins(const std::vector<std::string>& paths,
                                                     factory_registry& registry) {
  std::vector<std::string> loaded;
  for (auto& path : paths) {
    if (registry.loaded_plugins().count(path) > 0)
      continue;
    auto plugin = load_plugin(path, registry);
    if (!plugin)
      return plugin.error();
    registry.add_loaded_plugin(path);
    loaded.push_back(std::move(*plugin));
  }
  return loaded;
}

} // namespace tradenode
