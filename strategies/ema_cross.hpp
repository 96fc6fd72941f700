#pragma once

#include <nlohmann/json.hpp>

#include "tradenode/actors/strategy.hpp"
#include "tradenode/strategies/indicators/ema.hpp"

namespace tradenode::strategies {

/// A trend follower, NautilusTrader's EMACross: two exponential moving
/// averages of the mid price; when the fast one crosses above the slow one it
/// goes long `trade_size`, when it crosses below it goes short (closing the
/// opposite position first, with one market order of the difference).
///
/// Settings: `instrument_id` (required), `trade_size` (decimal string,
/// required), `fast_period` (default 10), `slow_period` (default 20, above
/// fast). Bad settings throw json_error naming every bad key.
class ema_cross : public strategy {
public:
  explicit ema_cross(const nlohmann::json& settings);

  std::vector<instrument_id> instruments() const override;
  void on_start() override;
  void on_quote(const quote_tick& q) override;
  void on_order_filled(const order_filled& x) override;
  void on_stop() override;

private:
  /// Sends a market order that takes the position to `target` (signed raw).
  void go_to(int64_t target);

  instrument_id instrument_;
  quantity trade_size_;
  int fast_period_ = 10;
  int slow_period_ = 20;
  indicators::ema fast_{10};
  indicators::ema slow_{20};
  int fills_ = 0;
};

} // namespace tradenode::strategies
