#include "tradenode/node/cli.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <caf/send.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/node/backtest.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/plugin_loader.hpp"
#include "tradenode/node/remote/remote_commands.hpp"
#include "tradenode/node/signal_guard.hpp"
#include "tradenode/node/trading_node.hpp"
#include "tradenode/node/venue_command.hpp"

namespace tradenode {

namespace {

constexpr const char* exit_codes_text = R"(exit codes:
  0  success (a run ended by stop, signal, --duration or the end of its data)
  1  runtime failure (a start step failed, an engine died)
  2  bad usage or a bad configuration (nothing was started)
  3  the node of attach, monitor or kill was lost or unreachable
  4  the run ended, but a strategy failed to start (the node ran the others))";

int code(exit_code x) {
  return static_cast<int>(x);
}

// Loads the config and checks it as run would, without starting anything;
// prints every problem once, each on its own line, and returns nullopt.
std::optional<node_config> load_checked(const std::string& path,
                                        factory_registry& factories) {
  auto cfg = load_node_config(path);
  if (cfg) {
    auto plugins = load_plugins(cfg->plugins, factories);
    if (!plugins) {
      std::fprintf(stderr, "%s\n", prefix_lines(context_of(plugins.error()), path).c_str());
      return std::nullopt;
    }
    for (auto& plugin : *plugins)
      std::fprintf(stderr, "tradenode: plugin %s loaded\n", plugin.c_str());
    auto checked = check_config(*cfg, factories);
    if (checked)
      return std::move(*cfg);
    cfg = caf::make_error(errc::invalid_config, prefix_lines(context_of(checked.error()), path));
  }
  std::fprintf(stderr, "%s\n", prefix_lines(context_of(cfg.error()), "tradenode").c_str());
  return std::nullopt;
}

int exit_code_of(const caf::error& err) {
  if (err == caf::make_error(errc::invalid_config) || err == caf::make_error(errc::invalid_factory))
    return code(exit_code::bad_usage);
  if (err == caf::make_error(errc::strategy_faulted))
    return code(exit_code::strategy_failed);
  return code(exit_code::runtime_failure);
}

// Runs the node until its run ends: a signal stops it (a second one disposes
// it at once), and so does the end of `duration`. Signals are forwarded only
// once the supervisor has begun the run, so that a stop never overtakes it.
int run_node(node_config cfg, factory_registry factories, std::optional<double> duration,
             stop_signal& signals) {
  // The log reaches the console already; an error is printed again only
  // when nothing else shows it.
  bool echo_errors = !cfg.logging.console;
  auto fail = [echo_errors](const node_error& e) {
    if (echo_errors)
      std::fprintf(stderr, "tradenode: %s\n", context_of(e.error()).c_str());
    return exit_code_of(e.error());
  };
  try {
    trading_node node{std::move(cfg), std::move(factories)};
    if (signals.requested())
      return code(exit_code::ok); // stopped before it began
    node.build();
    if (signals.requested()) {
      node.dispose();
      return code(exit_code::ok);
    }
    auto supervisor = node.handle();
    auto done = node.run_async();
    using clock = std::chrono::steady_clock;
    // No --duration: a deadline that never comes.
    auto deadline = clock::time_point::max();
    if (duration)
      deadline = clock::now()
                 + std::chrono::duration_cast<clock::duration>(
                   std::chrono::duration<double>{*duration});
    size_t forwarded = 0;
    bool stop_sent = false;
    while (done.wait_for(std::chrono::milliseconds{0}) != std::future_status::ready) {
      auto seen = signals.wait_for(forwarded, std::chrono::milliseconds{50});
      if (seen > forwarded) {
        if (node.state() == node_state::built) {
          // The run request has not reached the supervisor yet.
          done.wait_for(std::chrono::milliseconds{5});
          continue;
        }
        // The first signal stops, a second one disposes at once.
        for (; forwarded < seen; ++forwarded)
          if (forwarded == 0)
            caf::anon_send(supervisor, stop_atom_v);
          else
            caf::anon_send(supervisor, dispose_atom_v);
        stop_sent = true;
      }
      if (!stop_sent && clock::now() >= deadline) {
        caf::anon_send(supervisor, stop_atom_v);
        stop_sent = true;
      }
    }
    try {
      done.get();
    } catch (const node_error& e) {
      node.dispose();
      return fail(e);
    }
    node.dispose();
  } catch (const node_error& e) {
    return fail(e);
  }
  return code(exit_code::ok);
}

// Runs the backtest, printing how long it took and what it covered.
int run_backtest_command(node_config cfg, factory_registry factories, bool keep_journal,
                         stop_signal& signals) {
  bool echo_errors = !cfg.logging.console;
  backtest_options options{keep_journal, [&signals] { return signals.requested(); }};
  auto result = run_backtest(std::move(cfg), std::move(factories), options);
  if (!result) {
    if (echo_errors)
      std::fprintf(stderr, "tradenode: %s\n", context_of(result.error()).c_str());
    return exit_code_of(result.error());
  }
  std::printf("backtest: data from %s to %s in %.3f s\n", to_iso8601(result->started).c_str(),
              to_iso8601(result->ended).c_str(), result->wall_seconds);
  return code(exit_code::ok);
}

// Returns the text of `--version`.
std::string version_text() {
  return std::string{"tradenode "} + TRADENODE_VERSION + " (CAF 0.17)";
}

} // namespace

int run_cli(int argc, char** argv, factory_registry factories) {
  // SIGINT and SIGTERM are caught for the whole life of the command, from
  // before parsing to after the last component is gone; a signal during the
  // process's final exit is ignored rather than killing it.
  stop_signal signals{signal_guard::after::ignore};
  CLI::App app{"A live algorithmic-trading node on the C++ Actor Framework.", "tradenode"};
  app.footer(exit_codes_text);
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough(false);

  std::string config;
  std::optional<double> duration;
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string connect;
  monitor_command_options monitor_opts;
  bool flatten = false;
  CLI::Validator positive{[](std::string& text) -> std::string {
                            char* end = nullptr;
                            auto x = std::strtod(text.c_str(), &end);
                            if (end == text.c_str() || *end != '\0' || !(x > 0) || x > 1e9)
                              return "must be a positive number of seconds, got \"" + text
                                     + "\"";
                            return {};
                          },
                          "SECONDS > 0"};

  auto* run_cmd = app.add_subcommand("run", "Build and run a trading node until SIGINT/SIGTERM "
                                        "(a second signal disposes at once), until --duration "
                                        "passed, or until its replayed data ended.");
  run_cmd->add_option("--config", config, "The node's JSON configuration")->required();
  run_cmd->add_option("--duration", duration, "Stop after this many seconds")->check(positive);

  auto* backtest_cmd = app.add_subcommand(
    "backtest", "Run the node on its recorded data as a deterministic backtest: the clock "
                "is the data's, every event is delivered once all the earlier ones caused "
                "is done; the same config and data give the same report.");
  backtest_cmd->add_option("--config", config, "The node's JSON configuration")->required();
  bool keep_journal = false;
  backtest_cmd->add_flag("--journal", keep_journal, "Keep the config's execution journal");

  auto* validate_cmd = app.add_subcommand(
    "validate", "Check a configuration as run would (every factory, every client's and "
                "strategy's settings, the files they name), start nothing, report every "
                "problem.");
  validate_cmd->add_option("--config", config, "The node's JSON configuration")->required();

  auto* venue_cmd = app.add_subcommand(
    "venue", "Run the sandbox venue in this process for nodes whose sandbox client has "
             "\"connect\": \"HOST:PORT\", until SIGINT/SIGTERM.");
  venue_cmd->add_option("--port", port, "Port to listen on, 0 for any free one")->required();
  venue_cmd->add_option("--host", host, "Address to listen on")->capture_default_str();
  venue_cmd->add_option("--config", config,
                    "{\"venue\": \"SIM\", \"balances\": [...], \"account_id\": \"SIM-001\"}")
    ->check(CLI::ExistingFile);

  auto* feed_cmd = app.add_subcommand(
    "feed", "Run a data client in this process for nodes whose \"remote_feed\" data client "
            "has \"connect\": \"HOST:PORT\", until SIGINT/SIGTERM.");
  feed_cmd->add_option("--port", port, "Port to listen on, 0 for any free one")->required();
  feed_cmd->add_option("--host", host, "Address to listen on")->capture_default_str();
  feed_cmd->add_option("--config", config,
                   "{\"factory\": \"replay\", \"settings\": {...}, \"token_file\", \"tls\"}")
    ->required()
    ->check(CLI::ExistingFile);

  auto* attach_cmd = app.add_subcommand(
    "attach", "Run the strategies of a file in this process on a running node's gateway "
              "(node config section \"remote\"), until the node ends the session or "
              "SIGINT/SIGTERM.");
  attach_cmd->add_option("--config", config,
                     "{\"connect\", \"token_file\", \"tls\", \"strategies\": [...]}")
    ->required()
    ->check(CLI::ExistingFile);
  attach_cmd->add_option("--connect", connect, "HOST:PORT of the node's gateway");

  auto* monitor_cmd = app.add_subcommand(
    "monitor", "Print what a node streams, one JSON line per message.");
  monitor_cmd->add_option("--connect", connect, "HOST:PORT of the node's gateway")->required();
  monitor_cmd->add_option("--topics", monitor_opts.topics,
                      "quotes, trades, bars:BAR_TYPE, orders, positions, state")
    ->capture_default_str();
  monitor_cmd->add_option("--jsonl", monitor_opts.jsonl, "Also append each line to this file");
  monitor_cmd->add_option("--config", config, "{\"token_file\", \"tls\"}")->check(CLI::ExistingFile);
  monitor_cmd->add_option("--duration", duration, "Stop after this many seconds")->check(positive);

  auto* kill_cmd = app.add_subcommand(
    "kill", "The emergency: the node cancels every open order (with --flatten also closes "
            "every position with reduce-only market orders) and stops; exits 0 once it has "
            "stopped.");
  kill_cmd->add_option("--connect", connect, "HOST:PORT of the node's gateway")->required();
  kill_cmd->add_option("--config", config, "{\"token_file\", \"tls\"}")->check(CLI::ExistingFile);
  kill_cmd->add_flag("--flatten", flatten, "Also close every position");

  // An unknown command gets the closest one and the list, as config keys do.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (auto* x : app.get_subcommands({}))
      commands.push_back(x->get_name());
    std::sort(commands.begin(), commands.end());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      std::fprintf(stderr, "tradenode: unknown command \"%s\"%s\nRun with --help for more "
                           "information.\n",
                   argv[1], did_you_mean(argv[1], commands).c_str());
      return code(exit_code::bad_usage);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    auto result = app.exit(e);
    return result == 0 ? code(exit_code::ok) : code(exit_code::bad_usage);
  }
  if (*run_cmd || *validate_cmd || *backtest_cmd) {
    auto cfg = load_checked(config, factories);
    if (!cfg)
      return code(exit_code::bad_usage);
    if (*validate_cmd) {
      std::printf("%s: valid (%zu data client(s), %zu exec client(s), %zu strategy(ies))\n",
                  config.c_str(), cfg->data_clients.size(), cfg->exec_clients.size(),
                  cfg->strategies.size());
      return code(exit_code::ok);
    }
    if (*backtest_cmd)
      return run_backtest_command(std::move(*cfg), std::move(factories), keep_journal, signals);
    return run_node(std::move(*cfg), std::move(factories), duration, signals);
  }
  if (*venue_cmd)
    return run_venue_command(venue_command_options{host, port, config}, signals);
  if (*feed_cmd)
    return run_feed_command(feed_command_options{port, host, config}, factories, signals);
  if (*attach_cmd)
    return run_attach_command(attach_command_options{connect, config}, factories, signals);
  if (*monitor_cmd) {
    monitor_opts.connect = connect;
    monitor_opts.config = config;
    monitor_opts.duration = duration;
    return run_monitor_command(monitor_opts, signals);
  }
  return run_kill_command(kill_command_options{connect, config, flatten});
}

} // namespace tradenode
