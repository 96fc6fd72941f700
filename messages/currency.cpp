#include "tradenode/messages/currency.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

constexpr std::array<std::pair<std::string_view, uint8_t>, 10> known_currencies = {{
  {"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"JPY", 0}, {"CHF", 2}, {"AUD", 2},
  {"USDT", 8}, {"USDC", 8}, {"BTC", 8}, {"ETH", 8},
}};

} // namespace

caf::error currency::validate_currency(std::string_view code, uint8_t precision) {
  auto valid_char = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (code.empty() || code.size() > 16
      || !std::all_of(code.begin(), code.end(), valid_char))
    return caf::make_error(errc::invalid_argument,
                           "currency \"" + std::string{code}
                             + "\": code must be 1-16 characters of A-Z and 0-9");
  if (precision > 9)
    return caf::make_error(errc::invalid_argument,
                           "currency " + std::string{code} + ": precision "
                             + std::to_string(precision) + " exceeds 9");
  return caf::none;
}

caf::expected<currency> currency::make(std::string code, uint8_t precision) {
  if (auto err = validate_currency(code, precision))
    return err;
  return currency{std::move(code), precision};
}

caf::expected<currency> currency::known(std::string_view code) {
  for (auto& [known_code, precision] : known_currencies)
    if (known_code == code)
      return currency{std::string{code}, precision};
  return caf::make_error(errc::invalid_argument,
                         "currency \"" + std::string{code} + "\": unknown code");
}

currency currency::of(std::string_view code) {
  auto result = known(code);
  if (!result)
    throw std::invalid_argument(describe(result.error()));
  return *result;
}

void to_json(nlohmann::json& j, const currency& x) {
  j = nlohmann::json{{"code", x.code_}, {"precision", x.precision_}};
}

void from_json(const nlohmann::json& j, currency& x) {
  // A known currency may be written by its code alone ("USDT").
  if (j.is_string()) {
    auto known = currency::known(j.get<std::string>());
    if (!known)
      throw json_error("", describe(known.error()) + " (write {\"code\", \"precision\"})");
    x = std::move(*known);
    return;
  }
  std::string code;
  uint8_t precision = 0;
  detail::strict_object_reader reader{j};
  reader.read("code", code);
  reader.read("precision", precision);
  reader.finish();
  auto result = currency::make(std::move(code), precision);
  if (!result)
    throw json_error("", describe(result.error()));
  x = std::move(*result);
}

} // namespace tradenode
