#include "tradenode/node/remote/remote_commands.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/cli.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/remote/feed_server.hpp"
#include "tradenode/node/remote/strategy_attachment.hpp"
#include "tradenode/node/signal_guard.hpp"

namespace tradenode {

namespace {

int fail(const char* command, const std::string& why) {
  std::fprintf(stderr, "tradenode %s: %s\n", command, why.c_str());
  return static_cast<int>(exit_code::bad_usage);
}

// Reads the peer settings (and, for attach, the strategies) of `path`, then
// applies --connect; returns the error text or empty.
std::string read_peer_file(const std::string& path, const std::string& connect,
                           peer_config& peer, std::vector<strategy_config>* strategies) {
  try {
    nlohmann::json j = nlohmann::json::object();
    if (!path.empty()) {
      std::ifstream in{path};
      if (!in)
        return path + ": cannot open file";
      j = nlohmann::json::parse(in);
      if (!j.is_object())
        return path + ": expected an object";
    }
    for (auto& [key, value] : j.items())
      if (key != "connect" && key != "token_file" && key != "tls"
          && !(strategies && key == "strategies"))
        return path + ": " + key + ": unknown key (expected connect, token_file, tls"
               + (strategies ? ", strategies)" : ")");
    parse_peer_config(j, peer, std::filesystem::path{path}.parent_path().string());
    if (strategies) {
      if (!j.contains("strategies"))
        return path + ": strategies: missing";
      try {
        *strategies = parse_strategy_configs(j["strategies"]);
      } catch (const json_error& e) {
        throw e.nested_in("strategies");
      }
    }
  } catch (const json_error& e) {
    return (path.empty() ? std::string{"config"} : path) + ": " + e.path() + ": " + e.reason();
  } catch (const std::exception& e) {
    return path + ": invalid JSON: " + detail::short_json_message(e);
  }
  if (!connect.empty()) {
    auto address = parse_host_port(connect);
    if (!address)
      return "--connect: " + context_of(address.error());
    std::tie(peer.host, peer.port) = *address;
  }
  if (peer.host.empty())
    return "needs --connect HOST:PORT (or \"connect\" in the config)";
  return {};
}

void prepare(caf::actor_system_config& cfg, const peer_config& peer) {
  register_types(cfg);
  cfg.load<caf::io::middleman>();
  apply_remote_config(cfg, peer.tls, peer.heartbeat_interval, peer.connection_timeout);
}

// -- monitor ----------------------------------------------------------------------

struct monitor_sink_state {
  monitor_sink_state() = default;
  std::ofstream jsonl;
  uint64_t lines = 0;
};

using monitor_sink_actor
  = stream_sink_actor::extend<caf::replies_to<caf::flush_atom>::with<uint64_t>>;

monitor_sink_actor::behavior_type monitor_sink(
  monitor_sink_actor::stateful_pointer<monitor_sink_state> self, std::string jsonl_path) {
  if (!jsonl_path.empty())
    self->state.jsonl.open(jsonl_path, std::ios::out | std::ios::trunc);
  auto emit = [self](const char* topic, nlohmann::json data) {
    nlohmann::json line{{"topic", topic}, {"data", std::move(data)}};
    auto text = line.dump();
    std::printf("%s\n", text.c_str());
    if (self->state.jsonl.is_open())
      self->state.jsonl << text << '\n';
    ++self->state.lines;
  };
  return {
    [emit](const quote_tick& x) { emit("quotes", x); },
    [emit](const trade_tick& x) { emit("trades", x); },
    [emit](const bar& x) { emit("bars", x); },
    [emit](const order_event& x) { emit("orders", x); },
    [emit](const position_event& x) { emit("positions", x); },
    [emit](node_state x) { emit("state", std::string{to_string(x)}); },
    [self](caf::flush_atom) {
      std::fflush(stdout);
      self->state.jsonl.flush();
      return self->state.lines;
    },
  };
}

} // namespace

int run_attach_command(const attach_command_options& opts, const factory_registry& factories,
                       stop_signal& stop) {
  if (opts.config.empty())
    return fail("attach", "needs --config FILE (with \"strategies\")");
  peer_config peer;
  std::vector<strategy_config> strategies;
  if (auto why = read_peer_file(opts.config, opts.connect, peer, &strategies); !why.empty())
    return fail("attach", why);
  auto sinks = make_log_sinks(logging_config{});
  if (!sinks)
    return fail("attach", describe(sinks.error()));
  auto log = make_logger("Attach", *sinks, spdlog::level::info);
  caf::actor_system_config cfg;
  prepare(cfg, peer);
  caf::actor_system sys{cfg};
  auto attached = strategy_attachment::attach(sys, peer, strategies, factories, log);
  if (!attached) {
    std::fprintf(stderr, "tradenode attach: %s\n", describe(attached.error()).c_str());
    auto& err = attached.error();
    auto code = err == caf::make_error(errc::peer_lost) ? exit_code::peer_lost
                : err == caf::make_error(errc::unauthorized)
                    || err == caf::make_error(errc::invalid_config)
                    || err == caf::make_error(errc::invalid_factory)
                    || err == caf::make_error(errc::invalid_argument)
                  ? exit_code::bad_usage
                  : exit_code::runtime_failure;
    return static_cast<int>(code);
  }
  auto* session = attached->get();
  stop.then([session] { session->stop(); });
  auto outcome = session->wait();
  if (outcome) {
    std::fprintf(stderr, "tradenode attach: %s; the strategies stopped\n",
                 context_of(outcome).c_str());
    return static_cast<int>(exit_code::peer_lost);
  }
  log->info("Strategies detached from the node at {}", peer.address());
  return static_cast<int>(exit_code::ok);
}

int run_monitor_command(const monitor_command_options& opts, stop_signal& stop) {
  // A live view: each line as it comes, also into a pipe or a file.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  peer_config peer;
  if (auto why = read_peer_file(opts.config, opts.connect, peer, nullptr); !why.empty())
    return fail("monitor", why);
  caf::actor_system_config cfg;
  prepare(cfg, peer);
  caf::actor_system sys{cfg};
  auto gateway = reach_gateway(sys, peer);
  if (!gateway) {
    std::fprintf(stderr, "tradenode monitor: %s\n", context_of(gateway.error()).c_str());
    return static_cast<int>(exit_code::peer_lost);
  }
  auto sink = sys.spawn(monitor_sink, opts.jsonl);
  caf::scoped_actor self{sys};
  caf::error err;
  caf::actor relay;
  self->request(*gateway, std::chrono::seconds{30}, topics_atom_v, peer.token, opts.topics,
                caf::actor_cast<caf::actor>(sink))
    .receive([&](caf::actor& x) { relay = std::move(x); },
             [&](caf::error& x) { err = std::move(x); });
  if (err) {
    std::fprintf(stderr, "tradenode monitor: %s\n", describe(err).c_str());
    self->send_exit(sink, caf::exit_reason::user_shutdown);
    auto refused = err == caf::make_error(errc::unauthorized)
                   || err == caf::make_error(errc::invalid_argument);
    return static_cast<int>(refused ? exit_code::bad_usage : exit_code::peer_lost);
  }
  std::fprintf(stderr, "tradenode monitor: following %s on %s\n", opts.topics.c_str(),
               peer.address().c_str());
  // The relay's down message comes after its last message to the sink.
  self->monitor(relay);
  caf::error lost;
  bool ended = false;
  auto deadline = opts.duration
                    ? std::chrono::steady_clock::now()
                        + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double>{*opts.duration})
                    : std::chrono::steady_clock::time_point::max();
  while (!ended && !stop.requested() && std::chrono::steady_clock::now() < deadline) {
    self->receive(
      [&](caf::down_msg& msg) {
        ended = true;
        if (msg.reason != caf::exit_reason::user_shutdown
            && msg.reason != caf::exit_reason::normal)
          lost = msg.reason;
      },
      caf::after(std::chrono::milliseconds{100}) >> [] {});
  }
  // Messages that arrived before the end are still in the sink's mailbox.
  uint64_t lines = 0;
  self->request(sink, std::chrono::seconds{30}, caf::flush_atom_v)
    .receive([&](uint64_t n) { lines = n; }, [](caf::error&) {});
  self->send_exit(sink, caf::exit_reason::user_shutdown);
  if (lost) {
    std::fprintf(stderr, "tradenode monitor: lost the node at %s: %s (%llu messages)\n",
                 peer.address().c_str(), to_string(lost).c_str(),
                 static_cast<unsigned long long>(lines));
    return static_cast<int>(exit_code::peer_lost);
  }
  std::fprintf(stderr, "tradenode monitor: %s (%llu messages)\n",
               ended ? "the node ended the session" : "stopped",
               static_cast<unsigned long long>(lines));
  return static_cast<int>(exit_code::ok);
}

int run_kill_command(const kill_command_options& opts) {
  peer_config peer;
  if (auto why = read_peer_file(opts.config, opts.connect, peer, nullptr); !why.empty())
    return fail("kill", why);
  caf::actor_system_config cfg;
  prepare(cfg, peer);
  caf::actor_system sys{cfg};
  auto gateway = reach_gateway(sys, peer);
  if (!gateway) {
    std::fprintf(stderr, "tradenode kill: %s\n", context_of(gateway.error()).c_str());
    return static_cast<int>(exit_code::peer_lost);
  }
  caf::scoped_actor self{sys};
  caf::error err;
  // The node answers once stopped: its stop steps are bounded by its timeouts.
  self->request(*gateway, std::chrono::minutes{5}, kill_atom_v, peer.token, opts.flatten)
    .receive([](caf::ok_atom) {}, [&](caf::error& x) { err = std::move(x); });
  if (err) {
    std::fprintf(stderr, "tradenode kill: %s\n", describe(err).c_str());
    return static_cast<int>(err == caf::make_error(errc::unauthorized) ? exit_code::bad_usage
                                                                        : exit_code::peer_lost);
  }
  std::printf("tradenode kill: the node at %s canceled its open orders%s and stopped\n",
              peer.address().c_str(), opts.flatten ? ", flattened its positions" : "");
  return static_cast<int>(exit_code::ok);
}

int run_feed_command(const feed_command_options& opts, const factory_registry& factories,
                     stop_signal& stop) {
  if (opts.config.empty())
    return fail("feed", "needs --config FILE (with \"factory\" and \"settings\")");
  nlohmann::json j;
  peer_config security;
  std::string factory;
  nlohmann::json settings = nlohmann::json::object();
  try {
    std::ifstream in{opts.config};
    if (!in)
      return fail("feed", opts.config + ": cannot open file");
    j = nlohmann::json::parse(in);
    if (!j.is_object())
      return fail("feed", opts.config + ": expected an object");
    for (auto& [key, value] : j.items())
      if (key != "factory" && key != "settings" && key != "token_file" && key != "tls")
        return fail("feed", opts.config + ": " + key
                              + ": unknown key (expected factory, settings, token_file, tls)");
    if (!j.contains("factory") || !j["factory"].is_string())
      return fail("feed", opts.config + ": factory: expected the name of a data client factory");
    factory = j["factory"].get<std::string>();
    if (j.contains("settings"))
      settings = j["settings"];
    parse_peer_config(j, security, std::filesystem::path{opts.config}.parent_path().string());
  } catch (const json_error& e) {
    return fail("feed", opts.config + ": " + e.path() + ": " + e.reason());
  } catch (const std::exception& e) {
    return fail("feed", opts.config + ": invalid JSON: " + detail::short_json_message(e));
  }
  auto* make = factories.data_client(factory);
  if (!make)
    return fail("feed", opts.config + ": factory: no data client factory \"" + factory + "\"");
  if (!is_loopback(opts.host) && (!security.tls.enabled() || security.token.empty()))
    return fail("feed", "listening on \"" + opts.host
                          + "\" (beyond loopback) needs \"tls\" (certificate, key, ca_file) "
                            "and \"token_file\" in " + opts.config);
  auto sinks = make_log_sinks(logging_config{});
  if (!sinks)
    return fail("feed", describe(sinks.error()));
  auto log = make_logger("Feed", *sinks, spdlog::level::info);
  caf::actor_system_config cfg;
  prepare(cfg, security);
  caf::actor_system sys{cfg};
  auto id = client_id::of("FEED");
  auto server = spawn_feed_server(
    sys, security.token, log, [&](data_engine_actor engine) -> caf::expected<data_client_actor> {
      client_context ctx{sys,
                         id,
                         settings,
                         log,
                         std::move(engine),
                         exec_engine_actor{},
                         venue::of("FEED"),
                         std::filesystem::path{opts.config}.parent_path().string()};
      try {
        return (*make)(ctx);
      } catch (const std::exception& e) {
        return caf::make_error(errc::invalid_config, std::string{"factory threw: "} + e.what());
      }
    });
  if (!server)
    return fail("feed", opts.config + ": " + context_of(server.error()));
  auto port = security.tls.enabled()
                ? caf::openssl::publish(*server, opts.port, opts.host.c_str(), true)
                : sys.middleman().publish(*server, opts.port, opts.host.c_str(), true);
  if (!port) {
    caf::anon_send_exit(*server, caf::exit_reason::user_shutdown);
    return fail("feed", "cannot listen on " + opts.host + ":" + std::to_string(opts.port) + ": "
                          + to_string(port.error()));
  }
  std::printf("feed %s listening on %s:%u\n", factory.c_str(), opts.host.c_str(),
              static_cast<unsigned>(*port));
  std::fflush(stdout);
  stop.wait();
  log->info("Feed stopping");
  caf::anon_send_exit(*server, caf::exit_reason::user_shutdown);
  return static_cast<int>(exit_code::ok);
}

} // namespace tradenode
