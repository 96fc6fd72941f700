#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <caf/expected.hpp>
#include <caf/optional.hpp>
#include <caf/timespan.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/common.h>

#include "tradenode/actors/data_flow.hpp"
#include "tradenode/actors/exec_engine_config.hpp"
#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/node/run_statistics.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/adapters/redis/streaming_config.hpp"
#include "tradenode/actors/risk_engine_config.hpp"
#include "tradenode/actors/strategy.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/node/remote/remote_config.hpp"
#include "tradenode/node/scheduler_config.hpp"

namespace tradenode {

/// Where and how the node logs (config section `logging`).
struct logging_config {
  /// Lowest level logged: trace, debug, info, warning, error, critical, off.
  spdlog::level::level_enum level = spdlog::level::info;
  /// Log to the console (stderr). Default true.
  bool console = true;
  /// Also log to this file when not empty. Default none.
  std::string file;
  /// Write JSON lines ({"time","level","logger","msg"}) instead of text. Default false.
  bool json = false;
  /// Extra sinks (not from JSON): embedders and tests can watch the log here.
  std::vector<spdlog::sink_ptr> extra_sinks;
};

/// The run's status line and end-of-run report (config section `report`).
struct report_config {
  /// Log a status line this often (`status_interval`, seconds; 0: never). Default 5 s.
  caf::timespan status_interval = std::chrono::seconds{5};
  /// Sample the PnL for the equity curve this often (`sample_interval`). Default 1 s.
  caf::timespan sample_interval = std::chrono::seconds{1};
  /// Write report.json, orders.csv, fills.csv, positions.csv and equity.svg
  /// into this folder at the end of the run (`output_dir`). Default none.
  std::string output_dir;
  /// How the report's returns are measured (`statistics`).
  statistics_config statistics;
};

/// One data or execution client (config sections `data_clients`, `exec_clients`).
struct client_config {
  /// Name of the registered factory that builds the client.
  std::string factory;
  /// The venue an execution client trades on; defaults to the client's name.
  caf::optional<venue> venue_id;
  /// Free-form settings handed to the factory.
  nlohmann::json settings = nlohmann::json::object();
};

/// One strategy (config section `strategies`).
struct strategy_config {
  /// Name of the registered strategy factory.
  std::string type;
  /// The strategy's id ("NAME-TAG").
  strategy_id id;
  /// Free-form settings handed to the factory.
  nlohmann::json settings = nlohmann::json::object();
  /// `cancel_orders_on_stop` (default true), `close_positions_on_stop`
  /// (default false).
  strategy_options options;
};

/// The node's configuration: NautilusTrader's TradingNodeConfig as strict JSON.
struct node_config {
  using seconds = std::chrono::seconds;

  /// The trader running the node. Default "TRADER-001".
  tradenode::trader_id trader_id = tradenode::trader_id::of("TRADER-001");
  logging_config logging;

  // -- timeouts (section `timeouts`, in seconds) ------------------------------

  /// Engines start, clients connect and report instruments, each step within this. Default 60 s.
  caf::timespan timeout_connection = seconds{60};
  /// Execution clients report their mass status within this. Default 30 s.
  caf::timespan timeout_reconciliation = seconds{30};
  /// The portfolio initializes within this. Default 10 s.
  caf::timespan timeout_portfolio = seconds{10};
  /// Clients disconnect within this; at dispose, what is still alive this long
  /// after being asked to exit is killed. Default 10 s.
  caf::timespan timeout_disconnection = seconds{10};
  /// After strategies stop, in-flight orders settle within this. Default 10 s.
  caf::timespan timeout_post_stop = seconds{10};
  /// Engines and strategies answer start and stop within this. Default 5 s.
  caf::timespan timeout_shutdown = seconds{5};

  // -- components ------------------------------------------------------------

  /// Data clients by name (the name becomes the client_id).
  std::map<client_id, client_config> data_clients;
  /// Execution clients by name (the name becomes the client_id).
  std::map<client_id, client_config> exec_clients;
  /// Strategies, started in this order.
  std::vector<strategy_config> strategies;
  /// Shared libraries that register strategy and client factories (section
  /// `plugins`; paths relative to the config's folder). The CLI loads them
  /// (load_plugins) before it checks the config.
  std::vector<std::string> plugins;
  /// Pre-trade checks: rates, notional limits, bypass (section `risk_engine`).
  risk_engine_config risk_engine;
  /// Flow control of market data to slow strategies (section `data_engine`).
  data_engine_config data_engine;
  /// The in-flight check of orders the venue has not answered (section `exec_engine`).
  exec_engine_config exec_engine;
  report_config report;
  /// How the node's own actor system schedules its actors (section `scheduler`).
  scheduler_config scheduler;
  /// The gateway for remote strategies and monitors (section `remote`).
  remote_config remote;
  /// The execution journal (section `persistence`): off unless `journal` is
  /// true; then `<state_dir>/<trader_id>/journal.jsonl`, or with `database`
  /// the Redis stream `<key_prefix>:<trader_id>:journal`.
  journal_config journal;
  /// Order and position events streamed to Redis (section `streaming`); off
  /// when absent.
  std::optional<streaming_config> streaming;
  /// The config file's folder (not from JSON). Files the node reads that the
  /// config names by a relative path (instruments, data files, tokens, TLS
  /// files, in sections and in clients' settings) are relative to it; where
  /// the node writes (report, log file, state) is relative to the working
  /// directory. Empty: everything relative to the working directory.
  std::string base_dir;
  /// The node's clock when its runner made it (a backtest reads it after the
  /// run); not from JSON. Null: build makes it (the system clock, or the
  /// clock of the replayed data).
  node_clock_ptr clock;
};

/// Reads a node configuration from JSON. Unknown keys, wrong types and bad
/// values are `errc::invalid_config` naming the JSON path, e.g.
/// "timeouts.connection: must be > 0": every problem found, one per line of
/// the error's context. Relative input paths resolve against `base_dir`.
[[nodiscard]] caf::expected<node_config> parse_node_config(const nlohmann::json& j,
                                                           const std::string& base_dir = {});

/// Parses a `strategies` array (as in the node config); throws json_error
/// naming the path below it. Remote strategy processes read theirs with it.
std::vector<strategy_config> parse_strategy_configs(const nlohmann::json& j);

/// Parses a configuration from JSON text; each line of an error begins with
/// `source` (a file name, say); syntax errors name the byte position.
[[nodiscard]] caf::expected<node_config>
parse_node_config_text(std::string_view text, const std::string& source,
                       const std::string& base_dir = {});

/// Reads and parses the JSON file at `path` (its folder is the config's
/// `base_dir`); errors name the file, and for syntax errors the byte position.
[[nodiscard]] caf::expected<node_config> load_node_config(const std::string& path);

/// Returns `lines` with "<prefix>: " before each line.
std::string prefix_lines(const std::string& lines, const std::string& prefix);

} // namespace tradenode
