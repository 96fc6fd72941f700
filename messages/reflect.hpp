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

/// Thrown while reading JSON: one problem or several, each with the JSON path
/// of the offending value ("order.quantity") and what is wrong with it.
class json_error : public std::runtime_error {
public:
  /// One problem of a document.
  struct problem {
    std::string path;
    std::string reason;
  };

  json_error(std::string path, std::string reason);

  /// Several problems, in the order found; `problems` must not be empty.
  explicit json_error(std::vector<problem> problems);

  /// Returns the JSON path of the (first) offending value, empty for the
  /// document itself.
  const std::string& path() const noexcept {
    return problems_.front().path;
  }

  /// Returns what was wrong with the (first) value.
  const std::string& reason() const noexcept {
    return problems_.front().reason;
  }

  /// Returns every problem, in the order found.
  const std::vector<problem>& problems() const noexcept {
    return problems_;
  }

  /// Returns a copy whose paths are prefixed with `key`.
  json_error nested_in(std::string_view key) const;

private:
  std::vector<problem> problems_;
};

/// Returns "a.b" for `prefix` "a" and `path` "b", "a[0]" for "[0]", and
/// either alone when the other is empty.
std::string join_json_path(std::string_view prefix, std::string_view path);

/// Returns the problems of `e` as lines "path: reason", one per problem, the
/// paths prefixed with `prefix` ("settings").
std::string problem_lines(const json_error& e, std::string_view prefix = {});

/// Returns ` (did you mean "x"? expected one of: a, b, c)` for a name that
/// is not in `valid`: the closest valid name if one is close enough to be a
/// typo, then all of them (or, with no valid name, an empty string).
std::string did_you_mean(std::string_view name, const std::vector<std::string>& valid);

/// Collects the problems of several parts of a document, so that one pass
/// reports them all: each `within` runs a part and keeps what it threw.
class json_error_collector {
public:
  /// Runs `f`, keeping the problems it throws with their paths prefixed by `key`.
  template <class F>
  void within(std::string_view key, F f) {
    try {
      f();
    } catch (const json_error& e) {
      add(e.nested_in(key));
    }
  }

  void add(const json_error& e) {
    problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
  }

  /// Keeps `reason` for `path` unless `ok`.
  void require(bool ok, std::string path, std::string reason) {
    if (!ok)
      problems_.push_back({std::move(path), std::move(reason)});
  }

  bool empty() const noexcept {
    return problems_.empty();
  }

  /// Throws every problem kept, as one json_error, if there is any.
  void throw_if_any() const {
    if (!problems_.empty())
      throw json_error{problems_};
  }

private:
  std::vector<json_error::problem> problems_;
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
    throw json_error("", reason_of(result.error()));
  x = std::move(*result);
}

/// Returns how a JSON value of C++ type `T` is written, for "expected ..."
/// errors ("a string", "an integer", ...), or null when the type reads itself.
template <class T>
const char* json_form() {
  if constexpr (std::is_same_v<T, bool>)
    return "true or false";
  else if constexpr (std::is_integral_v<T>)
    return "an integer";
  else if constexpr (std::is_floating_point_v<T>)
    return "a number";
  else if constexpr (std::is_same_v<T, std::string>)
    return "a string";
  else
    return nullptr;
}

/// Reads an object field by field; a missing field, a value of the wrong form
/// and any key not read are errors. Every problem of the object is kept and
/// thrown by finish(), together, so that one pass names them all: call
/// finish() before using what was read.
class strict_object_reader {
public:
  explicit strict_object_reader(const nlohmann::json& object);

  template <class T>
  void read(const char* key, T& field) {
    known_.emplace_back(key);
    auto it = object_.find(key);
    if (it == object_.end()) {
      problems_.push_back({key, "missing"});
      return;
    }
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
    if (convert(key, *it, value))
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

  /// Throws every problem found: those of the reads, then each key that no
  /// read asked for (with the closest known key and the list of known keys).
  void finish() const;

private:
  template <class T>
  bool convert(const char* key, const nlohmann::json& value, T& field) {
    try {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        field = checked_integer<T>(value);
      else
        value.get_to(field);
      return true;
    } catch (const json_error& e) {
      auto nested = e.nested_in(key);
      problems_.insert(problems_.end(), nested.problems().begin(), nested.problems().end());
    } catch (const nlohmann::json::type_error& e) {
      auto* form = json_form<T>();
      problems_.push_back({key, form ? std::string{"expected "} + form + ", got "
                                         + value.type_name()
                                     : short_json_message(e)});
    } catch (const std::exception& e) {
      problems_.push_back({key, short_json_message(e)});
    }
    return false;
  }

  const nlohmann::json& object_;
  std::vector<std::string_view> known_;
  std::vector<json_error::problem> problems_;
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
    return caf::make_error(errc::parse_failure, problem_lines(e, what));
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
