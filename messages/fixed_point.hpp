#pragma once

#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

/// Decimal places every raw fixed-point value is scaled by (as NautilusTrader).
constexpr uint8_t fixed_precision = 9;

/// 10^fixed_precision: the raw value of 1.
constexpr int64_t fixed_scalar = 1'000'000'000;

namespace detail {

/// A 128-bit integer for exact intermediate products of raw values.
__extension__ typedef __int128 int128;

/// Returns numerator / denominator (denominator > 0) rounded half away from zero.
int128 divide_rounded(int128 numerator, int128 denominator);

// Non-template core of fixed_decimal; `kind` names the type in errors.

caf::error validate_fixed(const char* kind, int64_t raw, uint8_t precision,
                          bool allow_negative);

caf::expected<int64_t> parse_fixed(const char* kind, std::string_view text,
                                   uint8_t& precision);

std::string format_fixed(int64_t raw, uint8_t precision);

caf::expected<int64_t> add_fixed(const char* kind, int64_t lhs, int64_t rhs,
                                 uint8_t lhs_precision, uint8_t rhs_precision,
                                 const char* op);

} // namespace detail

/// A decimal number stored exactly as a 64-bit integer scaled by 10^9, with the
/// number of decimal places it carries (0 to 9). `Tag` gives the name and
/// whether negative values are allowed. Values compare numerically.
template <class Tag>
class fixed_decimal {
public:
  /// Zero with precision 0.
  constexpr fixed_decimal() = default;

  /// Returns the value of `raw` (scaled by 10^9) carrying `precision` decimals;
  /// `raw` must be a multiple of 10^(9 - precision).
  [[nodiscard]] static caf::expected<fixed_decimal> from_raw(int64_t raw,
                                                             uint8_t precision) {
    if (auto err = detail::validate_fixed(Tag::name, raw, precision,
                                          Tag::allow_negative))
      return err;
    return fixed_decimal{raw, precision};
  }

  /// Parses a decimal text such as "-12.3450"; the precision is the number of
  /// digits after the point, at most 9.
  [[nodiscard]] static caf::expected<fixed_decimal> parse(std::string_view text) {
    uint8_t precision = 0;
    auto raw = detail::parse_fixed(Tag::name, text, precision);
    if (!raw)
      return std::move(raw.error());
    return from_raw(*raw, precision);
  }

  /// Returns the value of a known-good literal; throws std::invalid_argument on
  /// a bad one (for constants and tests, not for input).
  static fixed_decimal of(std::string_view text) {
    auto result = parse(text);
    if (!result)
      throw std::invalid_argument(describe(result.error()));
    return *result;
  }

  /// Returns `raw` with the fewest decimals (at least `min_precision`) that
  /// hold it exactly: the form exact averages and sums are kept in.
  static fixed_decimal exact(int64_t raw, uint8_t min_precision) {
    for (auto precision = min_precision; precision < fixed_precision; ++precision)
      if (auto x = from_raw(raw, precision))
        return *x;
    return fixed_decimal{raw, fixed_precision};
  }

  /// Returns the raw value, scaled by 10^9.
  constexpr int64_t raw() const noexcept {
    return raw_;
  }

  /// Returns the number of decimal places.
  constexpr uint8_t precision() const noexcept {
    return precision_;
  }

  /// Returns the value as a double, for display and statistics only.
  double as_double() const noexcept {
    return static_cast<double>(raw_) / static_cast<double>(fixed_scalar);
  }

  constexpr bool is_zero() const noexcept {
    return raw_ == 0;
  }

  constexpr bool is_positive() const noexcept {
    return raw_ > 0;
  }

  friend constexpr bool operator==(fixed_decimal x, fixed_decimal y) noexcept {
    return x.raw_ == y.raw_;
  }

  friend constexpr std::strong_ordering operator<=>(fixed_decimal x,
                                                    fixed_decimal y) noexcept {
    return x.raw_ <=> y.raw_;
  }

  /// Returns `x + y`; both must carry the same precision, and the sum must fit.
  [[nodiscard]] friend caf::expected<fixed_decimal> add(fixed_decimal x,
                                                        fixed_decimal y) {
    return combine(x, y, y.raw_, "+");
  }

  /// Returns `x - y`; both must carry the same precision, and the difference must fit.
  [[nodiscard]] friend caf::expected<fixed_decimal> subtract(fixed_decimal x,
                                                             fixed_decimal y) {
    return combine(x, y, -y.raw_, "-");
  }

  friend std::string to_string(fixed_decimal x) {
    return detail::format_fixed(x.raw_, x.precision_);
  }

  // Binary deserialization re-checks the invariants, so that a remote peer
  // cannot inject a value that from_raw() would refuse.
  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, fixed_decimal& x) {
    auto validate = [&x]() -> caf::error {
      return detail::validate_fixed(Tag::name, x.raw_, x.precision_,
                                    Tag::allow_negative);
    };
    return f(caf::meta::type_name(Tag::name), x.raw_, x.precision_,
             caf::meta::load_callback(validate));
  }

  friend void to_json(nlohmann::json& j, fixed_decimal x) {
    j = to_string(x);
  }

  friend void from_json(const nlohmann::json& j, fixed_decimal& x) {
    detail::from_json_string(j, x, std::string{"a decimal string for "} + Tag::name,
                             parse);
  }

private:
  constexpr fixed_decimal(int64_t raw, uint8_t precision)
    : raw_(raw), precision_(precision) {
    // nop
  }

  static caf::expected<fixed_decimal> combine(fixed_decimal x, fixed_decimal y,
                                              int64_t rhs, const char* op) {
    auto raw = detail::add_fixed(Tag::name, x.raw_, rhs, x.precision_,
                                 y.precision_, op);
    if (!raw)
      return std::move(raw.error());
    return from_raw(*raw, x.precision_);
  }

  int64_t raw_ = 0;
  uint8_t precision_ = 0;
};

} // namespace tradenode
