#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/strategy_state_store.hpp"
#include "tradenode/actors/data_client.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/risk_engine.hpp"
#include "tradenode/actors/strategy_host.hpp"
#include "tradenode/node/node_config.hpp"

namespace tradenode {

/// What a client factory gets to build one client.
struct client_context {
  /// The actor system to spawn the client in.
  caf::actor_system& system;
  /// The client's id (its name in the config).
  client_id id;
  /// The `settings` object of the client's config entry.
  const nlohmann::json& settings;
  /// A logger named after the client.
  std::shared_ptr<spdlog::logger> log;
  /// Where a data client sends quotes, trades and bars.
  data_engine_actor data_engine;
  /// Where an execution client sends order events.
  exec_engine_actor exec_engine;
  /// The venue the client serves (its config's `venue`, else its name).
  tradenode::venue venue;
};

/// What a strategy factory gets to build one strategy.
struct strategy_context {
  caf::actor_system& system;
  strategy_id id;
  trader_id trader;
  const nlohmann::json& settings;
  std::shared_ptr<spdlog::logger> log;
  /// Where the strategy subscribes to market data: the data engine, or for a
  /// remote strategy its front in this process.
  market_data_router_actor data_engine;
  /// Where the strategy sends its order commands: the risk engine, or the front.
  order_command_actor risk_engine;
  /// What the strategy does with its orders and positions when it stops.
  strategy_options options;
  /// Where its on_save state is kept: the execution engine; null for a
  /// remote strategy (its state is not kept).
  strategy_state_store_actor state_store;
};

/// Builds a data client actor; an error fails the node's build and is shown
/// with the client's name.
using data_client_factory
  = std::function<caf::expected<data_client_actor>(const client_context&)>;

/// Builds an execution client actor.
using exec_client_factory
  = std::function<caf::expected<exec_client_actor>(const client_context&)>;

/// Builds a strategy actor: a `strategy` object in its host actor
/// (`spawn_strategy`), or any actor that speaks the strategy interface.
using strategy_factory
  = std::function<caf::expected<strategy_actor>(const strategy_context&)>;

/// Runs `impl` in its own actor, wired to the node's engines per `ctx`.
strategy_actor spawn_strategy(const strategy_context& ctx, std::unique_ptr<strategy> impl);

/// Returns a factory that builds a `T` from the strategy's `settings` object
/// (a constructor `T(const nlohmann::json&)`, which may throw on bad settings:
/// the build fails naming the strategy).
template <class T>
strategy_factory make_strategy_factory() {
  return [](const strategy_context& ctx) -> caf::expected<strategy_actor> {
    return spawn_strategy(ctx, std::make_unique<T>(ctx.settings));
  };
}

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

  /// Checks that every factory `cfg` names is registered; the error names the
  /// first unknown one with its JSON path
  /// ("data_clients.FEED.factory: no data client factory named \"x\"").
  [[nodiscard]] caf::error check(const node_config& cfg) const;

  /// Returns the factory registered as `name`, or null.
  const data_client_factory* data_client(const std::string& name) const;
  const exec_client_factory* exec_client(const std::string& name) const;
  const strategy_factory* strategy(const std::string& name) const;

private:
  std::map<std::string, data_client_factory> data_clients_;
  std::map<std::string, exec_client_factory> exec_clients_;
  std::map<std::string, strategy_factory> strategies_;
};

} // namespace tradenode
