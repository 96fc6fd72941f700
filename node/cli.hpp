#pragma once

#include "tradenode/node/factory_registry.hpp"

namespace tradenode {

/// Exit codes of the `tradenode` command line.
enum class exit_code : int {
  /// The command did what was asked (a run ended by stop, signal or --duration).
  ok = 0,
  /// The node failed at run time (a start step failed, an engine died).
  runtime_failure = 1,
  /// Bad usage or a bad configuration; nothing was started.
  bad_usage = 2,
  /// A remote peer (the node of `attach`, `monitor` or `kill`) was lost or
  /// could not be reached.
  peer_lost = 3,
  /// The run ended, but a strategy failed to start (the node ran the others).
  strategy_failed = 4,
};

/// Runs the `tradenode` command line (run, validate, venue, feed, attach,
/// monitor, kill; `--help` for each, `--version`); configs name the clients
/// and strategies of `factories`. SIGINT and SIGTERM are handled for the
/// whole call: every exit is one of `exit_code`.
int run_cli(int argc, char** argv, factory_registry factories);

} // namespace tradenode
