#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/error.hpp>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/node_actor.hpp"
#include "tradenode/node/node_config.hpp"

namespace tradenode {

/// Thrown by trading_node for a failed command; `error()` is the node's answer.
class node_error : public std::runtime_error {
public:
  explicit node_error(caf::error err);

  const caf::error& error() const noexcept {
    return error_;
  }

private:
  caf::error error_;
};

/// The C++ counterpart of NautilusTrader's TradingNode: a facade over the node
/// supervisor actor. It owns an actor_system, or borrows one from its caller.
class trading_node {
public:
  /// Creates a node that owns its actor system and knows the built-in
  /// factories (builtin_factories(): synthetic, replay, remote_feed, sandbox,
  /// ema_cross, market_maker); add yours with add_*_factory.
  explicit trading_node(node_config cfg);

  /// Creates a node that owns its actor system and builds from `factories`
  /// only (start from builtin_factories() to keep the built-ins).
  trading_node(node_config cfg, factory_registry factories);

  /// Creates a node in the caller's actor system, which must have been
  /// configured with register_types(); it knows the built-in factories.
  trading_node(caf::actor_system& sys, node_config cfg);

  /// Creates a node in the caller's actor system that builds from
  /// `factories` only.
  trading_node(caf::actor_system& sys, node_config cfg, factory_registry factories);

  /// Disposes the node if it was not disposed yet.
  ~trading_node();

  trading_node(const trading_node&) = delete;
  trading_node& operator=(const trading_node&) = delete;

  // -- factories (before build) --------------------------------------------

  /// Registers a data client factory; throws node_error for an empty or
  /// duplicate name, or after build.
  void add_data_client_factory(std::string name, data_client_factory f);
  void add_exec_client_factory(std::string name, exec_client_factory f);
  void add_strategy_factory(std::string name, strategy_factory f);

  // -- lifecycle ----------------------------------------------------------------

  /// Builds clients and strategies from the config; throws node_error (e.g.
  /// when already built, or for an unknown factory).
  void build();

  /// Runs until stopped (stop(), SIGINT, SIGTERM; a second signal disposes).
  /// Errors are logged and thrown only when `raise_exception` is true. Called
  /// from inside an actor of the node's system it does not block: it starts
  /// the run and returns; use run_async() to learn when the run ends.
  void run(bool raise_exception = false);

  /// Starts the run; the future is ready when the run has finished and holds
  /// a node_error if it failed.
  std::future<void> run_async();

  /// Stops a running node and waits until it stopped.
  void stop();

  /// The emergency: cancels every open order (with `flatten`, also closes
  /// every position with reduce-only market orders, bypassing the risk
  /// engine), then stops; waits until the node stopped.
  void kill(bool flatten = false);

  /// Stops a running node; the future is ready when it stopped.
  std::future<void> stop_async();

  /// Stops if needed and releases every component, within the node's
  /// timeouts. Idempotent.
  void dispose();

  /// Returns the node's lifecycle state.
  node_state state();

  /// Returns the supervisor actor (null before build).
  node_actor handle() const;

  /// Returns the actor system the node runs in.
  caf::actor_system& system() noexcept {
    return *sys_;
  }

private:
  template <class Atom, class... Args>
  std::future<void> request_async(Atom what, Args... args);
  template <class Register>
  void add_factory(Register add);
  void spawn_supervisor();

  std::unique_ptr<caf::actor_system_config> own_config_;
  std::unique_ptr<caf::actor_system> own_system_;
  caf::actor_system* sys_;
  node_config cfg_;
  factory_registry factories_;
  std::shared_ptr<spdlog::logger> log_;
  mutable std::mutex mtx_;
  node_actor node_;
  /// Set once dispose succeeded: the supervisor has terminated.
  std::atomic<bool> disposed_{false};
};

} // namespace tradenode
