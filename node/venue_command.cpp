#include "tradenode/node/venue_command.hpp"

#include <cstdio>
#include <fstream>
#include <future>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>

#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/cli.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/signal_guard.hpp"

namespace tradenode {

namespace {

int fail(const std::string& why) {
  std::fprintf(stderr, "tradenode venue: %s\n", why.c_str());
  return static_cast<int>(exit_code::bad_usage);
}

} // namespace

int run_venue_command(const venue_command_options& opts, stop_signal& stop) {
  nlohmann::json settings = nlohmann::json::object();
  if (!opts.config.empty()) {
    std::ifstream in{opts.config};
    if (!in)
      return fail(opts.config + ": cannot open file");
    try {
      settings = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      return fail(opts.config + ": invalid JSON: " + e.what());
    }
    if (!settings.is_object())
      return fail(opts.config + ": expected an object");
  }
  std::string venue_name = "SIM";
  if (settings.contains("venue")) {
    if (!settings["venue"].is_string())
      return fail(opts.config + ": venue: expected a string");
    venue_name = settings["venue"].get<std::string>();
  }
  auto venue_id = venue::make(venue_name);
  if (!venue_id)
    return fail(opts.config + ": venue: " + reason_of(venue_id.error()));
  auto parsed = sandbox::parse_sandbox_settings(settings, venue_name, {"venue"});
  if (!parsed)
    return fail(opts.config + ": " + context_of(parsed.error()));
  auto sinks = make_log_sinks(logging_config{});
  if (!sinks)
    return fail(describe(sinks.error()));
  auto log = make_logger("Venue", *sinks, spdlog::level::info);

  caf::actor_system_config cfg;
  register_types(cfg);
  cfg.load<caf::io::middleman>();
  caf::actor_system sys{cfg};
  auto venue_handle = sandbox::spawn_sandbox_venue(sys, client_id::of(venue_name), log, *venue_id,
                                              std::move(*parsed), {}, {},
                                                   node_clock::system());
  auto port = sys.middleman().publish(venue_handle, opts.port, opts.host.c_str(), true);
  if (!port) {
    caf::anon_send_exit(venue_handle, caf::exit_reason::user_shutdown);
    return fail("cannot listen on " + opts.host + ":" + std::to_string(opts.port) + ": "
                + to_string(port.error()));
  }
  std::printf("venue %s listening on %s:%u\n", venue_name.c_str(), opts.host.c_str(),
              static_cast<unsigned>(*port));
  std::fflush(stdout);
  stop.wait();
  log->info("Venue {} stopping", venue_name);
  caf::anon_send_exit(venue_handle, caf::exit_reason::user_shutdown);
  return static_cast<int>(exit_code::ok);
}

} // namespace tradenode
