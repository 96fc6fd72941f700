#pragma once

#include <optional>
#include <string>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/signal_guard.hpp"

namespace tradenode {

/// `tradenode attach --config FILE [--connect HOST:PORT]`: FILE holds
/// {"connect", "token_file", "tls", "strategies": [...]}; --connect wins.
struct attach_command_options {
  std::string connect;
  std::string config;
};

/// Runs the strategies of the file on the node until the node ends the session
/// (exit 0), the node is lost (exit 3), or SIGINT/SIGTERM stops them (exit 0).
int run_attach_command(const attach_command_options& opts, const factory_registry& factories,
                       stop_signal& stop);

/// `tradenode monitor --connect HOST:PORT [--topics LIST] [--jsonl FILE]
/// [--config FILE] [--duration SECONDS]`: FILE holds {"token_file", "tls"}.
struct monitor_command_options {
  std::string connect;
  std::string config;
  std::string topics = "orders,positions,state";
  std::string jsonl;
  std::optional<double> duration;
};

/// Prints every message of the topics as a line (and appends it to the JSON
/// lines file) until the node ends the session (exit 0), is lost (exit 3), a
/// signal arrives or the duration passes (exit 0).
int run_monitor_command(const monitor_command_options& opts, stop_signal& stop);

/// `tradenode kill --connect HOST:PORT [--config peer.json] [--flatten]`.
struct kill_command_options {
  std::string connect;
  std::string config;
  bool flatten = false;
};

/// The emergency: the node at `connect` cancels every open order (with
/// `flatten`, closes every position) and stops. Exit 0 once it has stopped;
/// 2 for a wrong token; 3 when the node cannot be reached or is lost.
int run_kill_command(const kill_command_options& opts);

/// `tradenode feed --port N [--host HOST] --config FILE`: FILE holds
/// {"factory": "replay", "settings": {...}, "token_file", "tls"}.
struct feed_command_options {
  uint16_t port = 0;
  std::string host = "127.0.0.1";
  std::string config;
};

/// Runs the data client of FILE in this process, published for nodes whose
/// "remote_feed" data client connects to HOST:PORT, until SIGINT/SIGTERM.
/// A host beyond loopback needs "tls" and "token_file".
int run_feed_command(const feed_command_options& opts, const factory_registry& factories,
                     stop_signal& stop);

} // namespace tradenode
