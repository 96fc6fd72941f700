#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include <caf/actor_system_config.hpp>
#include <caf/expected.hpp>
#include <caf/timespan.hpp>
#include <nlohmann/json.hpp>

// How one process reaches another over CAF's middleman: addresses, tokens
// and mutual TLS, shared by the remote clients (adapters) and the node's
// gateway and commands (node/remote).

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

/// Parses a peer's `connect`, `token_file` and `tls` from `j`, ignoring other
/// keys (the caller reads those). `connect` may be empty when given elsewhere.
/// Relative file names resolve against `base_dir`.
void parse_peer_config(const nlohmann::json& j, peer_config& cfg,
                       const std::string& base_dir = {});

/// Parses a `tls` object ({"certificate", "key", "ca_file"}) and checks that
/// each file can be read; relative names resolve against `base_dir`. Throws
/// json_error naming the key.
void parse_tls_config(const nlohmann::json& j, tls_config& cfg, const std::string& base_dir);

/// Returns the secret in file `path` without its trailing whitespace; throws
/// json_error when it cannot be read or is empty.
std::string read_secret_file(const std::string& path);

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
