#include "tradenode/node/cli.hpp"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <caf/send.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/signal_guard.hpp"
#include "tradenode/node/trading_node.hpp"
#include "tradenode/node/remote/remote_commands.hpp"
#include "tradenode/node/venue_command.hpp"

namespace tradenode {

namespace {

constexpr const char* usage = R"(usage: tradenode <command> [options]

commands:
  run --config FILE [--duration SECONDS]
      Build and run a trading node until SIGINT/SIGTERM (a second signal
      disposes at once) or until SECONDS have passed.
  validate --config FILE
      Check a node configuration and the factories it names, then exit.
  venue --port N [--host HOST] [--config FILE]
      Run the sandbox venue in this process, reachable by nodes whose sandbox
      client has "connect": "HOST:N", until SIGINT/SIGTERM. --port 0 picks a
      free port; HOST defaults to 127.0.0.1; FILE holds {"venue": "SIM",
      "balances": ["1000000 USD"], "account_id": "SIM-001"}.
  feed --port N [--host HOST] --config FILE
      Run a data client in this process for nodes whose "remote_feed" data
      client has "connect": "HOST:N", until SIGINT/SIGTERM. FILE holds
      {"factory": "replay", "settings": {...}, "token_file", "tls"}.
  attach --config FILE [--connect HOST:PORT]
      Run the strategies of FILE in this process on a running node whose
      gateway listens on HOST:PORT (node config section "remote"). FILE holds
      {"connect", "token_file", "tls", "strategies": [...]}. Ends when the
      node ends the session, or at SIGINT/SIGTERM (the strategies stop first).
  monitor --connect HOST:PORT [--topics LIST] [--jsonl FILE] [--config FILE]
          [--duration SECONDS]
      Print what a node streams, one JSON line per message, and append it to
      FILE given by --jsonl. LIST: quotes, trades, bars:BAR_TYPE, orders,
      positions, state (default orders,positions,state). --config FILE holds
      {"token_file", "tls"}.
  kill --connect HOST:PORT [--config FILE] [--flatten]
      The emergency: the node cancels every open order (with --flatten, also
      closes every position with reduce-only market orders) and stops; exits
      0 once it has stopped. --config FILE holds {"token_file", "tls"}.

exit codes: 0 success, 1 runtime failure, 2 bad usage or bad configuration,
3 the node of attach, monitor or kill was lost (or unreachable)
)";

struct options {
  std::string command;
  std::string config;
  std::optional<double> duration;
  std::optional<uint16_t> port;
  std::string host;
  std::string connect;
  std::string topics;
  std::string jsonl;
  bool flatten = false;
  bool help = false;
};

int fail_usage(const std::string& why) {
  std::fprintf(stderr, "tradenode: %s\n\n%s", why.c_str(), usage);
  return static_cast<int>(exit_code::bad_usage);
}

// Returns the parsed options, or the exit code to end with.
std::variant<options, int> parse_args(const std::vector<std::string_view>& args) {
  options opts;
  for (size_t i = 0; i < args.size(); ++i) {
    auto arg = args[i];
    auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= args.size())
        return std::nullopt;
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      opts.help = true;
    } else if (arg == "--flatten") {
      opts.flatten = true;
    } else if (arg == "--config") {
      auto path = value();
      if (!path)
        return fail_usage("--config needs a file");
      opts.config = std::string{*path};
    } else if (arg == "--duration") {
      auto text = value();
      if (!text)
        return fail_usage("--duration needs a number of seconds");
      try {
        size_t used = 0;
        opts.duration = std::stod(std::string{*text}, &used);
        if (used != text->size() || !(*opts.duration > 0))
          throw std::invalid_argument("not positive");
      } catch (const std::exception&) {
        return fail_usage("--duration: \"" + std::string{*text}
                          + "\" is not a positive number of seconds");
      }
    } else if (arg == "--port") {
      auto text = value();
      unsigned long port = 0;
      size_t used = 0;
      try {
        port = text ? std::stoul(std::string{*text}, &used) : 0;
      } catch (const std::exception&) {
        used = 0;
      }
      if (!text || used != text->size() || port > 65535)
        return fail_usage("--port needs a number 0..65535");
      opts.port = static_cast<uint16_t>(port);
    } else if (arg == "--host") {
      auto text = value();
      if (!text || text->empty())
        return fail_usage("--host needs a host name or address");
      opts.host = std::string{*text};
    } else if (arg == "--connect" || arg == "--topics" || arg == "--jsonl") {
      auto text = value();
      if (!text || text->empty())
        return fail_usage(std::string{arg} + " needs a value");
      auto& field = arg == "--connect" ? opts.connect
                    : arg == "--topics" ? opts.topics
                                        : opts.jsonl;
      field = std::string{*text};
    } else if (opts.command.empty() && !arg.starts_with("-")) {
      opts.command = std::string{arg};
    } else {
      return fail_usage("unknown argument \"" + std::string{arg} + "\"");
    }
  }
  return opts;
}

// Loads the config and checks its factories; prints the error and returns
// nullopt when either fails.
std::optional<node_config> load_checked(const std::string& path,
                                        const factory_registry& factories) {
  auto cfg = load_node_config(path);
  if (!cfg) {
    std::fprintf(stderr, "tradenode: %s\n", context_of(cfg.error()).c_str());
    return std::nullopt;
  }
  if (auto err = factories.check(*cfg)) {
    std::fprintf(stderr, "tradenode: %s: %s\n", path.c_str(), context_of(err).c_str());
    return std::nullopt;
  }
  return std::move(*cfg);
}

int report_failure(const node_error& e) {
  std::fprintf(stderr, "tradenode: %s\n", e.what());
  auto code = e.error();
  bool config_problem = code == caf::make_error(errc::invalid_config)
                        || code == caf::make_error(errc::invalid_factory);
  return static_cast<int>(config_problem ? exit_code::bad_usage
                                         : exit_code::runtime_failure);
}

int run_node(node_config cfg, factory_registry factories, std::optional<double> duration) {
  try {
    trading_node node{std::move(cfg), std::move(factories)};
    node.build();
    if (!duration) {
      node.run(true);
    } else {
      auto supervisor = node.handle();
      signal_guard signals{[supervisor] { caf::anon_send(supervisor, stop_atom_v); },
                           [supervisor] { caf::anon_send(supervisor, dispose_atom_v); }};
      auto done = node.run_async();
      if (done.wait_for(std::chrono::duration<double>{*duration}) != std::future_status::ready)
        caf::anon_send(supervisor, stop_atom_v);
      done.get();
    }
    node.dispose();
  } catch (const node_error& e) {
    return report_failure(e);
  }
  return static_cast<int>(exit_code::ok);
}

} // namespace

int run_cli(int argc, char** argv, factory_registry factories) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto parsed = parse_args(args);
  if (auto* code = std::get_if<int>(&parsed))
    return *code;
  auto& opts = std::get<options>(parsed);
  if (opts.help || opts.command.empty()) {
    std::fputs(usage, opts.help ? stdout : stderr);
    return static_cast<int>(opts.help ? exit_code::ok : exit_code::bad_usage);
  }
  if (opts.command == "feed") {
    if (!opts.port)
      return fail_usage("feed needs --port N (0 for any free port)");
    if (opts.duration || !opts.connect.empty() || !opts.topics.empty() || !opts.jsonl.empty())
      return fail_usage("feed takes --port, --host and --config only");
    feed_command_options feed_opts;
    feed_opts.port = *opts.port;
    feed_opts.config = opts.config;
    if (!opts.host.empty())
      feed_opts.host = opts.host;
    return run_feed_command(feed_opts, factories);
  }
  if (opts.command == "venue") {
    if (!opts.port)
      return fail_usage("venue needs --port N (0 for any free port)");
    if (opts.duration)
      return fail_usage("--duration applies to run only");
    venue_command_options venue_opts;
    venue_opts.port = *opts.port;
    venue_opts.config = opts.config;
    if (!opts.host.empty())
      venue_opts.host = opts.host;
    return run_venue_command(venue_opts);
  }
  bool monitor = opts.command == "monitor";
  bool kill = opts.command == "kill";
  if ((!opts.topics.empty() || !opts.jsonl.empty()) && !monitor)
    return fail_usage("--topics and --jsonl apply to monitor only");
  if (!opts.connect.empty() && !monitor && !kill && opts.command != "attach")
    return fail_usage("--connect applies to attach, monitor and kill only");
  if (opts.flatten && !kill)
    return fail_usage("--flatten applies to kill only");
  if (opts.port || !opts.host.empty())
    return fail_usage("--port and --host apply to venue only");
  if (opts.command == "attach") {
    if (opts.duration)
      return fail_usage("--duration applies to run and monitor only");
    return run_attach_command(attach_command_options{opts.connect, opts.config}, factories);
  }
  if (kill) {
    if (opts.connect.empty())
      return fail_usage("kill needs --connect HOST:PORT");
    if (opts.duration)
      return fail_usage("--duration applies to run and monitor only");
    return run_kill_command(kill_command_options{opts.connect, opts.config, opts.flatten});
  }
  if (monitor) {
    if (opts.connect.empty())
      return fail_usage("monitor needs --connect HOST:PORT");
    monitor_command_options monitor_opts;
    monitor_opts.connect = opts.connect;
    monitor_opts.config = opts.config;
    if (!opts.topics.empty())
      monitor_opts.topics = opts.topics;
    monitor_opts.jsonl = opts.jsonl;
    monitor_opts.duration = opts.duration;
    return run_monitor_command(monitor_opts);
  }
  if (opts.command != "run" && opts.command != "validate")
    return fail_usage("unknown command \"" + opts.command + "\"");
  if (opts.config.empty())
    return fail_usage(opts.command + " needs --config FILE");
  if (opts.command == "validate" && opts.duration)
    return fail_usage("--duration applies to run only");
  auto cfg = load_checked(opts.config, factories);
  if (!cfg)
    return static_cast<int>(exit_code::bad_usage);
  if (opts.command == "validate") {
    std::printf("%s: valid (%zu data client(s), %zu exec client(s), %zu strategy(ies))\n",
                opts.config.c_str(), cfg->data_clients.size(), cfg->exec_clients.size(),
                cfg->strategies.size());
    return static_cast<int>(exit_code::ok);
  }
  return run_node(std::move(*cfg), std::move(factories), opts.duration);
}

} // namespace tradenode
