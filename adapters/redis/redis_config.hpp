#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/timestamp.hpp>

namespace tradenode {

/// Where a Redis server is and how to talk to it (a `database` object of the
/// config: `{"type": "redis", "host": ..., "port": ...}`, as NautilusTrader's
/// `DatabaseConfig`).
struct redis_config {
  std::string host = "127.0.0.1";
  uint16_t port = 6379;
  /// Redis 6 ACL user; empty with a password: the default user.
  std::string username;
  /// Empty: no AUTH.
  std::string password;
  /// The logical database (SELECT).
  uint32_t db = 0;
  /// Our keys are `<key_prefix>:<trader_id>:<name>`.
  std::string key_prefix = "tradenode";
  /// Bounds connecting and each command's round trip, so a server that does
  /// not answer cannot hold an actor longer than this.
  caf::timespan timeout = std::chrono::seconds{2};

  /// "host:port" (and "/db" when not 0).
  std::string address() const {
    auto text = host + ":" + std::to_string(port);
    return db == 0 ? text : text + "/" + std::to_string(db);
  }

  /// The key of `name` for trader `trader`.
  std::string key(const std::string& trader, const std::string& name) const {
    return key_prefix + ":" + trader + ":" + name;
  }
};

} // namespace tradenode
