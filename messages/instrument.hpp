#pragma once

#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "tradenode/messages/currency.hpp"
#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/fee_rate.hpp"
#include "tradenode/messages/fixed_point.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// A tradable instrument: a currency pair (spot), a perpetual swap or an equity.
struct instrument {
  instrument_id id;
  /// The venue's own symbol (e.g. "BTCUSDT").
  std::string raw_symbol;
  instrument_kind kind = instrument_kind::currency_pair;
  /// Base currency of pairs and perpetuals; empty for equities.
  caf::optional<currency> base_currency;
  /// Currency prices are quoted in.
  currency quote_currency;
  /// Currency PnL and margin settle in (the quote currency for linear contracts).
  currency settlement_currency;
  uint8_t price_precision = 0;
  uint8_t size_precision = 0;
  /// Smallest price step; carries price_precision.
  price price_increment;
  /// Smallest size step; carries size_precision.
  quantity size_increment;
  /// Smallest order quantity allowed; empty for none.
  caf::optional<quantity> min_quantity;
  /// Largest order quantity allowed; empty for none.
  caf::optional<quantity> max_quantity;
  fee_rate maker_fee;
  fee_rate taker_fee;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const instrument&, const instrument&) = default;
};

TRADENODE_REFLECT(instrument, id, raw_symbol, kind, base_currency, quote_currency,
                  settlement_currency, price_precision, size_precision,
                  price_increment, size_increment, min_quantity, max_quantity,
                  maker_fee, taker_fee, ts_event, ts_init)

/// Checks an instrument's internal consistency (precisions match increments,
/// increments positive, min <= max, base currency set unless an equity);
/// the error names the instrument and the field.
[[nodiscard]] caf::error validate(const instrument& x);

/// Returns whether `px` is a whole multiple of the instrument's price increment
/// and carries no more decimals than its price precision.
bool is_valid_price(const instrument& x, price px);

/// Returns whether `qty` is a whole multiple of the instrument's size increment
/// and carries no more decimals than its size precision.
bool is_valid_quantity(const instrument& x, quantity qty);

} // namespace tradenode
