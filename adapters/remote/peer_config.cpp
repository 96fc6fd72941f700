#include "tradenode/adapters/remote/peer_config.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include <caf/openssl/manager.hpp>

#include "tradenode/actors/client_factory.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

using nlohmann::json;

using detail::within;

void expect_readable(const std::string& path) {
  if (!std::ifstream{path})
    throw json_error("", "cannot read \"" + path + "\"");
}

} // namespace

std::string read_secret_file(const std::string& path) {
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

void parse_tls_config(const json& j, tls_config& cfg, const std::string& base_dir) {
  if (!j.is_object())
    throw json_error("", std::string{"expected an object, got "} + j.type_name());
  detail::strict_object_reader reader{j};
  reader.read("certificate", cfg.certificate);
  reader.read("key", cfg.key);
  reader.read("ca_file", cfg.ca_file);
  reader.finish();
  // A plain loop variable: clang before 16 cannot capture structured bindings.
  for (const auto& entry : {std::pair{"certificate", &cfg.certificate},
                            std::pair{"key", &cfg.key}, std::pair{"ca_file", &cfg.ca_file}}) {
    std::string& file = *entry.second;
    file = resolve_path(base_dir, file);
    within(entry.first, [&] { expect_readable(file); });
  }
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void parse_peer_config(const json& j, peer_config& cfg, const std::string& base_dir) {
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
    cfg.token_file = resolve_path(base_dir, i->get<std::string>());
    within("token_file", [&] { cfg.token = read_secret_file(cfg.token_file); });
  }
  if (auto i = j.find("tls"); i != j.end())
    within("tls", [&] { parse_tls_config(*i, cfg.tls, base_dir); });
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
