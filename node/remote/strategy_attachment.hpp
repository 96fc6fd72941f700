#pragma once

#include <memory>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/scoped_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/node_config.hpp"
#include "tradenode/node/remote/strategy_front.hpp"

namespace tradenode {

/// Reaches the node's gateway at `peer` (through CAF's openssl module when
/// `peer.tls` is on); the error names the address.
caf::expected<gateway_actor> reach_gateway(caf::actor_system& sys, const peer_config& peer);

/// Strategies of this process attached to a running node in another process
/// (`tradenode attach`, or embedders with their own actor_system, which must
/// have the middleman loaded, and the openssl module when `peer.tls` is on:
/// see apply_remote_config).
///
/// attach() reaches the node's gateway, and for each strategy obtains its
/// link, builds the strategy from `factories` in this process and hands it
/// to the node, which starts it. The node then supervises it like a local
/// strategy: it stops it at its own stop, and ends the session at dispose.
class strategy_attachment {
public:
  /// Attaches `strategies`; an error names the strategy or the address, and
  /// strategies attached before it are detached again.
  static caf::expected<std::unique_ptr<strategy_attachment>>
  attach(caf::actor_system& sys, const peer_config& peer,
         const std::vector<strategy_config>& strategies, const factory_registry& factories,
         std::shared_ptr<spdlog::logger> log);

  ~strategy_attachment();

  /// Blocks until every strategy has ended; returns none when the node ended
  /// the session (it stopped and disposed), or peer_lost naming the cause
  /// when the node died or the connection was cut.
  caf::error wait();

  /// Stops the strategies here (they cancel their orders through the node,
  /// as their options say), then detaches them. wait() returns afterwards.
  void stop();

private:
  strategy_attachment(caf::actor_system& sys, std::shared_ptr<spdlog::logger> log);

  caf::scoped_actor self_;
  std::shared_ptr<spdlog::logger> log_;
  std::string address_;
  std::vector<strategy_front_local_actor> fronts_;
  bool waited_ = false;
  caf::error outcome_;
};

} // namespace tradenode
