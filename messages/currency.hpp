#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

namespace tradenode {

/// A currency or asset: its code ("USD", "BTC") and the decimals its amounts carry.
class currency {
public:
  currency() = default;

  /// Returns the currency `code` (1-16 of A-Z, 0-9) with `precision` decimals
  /// (0-9). A known code (see `known`) must come with its own precision.
  [[nodiscard]] static caf::expected<currency> make(std::string code,
                                                    uint8_t precision);

  /// Returns a known currency by code: the ISO 4217 currencies with their
  /// minor units (USD 2, JPY 0, KWD 3, ...) and common crypto assets with 8
  /// decimals (BTC, ETH, USDT, USDC, ...); errors name an unknown code.
  [[nodiscard]] static caf::expected<currency> known(std::string_view code);

  /// Returns whether `code` is a known currency.
  static bool is_known(std::string_view code);

  /// Returns a well-known currency; throws std::invalid_argument for an unknown
  /// code (for constants and tests, not for input).
  static currency of(std::string_view code);

  const std::string& code() const noexcept {
    return code_;
  }

  uint8_t precision() const noexcept {
    return precision_;
  }

  friend auto operator<=>(const currency&, const currency&) = default;
  friend bool operator==(const currency&, const currency&) = default;

  friend std::string to_string(const currency& x) {
    return x.code_;
  }

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, currency& x) {
    auto validate = [&x]() -> caf::error {
      return validate_currency(x.code_, x.precision_);
    };
    return f(caf::meta::type_name("currency"), x.code_, x.precision_,
             caf::meta::load_callback(validate));
  }

  /// JSON form: {"code": "USD", "precision": 2}.
  friend void to_json(nlohmann::json& j, const currency& x);
  friend void from_json(const nlohmann::json& j, currency& x);

private:
  static caf::error validate_currency(std::string_view code, uint8_t precision);

  currency(std::string code, uint8_t precision)
    : code_(std::move(code)), precision_(precision) {
    // nop
  }

  std::string code_;
  uint8_t precision_ = 0;
};

} // namespace tradenode
