#pragma once

#include <compare>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include <caf/expected.hpp>
#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

namespace tradenode {

/// A version-4 UUID, the id of every command, event and report (as
/// NautilusTrader's UUID4). The nil value marks "not set".
class uuid4 {
public:
  constexpr uuid4() = default;

  /// Returns a random version-4 UUID drawn from `gen` (a seeded engine keeps
  /// tests and replays reproducible).
  static uuid4 random(std::mt19937_64& gen);

  /// Parses the canonical form "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (or the nil UUID).
  [[nodiscard]] static caf::expected<uuid4> parse(std::string_view text);

  /// Returns whether this is the nil UUID.
  constexpr bool is_nil() const noexcept {
    return high_ == 0 && low_ == 0;
  }

  friend auto operator<=>(const uuid4&, const uuid4&) = default;

  /// Returns the canonical lower-case form.
  friend std::string to_string(const uuid4& x);

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, uuid4& x) {
    return f(caf::meta::type_name("uuid4"), x.high_, x.low_);
  }

  friend void to_json(nlohmann::json& j, const uuid4& x);
  friend void from_json(const nlohmann::json& j, uuid4& x);

private:
  constexpr uuid4(uint64_t high, uint64_t low) : high_(high), low_(low) {
    // nop
  }

  uint64_t high_ = 0;
  uint64_t low_ = 0;
};

} // namespace tradenode
