#include "tradenode/messages/identifiers.hpp"

#include <algorithm>

namespace tradenode {

namespace {

constexpr size_t max_identifier_length = 128;
constexpr size_t max_trade_id_length = 36;

caf::error invalid(const char* kind, std::string_view value, const char* rule) {
  return caf::make_error(errc::invalid_argument, std::string{kind} + " \""
                                                   + std::string{value}
                                                   + "\": " + rule);
}

} // namespace

namespace detail {

caf::error validate_identifier(const char* kind, std::string_view value) {
  if (value.empty())
    return invalid(kind, value, "must not be empty");
  if (value.size() > max_identifier_length)
    return invalid(kind, value.substr(0, 32), "longer than 128 characters");
  auto printable = [](char c) { return c > ' ' && c < 127; };
  if (!std::all_of(value.begin(), value.end(), printable))
    return invalid(kind, value,
                   "must be printable ASCII without spaces or control characters");
  return caf::none;
}

caf::error validate_compound_identifier(const char* kind, std::string_view value,
                                        char separator, const char* shape) {
  if (auto err = validate_identifier(kind, value))
    return err;
  auto pos = value.rfind(separator);
  if (pos == std::string_view::npos || pos == 0 || pos + 1 == value.size())
    return invalid(kind, value, shape);
  return caf::none;
}

} // namespace detail

caf::error trader_id_tag::validate(std::string_view value) {
  return detail::validate_compound_identifier(name, value, '-',
                                              "must have the form NAME-TAG");
}

caf::error strategy_id_tag::validate(std::string_view value) {
  // "EXTERNAL" owns orders found at a venue that no strategy submitted.
  if (value == "EXTERNAL")
    return caf::none;
  return detail::validate_compound_identifier(name, value, '-',
                                              "must have the form NAME-TAG");
}

caf::error instrument_id_tag::validate(std::string_view value) {
  return detail::validate_compound_identifier(name, value, '.',
                                              "must have the form SYMBOL.VENUE");
}

caf::error venue_tag::validate(std::string_view value) {
  return detail::validate_identifier(name, value);
}

caf::error client_id_tag::validate(std::string_view value) {
  return detail::validate_identifier(name, value);
}

caf::error account_id_tag::validate(std::string_view value) {
  return detail::validate_compound_identifier(name, value, '-',
                                              "must have the form ISSUER-NUMBER");
}

caf::error client_order_id_tag::validate(std::string_view value) {
  return detail::validate_identifier(name, value);
}

caf::error venue_order_id_tag::validate(std::string_view value) {
  return detail::validate_identifier(name, value);
}

caf::error trade_id_tag::validate(std::string_view value) {
  if (auto err = detail::validate_identifier(name, value))
    return err;
  if (value.size() > max_trade_id_length)
    return invalid(name, value, "longer than 36 characters");
  return caf::none;
}

caf::error position_id_tag::validate(std::string_view value) {
  return detail::validate_identifier(name, value);
}

std::string_view symbol_of(const instrument_id& id) {
  std::string_view text = id.value();
  return text.substr(0, text.rfind('.'));
}

std::string_view venue_text_of(const instrument_id& id) {
  std::string_view text = id.value();
  return text.substr(text.rfind('.') + 1);
}

venue venue_of(const instrument_id& id) {
  if (id.empty())
    return venue{};
  return venue::of(std::string{venue_text_of(id)});
}

} // namespace tradenode
