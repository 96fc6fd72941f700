#include "tradenode/node/remote/remote_config.hpp"

#include "tradenode/actors/client_factory.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

using nlohmann::json;

using detail::within;

caf::timespan parse_seconds(const json& j) {
  if (!j.is_number())
    throw json_error("", std::string{"expected a number of seconds, got "} + j.type_name());
  auto secs = j.get<double>();
  if (!(secs > 0) || secs > 3600)
    throw json_error("", "must be > 0 and at most 3600");
  return std::chrono::duration_cast<caf::timespan>(std::chrono::duration<double>{secs});
}

} // namespace

void parse_remote_config(const json& j, remote_config& cfg, const std::string& base_dir) {
  if (!j.is_object())
    throw json_error("", std::string{"expected an object, got "} + j.type_name());
  detail::strict_object_reader reader{j};
  caf::optional<std::string> policy;
  const json* tls = nullptr;
  const json* heartbeat = nullptr;
  const json* timeout = nullptr;
  reader.read_if_present("enabled", cfg.enabled);
  reader.read_if_present("host", cfg.host);
  reader.read_if_present("port", cfg.port);
  reader.read_if_present("token_file", cfg.token_file);
  reader.read_raw("tls", tls);
  reader.read("on_strategy_lost", policy);
  reader.read_raw("heartbeat_interval", heartbeat);
  reader.read_raw("connection_timeout", timeout);
  reader.finish();
  if (cfg.host.empty())
    throw json_error("host", "must not be empty");
  if (!cfg.token_file.empty()) {
    cfg.token_file = resolve_path(base_dir, cfg.token_file);
    within("token_file", [&] { cfg.token = read_secret_file(cfg.token_file); });
  }
  if (tls)
    within("tls", [&] { parse_tls_config(*tls, cfg.tls, base_dir); });
  if (policy) {
    if (*policy == "cancel_orders")
      cfg.on_strategy_lost = lost_strategy_policy::cancel_orders;
    else if (*policy == "keep_orders")
      cfg.on_strategy_lost = lost_strategy_policy::keep_orders;
    else
      throw json_error("on_strategy_lost",
                       "unknown policy \"" + *policy + "\" (expected cancel_orders or keep_orders)");
  }
  if (heartbeat)
    within("heartbeat_interval", [&] { cfg.heartbeat_interval = parse_seconds(*heartbeat); });
  if (timeout)
    within("connection_timeout", [&] { cfg.connection_timeout = parse_seconds(*timeout); });
  // CAF's openssl module without certificates verifies nobody, and CAF checks
  // no credentials on the accepting side: beyond loopback both are ours to ask.
  if (cfg.enabled && !is_loopback(cfg.host) && (!cfg.tls.enabled() || cfg.token.empty()))
    throw json_error("host", "listening on \"" + cfg.host
                               + "\" (beyond loopback) needs remote.tls (certificate, key, "
                                 "ca_file: mutual TLS) and remote.token_file");
}

} // namespace tradenode
