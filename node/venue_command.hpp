#pragma once

#include <cstdint>
#include <string>

#include "tradenode/node/signal_guard.hpp"

namespace tradenode {

/// What `tradenode venue` was asked for.
struct venue_command_options {
  std::string host = "127.0.0.1";
  /// 0: any free port (printed at start).
  uint16_t port = 0;
  /// A JSON file `{"venue": "SIM", "balances": [...], "account_id": "..."}`;
  /// empty: venue SIM with the sandbox's default balance.
  std::string config;
};

/// Runs a sandbox venue in this process until SIGINT or SIGTERM (`stop`): publishes it
/// on `host:port` over CAF's middleman, prints `venue SIM listening on
/// HOST:PORT` on stdout, and keeps its orders, fills and balances while nodes
/// come and go. Returns the process exit code (2 for a bad config or a port
/// that cannot be bound).
int run_venue_command(const venue_command_options& opts, stop_signal& stop);

} // namespace tradenode
