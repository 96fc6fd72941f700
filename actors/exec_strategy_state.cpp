#include "tradenode/actors/exec_engine.hpp"

// The execution engine as the strategies' state store: what on_save returned
// is journaled, and a restarted engine answers it for on_load.

namespace tradenode {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

// JSON text must be UTF-8; saved values may be any bytes.
std::string hex_encode(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += hex_digits[c >> 4];
    out += hex_digits[c & 0x0f];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

caf::optional<std::string> hex_decode(const std::string& hex) {
  if (hex.size() % 2 != 0)
    return caf::none;
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    auto hi = hex_value(hex[i]);
    auto lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return caf::none;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

} // namespace

void exec_engine_state::save_state(const strategy_id& id, strategy_state state) {
  auto values = nlohmann::json::object();
  for (auto& [key, value] : state)
    values[hex_encode(key)] = hex_encode(value);
  record("strategy_state",
         nlohmann::json{{"strategy_id", id.value()}, {"state", std::move(values)}});
  lifecycle.log().info("Strategy {} saved its state ({} key(s))", id.value(), state.size());
  saved_states.insert_or_assign(id, std::move(state));
}

bool exec_engine_state::replay_state(const journal_record& rec) {
  auto refuse = [&](const std::string& why) {
    lifecycle.log().error("Journal {}: record {} (strategy_state): {}", journal_cfg.where(),
                          rec.seq, why);
    return false;
  };
  auto id = rec.data.find("strategy_id");
  auto values = rec.data.find("state");
  if (id == rec.data.end() || !id->is_string() || values == rec.data.end()
      || !values->is_object())
    return refuse("expected {\"strategy_id\": string, \"state\": object}");
  auto strategy = strategy_id::make(id->get<std::string>());
  if (!strategy)
    return refuse(describe(strategy.error()));
  strategy_state state;
  for (auto& [key, value] : values->items()) {
    auto k = hex_decode(key);
    auto v = value.is_string() ? hex_decode(value.get<std::string>()) : caf::none;
    if (!k || !v)
      return refuse("key \"" + key + "\": expected hex strings");
    state.emplace(std::move(*k), std::move(*v));
  }
  saved_states.insert_or_assign(*strategy, std::move(state));
  return true;
}

} // namespace tradenode
