#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/adapters/redis/redis_connection.hpp"
#include "tradenode/adapters/redis/streaming_config.hpp"

namespace tradenode {

/// The streamer: an execution engine observer that appends every order event
/// and position event to a Redis stream, in order, each entry with the fields
/// `seq` (per stream, from 1 each run), `type` (e.g. `order_filled`,
/// `position_opened`), `strategy_id`, `instrument_id` and `data` (the event as
/// JSON). Events that arrive together go in one pipelined write. It runs
/// detached (its Redis calls block), and stops after the engines so that it
/// streams what they did last.
using redis_streamer_actor
  = component_actor::extend<caf::reacts_to<order_event>, caf::reacts_to<position_event>,
                            caf::reacts_to<caf::tick_atom>>;

struct redis_streamer_state {
  using pointer = redis_streamer_actor::stateful_pointer<redis_streamer_state>;

  static inline const char* name = "redis_streamer";

  redis_streamer_state() = default;

  /// Queues one XADD: written at once when a batch is full, else by a tick
  /// behind the events already in the mailbox; while Redis is away, held.
  void enqueue(const std::string& key, uint64_t& seq, std::string type,
               const std::string& strategy, const std::string& instrument,
               const nlohmann::json& data);
  /// Writes what is queued, in batches; on an I/O failure keeps it and
  /// tries again after `retry_interval`.
  void flush();

  pointer self = nullptr;
  component_lifecycle lifecycle;
  streaming_config cfg;
  std::unique_ptr<redis_connection> conn;
  std::deque<std::vector<std::string>> pending;
  uint64_t order_seq = 0;
  uint64_t position_seq = 0;
  uint64_t streamed = 0;
  uint64_t dropped = 0;
  uint64_t refused = 0;
  /// A tick (a flush, or the retry) is on its way.
  bool tick_pending = false;
  bool away = false;
};

redis_streamer_actor::behavior_type redis_streamer(redis_streamer_state::pointer self,
                                                   std::shared_ptr<spdlog::logger> log,
                                                   streaming_config cfg);

} // namespace tradenode
