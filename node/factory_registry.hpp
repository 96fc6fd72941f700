#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/client_factory.hpp"
#include "tradenode/actors/strategy_factory.hpp"

namespace tradenode {

/// Factories for clients and strategies, keyed by the names configs refer to.
class factory_registry {
public:
  /// Registers `f` as `name`; an empty or already registered name (or an
  /// empty function) is `errc::invalid_factory`.
  [[nodiscard]] caf::error add_data_client_factory(std::string name,
                                                   data_client_factory f);
  [[nodiscard]] caf::error add_exec_client_factory(std::string name,
                                                   exec_client_factory f);
  [[nodiscard]] caf::error add_strategy_factory(std::string name, strategy_factory f);

  /// Returns the factory registered as `name`, or null.
  const data_client_factory* data_client(const std::string& name) const;
  const exec_client_factory* exec_client(const std::string& name) const;
  const strategy_factory* strategy(const std::string& name) const;

  /// Returns the registered names, sorted.
  std::vector<std::string> data_client_names() const;
  std::vector<std::string> exec_client_names() const;
  std::vector<std::string> strategy_names() const;

  /// Records that the plugin at `path` registered into this registry
  /// (load_plugins loads a path once per registry).
  void add_loaded_plugin(const std::string& path) {
    plugins_.insert(path);
  }
  /// Returns the paths of the plugins loaded into this registry.
  const std::set<std::string>& loaded_plugins() const {
    return plugins_;
  }

private:
  std::set<std::string> plugins_;
  std::map<std::string, data_client_factory> data_clients_;
  std::map<std::string, exec_client_factory> exec_clients_;
  std::map<std::string, strategy_factory> strategies_;
};

} // namespace tradenode
