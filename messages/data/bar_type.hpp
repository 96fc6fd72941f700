#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <caf/expected.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"

namespace tradenode {

/// What a bar summarizes: instrument, step and aggregation (1-MINUTE, 100-TICK),
/// the price it is built from, and who builds it. Text form as NautilusTrader:
/// "BTCUSDT.BINANCE-1-MINUTE-LAST-EXTERNAL".
struct bar_type {
  tradenode::instrument_id instrument_id;
  uint32_t step = 1;
  bar_aggregation aggregation = bar_aggregation::minute;
  tradenode::price_type price_type = tradenode::price_type::last;
  aggregation_source source = aggregation_source::external;

  friend auto operator<=>(const bar_type&, const bar_type&) = default;

  /// Parses the text form; the error names the text and the part that is wrong.
  [[nodiscard]] static caf::expected<bar_type> parse(std::string_view text);

  friend std::string to_string(const bar_type& x);

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, bar_type& x) {
    return f(caf::meta::type_name("bar_type"), x.instrument_id, x.step,
             x.aggregation, x.price_type, x.source);
  }

  /// JSON form: the text form.
  friend void to_json(nlohmann::json& j, const bar_type& x);
  friend void from_json(const nlohmann::json& j, bar_type& x);
};

} // namespace tradenode
