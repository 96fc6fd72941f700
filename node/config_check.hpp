#pragma once

#include <map>
#include <vector>

#include <caf/expected.hpp>

#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/node_config.hpp"

namespace tradenode {

/// What checking a whole configuration learned, for the start.
struct config_check_result {
  /// The instruments each strategy declared (its settings name them); the
  /// node starts a strategy only when a data client provides each one.
  std::map<strategy_id, std::vector<instrument_id>> strategy_instruments;
  /// The data clients whose end of data stops the node (replays).
  std::vector<client_id> stop_at_end;
  /// The data client that replays recorded data, and its first event's time:
  /// the node's clock follows that data. None: the node runs on the system clock.
  caf::optional<std::pair<client_id, unix_nanos>> data_clock;
};

/// Checks everything `run` would refuse, without spawning an actor or
/// reaching a network: each factory named is registered (an unknown name
/// gets the closest registered one and the list of them), each client's and
/// strategy's settings pass their factory's check (files exist and parse),
/// and each instrument a strategy declares is provided by a data client,
/// when every data client can tell which instruments it provides, and at
/// most one data client replays recorded data (one node, one clock). The error
/// is `errc::invalid_config` with every problem, one line each, each with
/// its JSON path ("strategies[0].settings.trade_sise: unknown key ...").
[[nodiscard]] caf::expected<config_check_result> check_config(const node_config& cfg,
                                                              const factory_registry& factories);

} // namespace tradenode
