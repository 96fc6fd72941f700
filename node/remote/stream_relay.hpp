#pragma once

#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/node/remote/remote_interfaces.hpp"

namespace tradenode {

/// The topics a monitor can follow.
struct stream_topics {
  bool quotes = false;
  bool trades = false;
  bool orders = false;
  bool positions = false;
  bool state = false;
  std::vector<bar_type> bars;
};

/// Parses "quotes,trades,bars:BAR_TYPE,orders,positions,state" (any subset,
/// at least one); an error names the unknown topic.
caf::expected<stream_topics> parse_stream_topics(const std::string& text);

/// What a relay receives and passes on to its remote sink: the same.
using stream_relay_actor = stream_sink_actor;

struct stream_relay_setup {
  stream_sink_actor sink;
  stream_topics topics;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
  node_state current;
  /// The node's clock: the subscriptions the relay makes.
  node_clock_ptr clock = node_clock::system();
};

/// Spawns the node's side of one monitor: it subscribes itself to the
/// topics' sources (every instrument's quotes or trades, the bar types, the
/// execution engine's order and position events) and passes each message on
/// to `sink`, in the order it arrives. It ends when the sink goes away.
stream_relay_actor spawn_stream_relay(caf::actor_system& sys, stream_relay_setup setup);

} // namespace tradenode
