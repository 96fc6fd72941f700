#include "tradenode/messages/currency.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

// ISO 4217 codes with their minor units, then crypto assets with NautilusTrader's
// precision (8). A currency is its code: a code here always has these decimals.
constexpr std::pair<std::string_view, uint8_t> known_currencies[] = {
  // ISO 4217
  {"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BGN", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2},
  {"CHF", 2}, {"CLP", 0}, {"CNH", 2}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DKK", 2},
  {"EGP", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2},
  {"INR", 2}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"MXN", 2},
  {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PHP", 2}, {"PKR", 2},
  {"PLN", 2}, {"QAR", 2}, {"RON", 2}, {"RUB", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2},
  {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0},
  {"ZAR", 2},
  // crypto
  {"ADA", 8}, {"AVAX", 8}, {"BCH", 8}, {"BNB", 8}, {"BTC", 8}, {"BUSD", 8}, {"DAI", 8},
  {"DOGE", 8}, {"DOT", 8}, {"ETH", 8}, {"FDUSD", 8}, {"LINK", 8}, {"LTC", 8}, {"MATIC", 8},
  {"SOL", 8}, {"TRX", 8}, {"TUSD", 8}, {"USDC", 8}, {"USDT", 8}, {"XBT", 8}, {"XRP", 8},
};

const std::pair<std::string_view, uint8_t>* find_known(std::string_view code) {
  for (auto& entry : known_currencies)
    if (entry.first == code)
      return &entry;
  return nullptr;
}

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
  // One code, one precision: a second precision would be a second currency
  // that no balance or position of the first ever matches.
  if (auto* entry = find_known(code); entry && entry->second != precision)
    return caf::make_error(errc::invalid_argument,
                           "currency " + std::string{code} + " has "
                             + std::to_string(entry->second) + " decimals, not "
                             + std::to_string(precision));
  return caf::none;
}

caf::expected<currency> currency::make(std::string code, uint8_t precision) {
  if (auto err = validate_currency(code, precision))
    return err;
  return currency{std::move(code), precision};
}

caf::expected<currency> currency::known(std::string_view code) {
  if (auto* entry = find_known(code))
    return currency{std::string{code}, entry->second};
  return caf::make_error(errc::invalid_argument,
                         "currency \"" + std::string{code} + "\": unknown code");
}

bool currency::is_known(std::string_view code) {
  return find_known(code) != nullptr;
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
      throw json_error("", context_of(known.error()) + " (write {\"code\", \"precision\"})");
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
    throw json_error("", context_of(result.error()));
  x = std::move(*result);
}

} // namespace tradenode
