#pragma once

#include <compare>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/currency.hpp"
#include "tradenode/messages/fee_rate.hpp"
#include "tradenode/messages/fixed_point.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"

namespace tradenode {

struct money_amount_tag {
  static constexpr const char* name = "money";
  static constexpr bool allow_negative = true;
};

/// An amount of a currency, exact, carrying the currency's precision.
class money {
public:
  using amount_type = fixed_decimal<money_amount_tag>;

  money() = default;

  /// Returns `amount` of `ccy`; the amount's precision must equal the currency's.
  [[nodiscard]] static caf::expected<money> make(amount_type amount, currency ccy);

  /// Parses "123.45 USD". A known currency (currency::known) keeps its own
  /// precision: "100 USD", "100.0 USD" and "100.00 USD" are the same money,
  /// "100.001 USD" an error. Another code carries the decimals written.
  [[nodiscard]] static caf::expected<money> parse(std::string_view text);

  /// Returns `amount` in `ccy`'s precision; more decimals than `ccy` has is
  /// an error quoting `text`.
  [[nodiscard]] static caf::expected<money> rescale(amount_type amount, const currency& ccy,
                                                    std::string_view text);

  /// Returns zero of `ccy`.
  static money zero(const currency& ccy);

  /// Parses a known-good literal; throws std::invalid_argument on a bad one.
  static money of(std::string_view text);

  const amount_type& amount() const noexcept {
    return amount_;
  }

  const currency& ccy() const noexcept {
    return currency_;
  }

  friend bool operator==(const money&, const money&) = default;

  /// Returns `x + y`; currencies must match and the sum must fit.
  friend caf::expected<money> add(const money& x, const money& y);

  /// Returns `x - y`; currencies must match and the difference must fit.
  friend caf::expected<money> subtract(const money& x, const money& y);

  /// Returns "123.45 USD".
  friend std::string to_string(const money& x);

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, money& x) {
    auto validate = [&x]() -> caf::error { return check(x.amount_, x.currency_); };
    return f(caf::meta::type_name("money"), x.amount_, x.currency_,
             caf::meta::load_callback(validate));
  }

  /// JSON form: the string "123.45 USD"; read also from {"amount": "123.45",
  /// "currency": {"code": "XYZ", "precision": 2}} for a code not known.
  friend void to_json(nlohmann::json& j, const money& x);
  friend void from_json(const nlohmann::json& j, money& x);

private:
  static caf::error check(const amount_type& amount, const currency& ccy);

  money(amount_type amount, currency ccy)
    : amount_(amount), currency_(std::move(ccy)) {
    // nop
  }

  amount_type amount_;
  currency currency_;
};

/// Returns price * quantity in `ccy`, rounded half away from zero to the
/// currency's precision; errors on overflow.
[[nodiscard]] caf::expected<money> notional(price px, quantity qty,
                                            const currency& ccy);

/// Returns `value` times `rate` (a commission), rounded like notional().
[[nodiscard]] caf::expected<money> fee(const money& value, fee_rate rate);

} // namespace tradenode
