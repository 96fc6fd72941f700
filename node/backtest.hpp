#pragma once

#include <functional>

#include <caf/expected.hpp>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/node_config.hpp"

namespace tradenode {

/// How a backtest runs the node beyond its config.
struct backtest_options {
  /// Keep the config's execution journal (off by default: a backtest starts
  /// from nothing and leaves nothing to recover).
  bool keep_journal = false;
  /// Polled between events: once it returns true, the node stops as at the
  /// end of its data (the CLI's SIGINT and SIGTERM).
  std::function<bool()> stop_requested{};
};

/// What a backtest did.
struct backtest_result {
  /// Market events the data engine received.
  uint64_t events = 0;
  /// The node's clock when the run began and when the node had stopped: the
  /// data's time.
  unix_nanos started = 0;
  unix_nanos ended = 0;
  /// Wall time of the whole run, build to dispose.
  double wall_seconds = 0;
};

/// Runs the node of `cfg` as a backtest: the very same node (supervisor,
/// engines, clients, strategies) in an actor system of its own on CAF's
/// deterministic scheduler, on the clock of its recorded data. The next
/// recorded event is delivered only when everything the earlier ones caused
/// has been processed, timers and delayed messages due before it included;
/// then the clock jumps to its time. The run ends when the data ends (the
/// stop sequence runs on the data's clock), writes the run report, and the
/// node is disposed. The same config and data give the same orders, fills
/// and report, whatever the machine's load.
///
/// The config needs one replay data client (it gives the clock); a gateway
/// (`remote`) and Redis `streaming` are refused. Errors: the build's, the
/// run's (e.g. errc::strategy_faulted), or errc::invalid_config.
caf::expected<backtest_result> run_backtest(node_config cfg, factory_registry factories,
                                            backtest_options options = {});

} // namespace tradenode
