#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "tradenode/adapters/redis/redis_config.hpp"

struct redisContext; // hiredis; kept out of our headers

namespace tradenode {

/// A reply of Redis, copied out of hiredis's (an error reply is a
/// `database_failed` error instead).
struct redis_reply {
  enum class kind : uint8_t { nil, string, status, integer, array };
  kind type = kind::nil;
  std::string text;
  int64_t integer = 0;
  std::vector<redis_reply> elements;
};

/// One blocking connection to a Redis server. Not an actor: its owner (the
/// execution engine's journal, the streamer) calls it from its own thread.
/// Connects on first use; an I/O failure (the server went away, a timeout)
/// drops the connection and the next call connects again.
class redis_connection {
public:
  explicit redis_connection(redis_config cfg);
  redis_connection(redis_connection&& other) noexcept;
  redis_connection& operator=(redis_connection&& other) noexcept;
  redis_connection(const redis_connection&) = delete;
  redis_connection& operator=(const redis_connection&) = delete;
  ~redis_connection();

  /// Sends one command (each argument binary-safe) and waits for its reply.
  caf::expected<redis_reply> command(const std::vector<std::string>& args);

  /// Sends `commands` in one write and reads their replies in order (Redis
  /// pipelining). An error reply fails only its own element; an I/O failure
  /// fails the call (some commands may have run).
  caf::expected<std::vector<caf::expected<redis_reply>>>
  pipeline(const std::vector<std::vector<std::string>>& commands);

  bool connected() const noexcept {
    return ctx_ != nullptr;
  }

  const redis_config& config() const noexcept {
    return cfg_;
  }

private:
  caf::error connect();
  void disconnect();
  caf::error failure(const std::string& what) const;

  redis_config cfg_;
  redisContext* ctx_ = nullptr;
};

} // namespace tradenode
