#pragma once

// One field list per message drives both its CAF inspect() (binary wire form,
// to_string) and its JSON form, so the two can never disagree on the fields.

#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

/// Thrown while reading JSON; `path()` names the offending key ("order.quantity").
class json_error : public std::runtime_error {
public:
  json_error(std::string path, std::string reason);

  /// Returns the JSON path of the offending value, empty for the document itself.
  const std::string& path() const noexcept {
    return path_;
  }

  /// Returns what was wrong with the value.
  const std::string& reason() const noexcept {
    return reason_;
  }

  /// Returns a copy whose path is prefixed with `key`.
  json_error nested_in(std::string_view key) const;

private:
  std::string path_;
  std::string reason_;
};

namespace detail {

/// Runs `f`, prefixing the path of any json_error it throws with `key`.
template <class F>
void within(std::string_view key, F f) {
  try {
    f();
  } catch (const json_error& e) {
    throw e.nested_in(key);
  }
}

/// Returns nlohmann's message without its "[json.exception...] " prefix.
std::string short_json_message(const std::exception& e);

/// Returns `j` as the integer type `T`; refuses fractions, other types and
/// values out of T's range (nlohmann would silently truncate them).
template <class T>
T checked_integer(const nlohmann::json& j) {
  if (j.is_number_unsigned()) {
    auto value = j.get<uint64_t>();
    if (value <= static_cast<uint64_t>(std::numeric_limits<T>::max()))
      return static_cast<T>(value);
  } else if (j.is_number_integer()) {
    auto value = j.get<int64_t>();
    if (value >= static_cast<int64_t>(std::numeric_limits<T>::min())
        && (value < 0
            || static_cast<uint64_t>(value)
                 <= static_cast<uint64_t>(std::numeric_limits<T>::max())))
      return static_cast<T>(value);
  } else {
    throw json_error("", std::string{"expected an integer, got "} + j.type_name());
  }
  throw json_error("", "integer " + j.dump() + " out of range ["
                         + std::to_string(std::numeric_limits<T>::min()) + ", "
                         + std::to_string(std::numeric_limits<T>::max()) + "]");
}

/// Reads `x` from a JSON string with `parse` (text -> caf::expected of x's
/// type); a non-string is "expected <what>, got <type>", a failed parse its error.
template <class T, class Parse>
void from_json_string(const nlohmann::json& j, T& x, const std::string& what,
                      Parse parse) {
  if (!j.is_string())
    throw json_error("", "expected " + what + ", got " + j.type_name());
  auto result = parse(j.get_ref<const std::string&>());
  if (!result)
    throw json_error("", describe(result.error()));
  x = std::move(*result);
}

/// Reads an object field by field; a missing field or any key not read is an error.
class strict_object_reader {
public:
  explicit strict_object_reader(const nlohmann::json& object);

  template <class T>
  void read(const char* key, T& field) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    if (it == object_.end())
      throw json_error(key, "missing");
    convert(key, *it, field);
  }

  template <class T>
  void read(const char* key, caf::optional<T>& field) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      field = caf::none;
      return;
    }
    T value;
    convert(key, *it, value);
    field = std::move(value);
  }

  /// Reads `key` into `field` when present and not null; otherwise leaves
  /// `field` as it is (its default). Unlike an optional field, this leaves
  /// GCC's -O2 flow analysis nothing to misread.
  template <class T>
  void read_if_present(const char* key, T& field) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    if (it != object_.end() && !it->is_null())
      convert(key, *it, field);
  }

  /// Points `field` at the raw value of `key`, or null when absent or null;
  /// for sections parsed by hand.
  void read_raw(const char* key, const nlohmann::json*& field) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    field = it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  /// Throws when the object has a key that no read() asked for.
  void finish() const;

private:
  template <class T>
  void convert(const char* key, const nlohmann::json& value, T& field) {
    try {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        field = checked_integer<T>(value);
      else
        value.get_to(field);
    } catch (const json_error& e) {
      throw e.nested_in(key);
    } catch (const std::exception& e) {
      throw json_error(key, short_json_message(e));
    }
  }

  const nlohmann::json& object_;
  std::vector<std::string_view> known_;
};

} // namespace detail

/// Converts `x` to its JSON form.
template <class T>
nlohmann::json to_json_value(const T& x) {
  return nlohmann::json(x);
}

/// Reads a `T` from JSON; errors are `errc::parse_failure` naming the JSON path.
template <class T>
[[nodiscard]] caf::expected<T> from_json_value(const nlohmann::json& j,
                                               std::string_view what) {
  try {
    T result;
    j.get_to(result);
    return result;
  } catch (const json_error& e) {
    auto path = std::string{what};
    if (!e.path().empty())
      path += (e.path().front() == '[' ? "" : ".") + e.path();
    return caf::make_error(errc::parse_failure, path + ": " + e.reason());
  } catch (const std::exception& e) {
    return caf::make_error(errc::parse_failure,
                           std::string{what} + ": " + detail::short_json_message(e));
  }
}

} // namespace tradenode

namespace nlohmann {

/// JSON form of caf::optional: null when empty.
template <class T>
struct adl_serializer<caf::optional<T>> {
  static void to_json(json& j, const caf::optional<T>& x) {
    if (x)
      j = *x;
    else
      j = nullptr;
  }

  static void from_json(const json& j, caf::optional<T>& x) {
    if (j.is_null())
      x = caf::none;
    else
      x = j.get<T>();
  }
};

} // namespace nlohmann

#define TRADENODE_DETAIL_INSPECT_FIELD(field) , x.field
#define TRADENODE_DETAIL_TO_JSON_FIELD(field) j[#field] = x.field;
#define TRADENODE_DETAIL_FROM_JSON_FIELD(field) reader.read(#field, x.field);

/// Defines inspect() (CAF serialization and to_string) and strict JSON
/// conversion for the struct `type` from its list of fields.
#define TRADENODE_REFLECT(type, ...)                                           \
  template <class Inspector>                                                   \
  typename Inspector::result_type inspect(Inspector& f, type& x) {             \
    return f(caf::meta::type_name(#type) NLOHMANN_JSON_EXPAND(                 \
      NLOHMANN_JSON_PASTE(TRADENODE_DETAIL_INSPECT_FIELD, __VA_ARGS__)));      \
  }                                                                            \
  inline void to_json(nlohmann::json& j, const type& x) {                      \
    j = nlohmann::json::object();                                              \
    NLOHMANN_JSON_EXPAND(                                                      \
      NLOHMANN_JSON_PASTE(TRADENODE_DETAIL_TO_JSON_FIELD, __VA_ARGS__))        \
  }                                                                            \
  inline void from_json(const nlohmann::json& j, type& x) {                    \
    ::tradenode::detail::strict_object_reader reader{j};                       \
    NLOHMANN_JSON_EXPAND(                                                      \
      NLOHMANN_JSON_PASTE(TRADENODE_DETAIL_FROM_JSON_FIELD, __VA_ARGS__))      \
    reader.finish();                                                           \
  }
