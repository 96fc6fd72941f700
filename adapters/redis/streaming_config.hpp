#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "tradenode/adapters/redis/redis_config.hpp"

namespace tradenode {

/// What the node streams to Redis for other programs (config section
/// `streaming`), as NautilusTrader's message bus streams to Redis.
struct streaming_config {
  redis_config redis;
  /// The streams, `<key_prefix>:<trader_id>:orders` and `...:positions`.
  std::string orders_key;
  std::string positions_key;
  /// Each stream is trimmed to about this many entries (XADD MAXLEN ~);
  /// 0: never trimmed.
  uint64_t max_len = 100000;
  /// Events held while Redis is away; beyond this the oldest are dropped
  /// (and counted). Trading never waits for the streams.
  size_t buffer_limit = 100000;
  /// How often to try again while Redis is away.
  caf::timespan retry_interval = std::chrono::seconds{1};
};

} // namespace tradenode
