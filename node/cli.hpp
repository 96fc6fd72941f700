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
  /// A remote peer (the node of `attach` or `monitor`) was lost.
  peer_lost = 3,
};

/// Runs the `tradenode` command line: `run --config FILE [--duration SECONDS]`,
/// `validate --config FILE`, and `--help` everywhere; configs name the
/// clients and strategies of `factories`.
int run_cli(int argc, char** argv, factory_registry factories);

} // namespace tradenode
