#include "tradenode/messages/money.hpp"

#include <limits>
#include <stdexcept>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

caf::error money::check(const amount_type& amount, const currency& ccy) {
  if (amount.precision() != ccy.precision())
    return caf::make_error(errc::precision_mismatch,
                           "money " + to_string(amount) + " " + ccy.code()
                             + ": amount has " + std::to_string(amount.precision())
                             + " decimals, currency has "
                             + std::to_string(ccy.precision()));
  return caf::none;
}

caf::expected<money> money::make(amount_type amount, currency ccy) {
  if (auto err = check(amount, ccy))
    return err;
  return money{amount, std::move(ccy)};
}

caf::expected<money> money::parse(std::string_view text) {
  auto space = text.find(' ');
  if (space == std::string_view::npos)
    return caf::make_error(errc::parse_failure,
                           "money \"" + std::string{text}
                             + "\": expected \"<amount> <currency>\"");
  auto amount = amount_type::parse(text.substr(0, space));
  if (!amount)
    return std::move(amount.error());
  auto code = std::string{text.substr(space + 1)};
  if (!currency::is_known(code)) {
    // Another code carries the decimals written (the form to_string gives).
    auto ccy = currency::make(std::move(code), amount->precision());
    if (!ccy)
      return std::move(ccy.error());
    return money{*amount, std::move(*ccy)};
  }
  auto ccy = *currency::known(code);
  return money::rescale(*amount, ccy, text);
}

caf::expected<money> money::rescale(amount_type amount, const currency& ccy,
                                    std::string_view text) {
  if (amount.precision() > ccy.precision())
    return caf::make_error(errc::invalid_argument,
                           "money \"" + std::string{text} + "\": "
                             + std::to_string(amount.precision()) + " decimals, but "
                             + ccy.code() + " has " + std::to_string(ccy.precision()));
  auto exact = amount_type::from_raw(amount.raw(), ccy.precision());
  if (!exact)
    return std::move(exact.error());
  return money{*exact, ccy};
}

money money::zero(const currency& ccy) {
  return money{*amount_type::from_raw(0, ccy.precision()), ccy};
}

money money::of(std::string_view text) {
  auto result = parse(text);
  if (!result)
    throw std::invalid_argument(describe(result.error()));
  return std::move(*result);
}

namespace {

caf::expected<money> combine(const money& x, const money& y, bool minus) {
  if (x.ccy() != y.ccy())
    return caf::make_error(errc::precision_mismatch,
                           to_string(x) + (minus ? " - " : " + ") + to_string(y)
                             + ": currencies differ");
  auto amount = minus ? subtract(x.amount(), y.amount()) : add(x.amount(), y.amount());
  if (!amount)
    return std::move(amount.error());
  return money::make(*amount, x.ccy());
}

} // namespace

caf::expected<money> add(const money& x, const money& y) {
  return combine(x, y, false);
}

caf::expected<money> subtract(const money& x, const money& y) {
  return combine(x, y, true);
}

std::string to_string(const money& x) {
  return to_string(x.amount_) + " " + x.currency_.code();
}

void to_json(nlohmann::json& j, const money& x) {
  j = to_string(x);
}

void from_json(const nlohmann::json& j, money& x) {
  if (!j.is_object()) {
    detail::from_json_string(j, x, "a string \"<amount> <currency>\"", money::parse);
    return;
  }
  // {"amount": "100", "currency": {"code": "XYZ", "precision": 4}}: money of
  // a currency the table does not know, with its precision.
  detail::strict_object_reader reader{j};
  money::amount_type amount;
  currency ccy;
  reader.read("amount", amount);
  reader.read("currency", ccy);
  reader.finish();
  auto result = money::rescale(amount, ccy, to_string(amount) + " " + ccy.code());
  if (!result)
    throw json_error("", context_of(result.error()));
  x = std::move(*result);
}

namespace {

// Turns a product of two raw values (scaled by 10^18) into money of `ccy`,
// rounded half away from zero to its decimals; `what()` names it in errors
// (called only then: these run on every fill, and the name costs allocations).
template <class What>
caf::expected<money> money_of_product(detail::int128 product, const currency& ccy,
                                      What what) {
  detail::int128 step = fixed_scalar;
  for (int i = ccy.precision(); i < fixed_precision; ++i)
    step *= 10;
  auto units = detail::divide_rounded(product, step);
  detail::int128 raw = units * (step / fixed_scalar);
  if (raw > std::numeric_limits<int64_t>::max()
      || raw <= std::numeric_limits<int64_t>::min())
    return caf::make_error(errc::overflow, what() + " overflows " + ccy.code());
  auto amount = money::amount_type::from_raw(static_cast<int64_t>(raw), ccy.precision());
  if (!amount)
    return std::move(amount.error());
  return money::make(*amount, ccy);
}

} // namespace

caf::expected<money> notional(price px, quantity qty, const currency& ccy) {
  // Both raws are scaled by 10^9: the product is scaled by 10^18. Rescale to
  // 10^9 and round to the currency's decimals in one division.
  return money_of_product(static_cast<detail::int128>(px.raw()) * qty.raw(), ccy, [&] {
    return "notional " + to_string(px) + " * " + to_string(qty);
  });
}

caf::expected<money> fee(const money& value, fee_rate rate) {
  return money_of_product(static_cast<detail::int128>(value.amount().raw()) * rate.raw(),
                          value.ccy(),
                          [&] { return "fee " + to_string(value) + " * " + to_string(rate); });
}

} // namespace tradenode
