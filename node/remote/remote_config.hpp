#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/actor_system_config.hpp>
#include <caf/expected.hpp>
#include <caf/timespan.hpp>
#include <nlohmann/json.hpp>

namespace tradenode {

/// Mutual TLS through CAF's openssl module: this side's certificate and key
/// (PEM files) and the CA that signed the other side's certificate.
struct tls_config {
  std::string certificate;
  std::string key;
  std::string ca_file;

  bool enabled() const {
    return !certificate.empty();
  }
};

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

/// Where a remote strategy process or monitor finds a node, and how it proves
/// who it is: `{"connect": "HOST:PORT", "token_file": F, "tls": {...}}`.
struct peer_config {
  std::string host;
  uint16_t port = 0;
  std::string token;
  std::string token_file;
  tls_config tls;
  caf::timespan heartbeat_interval = std::chrono::seconds{1};
  caf::timespan connection_timeout = std::chrono::seconds{5};

  std::string address() const {
    return host + ":" + std::to_string(port);
  }
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

/// Parses section `remote`; errors (json_error) name the key. Reads the token
/// file and checks that the TLS files can be read.
void parse_remote_config(const nlohmann::json& j, remote_config& cfg);

/// Parses a peer's `connect`, `token_file` and `tls` from `j`, ignoring other
/// keys (the caller reads those). `connect` may be empty when given elsewhere.
void parse_peer_config(const nlohmann::json& j, peer_config& cfg);

/// Splits "HOST:PORT"; the error names what is wrong.
caf::expected<std::pair<std::string, uint16_t>> parse_host_port(const std::string& text);

/// Loads CAF's openssl module with the TLS files when TLS is on, and turns on
/// the middleman's heartbeats (off by default in CAF 0.17) so that a silent
/// peer is noticed. The facade calls it for the system it owns; embedders
/// call it on their own config before creating their system.
void apply_remote_config(caf::actor_system_config& cfg, const tls_config& tls,
                         caf::timespan heartbeat_interval, caf::timespan connection_timeout);

/// Compares two tokens in time independent of where they differ.
bool same_token(const std::string& expected, const std::string& presented);

} // namespace tradenode
