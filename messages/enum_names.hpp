#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

/// Maps each value of a domain enum to its text; specialized by TRADENODE_ENUM_NAMES.
template <class Enum>
struct enum_names;

/// Returns the text of `x` (e.g. "BUY"), or "?" for a value outside the enum.
template <class Enum>
std::string_view enum_name(Enum x) noexcept {
  auto index = static_cast<size_t>(x);
  const auto& names = enum_names<Enum>::values;
  return index < names.size() ? names[index] : std::string_view{"?"};
}

/// Returns whether `x` is one of the enum's declared values (e.g. after deserialization).
template <class Enum>
bool is_valid_enum(Enum x) noexcept {
  return static_cast<size_t>(x) < enum_names<Enum>::values.size();
}

/// Parses the text of an enum value; the error names the type and the text.
template <class Enum>
[[nodiscard]] caf::expected<Enum> parse_enum(std::string_view text) {
  const auto& names = enum_names<Enum>::values;
  for (size_t i = 0; i < names.size(); ++i)
    if (std::string_view{names[i]} == text)
      return static_cast<Enum>(i);
  std::string expected_names;
  for (const char* name : names) {
    expected_names += expected_names.empty() ? "" : "|";
    expected_names += name;
  }
  return caf::make_error(errc::parse_failure,
                         std::string{enum_names<Enum>::type} + ": unknown value \""
                           + std::string{text} + "\" (expected " + expected_names
                           + ")");
}

namespace detail {

template <class Enum>
void enum_from_json(const nlohmann::json& j, Enum& x) {
  from_json_string(j, x, std::string{"a string naming a "} + enum_names<Enum>::type,
                   parse_enum<Enum>);
}

} // namespace detail

} // namespace tradenode

/// Declares the texts of a domain enum, in declaration order, plus its
/// to_string() and JSON conversion (as the text).
#define TRADENODE_ENUM_NAMES(enum_type, ...)                                   \
  template <>                                                                  \
  struct enum_names<enum_type> {                                               \
    static constexpr const char* type = #enum_type;                            \
    static constexpr auto values = std::array{__VA_ARGS__};                    \
  };                                                                           \
  inline std::string to_string(enum_type x) {                                  \
    return std::string{enum_name(x)};                                          \
  }                                                                            \
  inline void to_json(nlohmann::json& j, enum_type x) {                        \
    j = enum_name(x);                                                          \
  }                                                                            \
  inline void from_json(const nlohmann::json& j, enum_type& x) {               \
    detail::enum_from_json(j, x);                                              \
  }
