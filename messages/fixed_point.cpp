#include "tradenode/messages/fixed_point.hpp"

#include <array>
#include <limits>

namespace tradenode::detail {

namespace {

constexpr std::array<int64_t, 10> powers_of_ten = {
  1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000,
  1'000'000'000};

caf::error fixed_error(errc code, const char* kind, std::string_view detail) {
  return caf::make_error(code, std::string{kind} + " " + std::string{detail});
}

} // namespace

int128 divide_rounded(int128 numerator, int128 denominator) {
  auto quotient = numerator / denominator;
  auto remainder = numerator % denominator;
  if (2 * (remainder < 0 ? -remainder : remainder) >= denominator)
    quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

caf::error validate_fixed(const char* kind, int64_t raw, uint8_t precision,
                          bool allow_negative) {
  if (precision > fixed_precision)
    return fixed_error(errc::invalid_argument, kind,
                       "precision " + std::to_string(precision)
                         + " exceeds the maximum of 9");
  // INT64_MIN is excluded so that every value can be negated.
  if (raw == std::numeric_limits<int64_t>::min())
    return fixed_error(errc::overflow, kind, "raw value out of range");
  if (raw < 0 && !allow_negative)
    return fixed_error(errc::invalid_argument, kind,
                       format_fixed(raw, precision) + " must not be negative");
  if (raw % powers_of_ten[fixed_precision - precision] != 0)
    return fixed_error(errc::invalid_argument, kind,
                       "raw value " + std::to_string(raw)
                         + " has more than " + std::to_string(precision)
                         + " decimals");
  return caf::none;
}

caf::expected<int64_t> parse_fixed(const char* kind, std::string_view text,
                                   uint8_t& precision) {
  auto bad = [&](const char* why) {
    // Appended, not `"\"" + std::string{text}`: GCC 12 at -O3 reports a
    // false -Wrestrict inside the inlined operator+ of that form.
    std::string message{"\""};
    message.append(text);
    message += "\": ";
    message += why;
    return fixed_error(errc::parse_failure, kind, message);
  };
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  auto point = rest.find('.');
  auto integer_digits = rest.substr(0, point);
  auto fraction_digits = point == std::string_view::npos ? std::string_view{}
                                                         : rest.substr(point + 1);
  if (integer_digits.empty() || (point != std::string_view::npos
                                 && fraction_digits.empty()))
    return bad("expected digits[.digits]");
  if (fraction_digits.size() > fixed_precision)
    return bad("more than 9 decimal places");
  constexpr auto max = std::numeric_limits<int64_t>::max();
  int64_t integer = 0;
  for (char c : integer_digits) {
    if (c < '0' || c > '9')
      return bad("expected digits[.digits]");
    if (integer > (max - (c - '0')) / 10)
      return bad("out of range");
    integer = integer * 10 + (c - '0');
  }
  int64_t fraction = 0;
  for (char c : fraction_digits) {
    if (c < '0' || c > '9')
      return bad("expected digits[.digits]");
    fraction = fraction * 10 + (c - '0');
  }
  precision = static_cast<uint8_t>(fraction_digits.size());
  fraction *= powers_of_ten[fixed_precision - precision];
  if (integer > (max - fraction) / fixed_scalar)
    return bad("out of range");
  auto raw = integer * fixed_scalar + fraction;
  return negative ? -raw : raw;
}

std::string format_fixed(int64_t raw, uint8_t precision) {
  std::string result;
  // Work on the unsigned magnitude so that any raw value prints.
  auto magnitude = raw < 0 ? 0 - static_cast<uint64_t>(raw)
                           : static_cast<uint64_t>(raw);
  if (raw < 0)
    result += '-';
  result += std::to_string(magnitude / fixed_scalar);
  if (precision > 0 && precision <= fixed_precision) {
    auto fraction = std::to_string(magnitude % fixed_scalar);
    fraction.insert(0, fixed_precision - fraction.size(), '0');
    result += '.';
    result.append(fraction, 0, precision);
  }
  return result;
}

caf::expected<int64_t> add_fixed(const char* kind, int64_t lhs, int64_t rhs,
                                 uint8_t lhs_precision, uint8_t rhs_precision,
                                 const char* op) {
  if (lhs_precision != rhs_precision)
    return fixed_error(errc::precision_mismatch, kind,
                       format_fixed(lhs, lhs_precision) + " " + op + " "
                         + format_fixed(op[0] == '-' ? -rhs : rhs, rhs_precision)
                         + ": precisions " + std::to_string(lhs_precision)
                         + " and " + std::to_string(rhs_precision) + " differ");
  int64_t result = 0;
  if (__builtin_add_overflow(lhs, rhs, &result)
      || result == std::numeric_limits<int64_t>::min())
    return fixed_error(errc::overflow, kind,
                       format_fixed(lhs, lhs_precision) + " " + op + " "
                         + format_fixed(op[0] == '-' ? -rhs : rhs, rhs_precision)
                         + " overflows");
  return result;
}

} // namespace tradenode::detail
