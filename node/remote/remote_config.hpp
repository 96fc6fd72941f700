#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/expected.hpp>
#include <caf/timespan.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/adapters/remote/peer_config.hpp"

namespace tradenode {

/// What the node does with the open orders of a remote strategy it lost.
enum class lost_strategy_policy { cancel_orders, keep_orders };

/// The node's gateway for other processes (config section `remote`). Off by
/// default; when on, it listens on 127.0.0.1 unless `host` says otherwise,
/// and a host beyond loopback needs `tls` and `token_file`.
struct remote_config {
  bool enabled = false;
  std::string host = "127.0.0.1";
  /// 0 picks a free port (the log names it).
  uint16_t port = 0;
  /// The shared secret every peer presents, read from `token_file` (its
  /// trailing whitespace dropped). Empty: no token is asked for (loopback only).
  std::string token;
  std::string token_file;
  tls_config tls;
  lost_strategy_policy on_strategy_lost = lost_strategy_policy::cancel_orders;
  /// CAF's middleman heartbeats: a peer silent for `connection_timeout` is lost.
  caf::timespan heartbeat_interval = std::chrono::seconds{1};
  caf::timespan connection_timeout = std::chrono::seconds{5};
};

/// Parses section `remote`; errors (json_error) name the key. Reads the token
/// file and checks that the TLS files can be read; relative file names
/// resolve against `base_dir`.
void parse_remote_config(const nlohmann::json& j, remote_config& cfg,
                         const std::string& base_dir = {});

} // namespace tradenode
