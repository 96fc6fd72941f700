#include "tradenode/node/remote/remote_config.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include <caf/openssl/manager.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

using nlohmann::json;

using detail::within;

std::string read_secret(const std::string& path) {
  std::ifstream in{path};
  if (!in)
    throw json_error("", "cannot read \"" + path + "\"");
  std::stringstream buf;
  buf << in.rdbuf();
  auto text = buf.str();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.pop_back();
  if (text.empty())
    throw json_error("", "\"" + path + "\" is empty");
  return text;
}

void expect_readable(const std::string& path) {
  if (!std::ifstream{path})
    throw json_error("", "cannot read \"" + path + "\"");
}

caf::timespan parse_seconds(const json& j) {
  if (!j.is_number())
    throw json_error("", std::string{"expected a number of seconds, got "} + j.type_name());
  auto secs = j.get<double>();
  if (!(secs > 0) || secs > 3600)
    throw json_error("", "must be > 0 and at most 3600");
  return std::chrono::duration_cast<caf::timespan>(std::chrono::duration<double>{secs});
}

void parse_tls(const json& j, tls_config& cfg) {
  if (!j.is_object())
    throw json_error("", std::string{"expected an object, got "} + j.type_name());
  detail::strict_object_reader reader{j};
  reader.read("certificate", cfg.certificate);
  reader.read("key", cfg.key);
  reader.read("ca_file", cfg.ca_file);
  reader.finish();
  within("certificate", [&] { expect_readable(cfg.certificate); });
  within("key", [&] { expect_readable(cfg.key); });
  within("ca_file", [&] { expect_readable(cfg.ca_file); });
}

} // namespace

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void parse_remote_config(const json& j, remote_config& cfg) {
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
  if (!cfg.token_file.empty())
    within("token_file", [&] { cfg.token = read_secret(cfg.token_file); });
  if (tls)
    within("tls", [&] { parse_tls(*tls, cfg.tls); });
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

void parse_peer_config(const json& j, peer_config& cfg) {
  if (auto i = j.find("connect"); i != j.end()) {
    if (!i->is_string())
      throw json_error("connect", std::string{"expected \"HOST:PORT\", got "} + i->type_name());
    auto address = parse_host_port(i->get<std::string>());
    if (!address)
      throw json_error("connect", context_of(address.error()));
    std::tie(cfg.host, cfg.port) = *address;
  }
  if (auto i = j.find("token_file"); i != j.end()) {
    if (!i->is_string())
      throw json_error("token_file", std::string{"expected a string, got "} + i->type_name());
    cfg.token_file = i->get<std::string>();
    within("token_file", [&] { cfg.token = read_secret(cfg.token_file); });
  }
  if (auto i = j.find("tls"); i != j.end())
    within("tls", [&] { parse_tls(*i, cfg.tls); });
}

caf::expected<std::pair<std::string, uint16_t>> parse_host_port(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return caf::make_error(errc::invalid_argument,
                           "expected \"HOST:PORT\", got \"" + text + "\"");
  uint16_t port = 0;
  auto digits = std::string_view{text}.substr(colon + 1);
  auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (err != std::errc{} || end != digits.data() + digits.size() || port == 0)
    return caf::make_error(errc::invalid_argument,
                           "port \"" + std::string{digits} + "\" is not 1..65535");
  return std::make_pair(text.substr(0, colon), port);
}

void apply_remote_config(caf::actor_system_config& cfg, const tls_config& tls,
                         caf::timespan heartbeat_interval, caf::timespan connection_timeout) {
  cfg.set("middleman.heartbeat-interval", heartbeat_interval);
  cfg.set("middleman.connection-timeout", connection_timeout);
  if (!tls.enabled())
    return;
  cfg.openssl_certificate = tls.certificate;
  cfg.openssl_key = tls.key;
  cfg.openssl_cafile = tls.ca_file;
  cfg.load<caf::openssl::manager>();
}

bool same_token(const std::string& expected, const std::string& presented) {
  unsigned char diff = expected.size() == presented.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i)
    diff |= static_cast<unsigned char>(expected[i] ^ presented[i % (presented.size() + 1)]);
  return diff == 0;
}

} // namespace tradenode
