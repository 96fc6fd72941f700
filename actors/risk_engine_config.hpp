#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <caf/expected.hpp>
#include <caf/timespan.hpp>

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"

namespace tradenode {

/// At most `limit` commands per `interval`, as NautilusTrader's
/// "100/00:00:01" rate strings.
struct rate_limit {
  uint32_t limit = 100;
  caf::timespan interval = std::chrono::seconds{1};

  /// Parses "LIMIT/HH:MM:SS" (limit > 0, interval > 0); the error names the text.
  [[nodiscard]] static caf::expected<rate_limit> parse(std::string_view text);

  friend bool operator==(const rate_limit&, const rate_limit&) = default;
};

/// Returns the "LIMIT/HH:MM:SS" form.
std::string to_string(const rate_limit& x);

/// The risk engine's settings (config section `risk_engine`).
struct risk_engine_config {
  /// Skip every pre-trade check (tests only). Default false.
  bool bypass = false;
  /// Submits allowed per interval, over all strategies. Default 100/00:00:01.
  rate_limit max_order_submit;
  /// Modifies allowed per interval, over all strategies. Default 100/00:00:01.
  rate_limit max_order_modify;
  /// Largest notional of one order per instrument, in its quote currency, at
  /// the order's price (market orders: the touch). Default none.
  std::map<instrument_id, money::amount_type> max_notional_per_order;
};

} // namespace tradenode
