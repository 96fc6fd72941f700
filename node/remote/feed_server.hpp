#pragma once

#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <spdlog/logger.h>

#include "tradenode/adapters/remote/remote_feed.hpp"

namespace tradenode {

/// Spawns the actor a feed process publishes (see remote::feed_server_actor)
/// with the data client `make_client` builds, whose data engine is the
/// server. The server connects the client when the first node attaches and
/// keeps it connected while the process runs. `token` empty: no token asked.
caf::expected<remote::feed_server_actor>
spawn_feed_server(caf::actor_system& sys, std::string token, std::shared_ptr<spdlog::logger> log,
                  const std::function<caf::expected<data_client_actor>(data_engine_actor)>& make_client);

} // namespace tradenode
