#pragma once

#include <nlohmann/json.hpp>

#include "tradenode/actors/strategy.hpp"

namespace tradenode::strategies {

/// A simple two-sided market maker: it rests a post-only limit buy
/// `offset_ticks` below the best bid and a post-only limit sell as far above
/// the best ask, each of `trade_size`. When the mid moves `requote_ticks` or
/// more from where it last quoted (or a quote filled), it cancels and quotes
/// again. It stops quoting the side that would take its position beyond
/// `max_position` either way, so its inventory stays bounded. When the risk
/// engine denies an order it pauses quoting for a second.
///
/// Settings: `instrument_id` and `trade_size` (required), `offset_ticks`
/// (default 1), `requote_ticks` (default 2), `max_position` (decimal string,
/// default 3 x trade_size). Bad settings throw json_error naming every bad
/// key.
class market_maker : public strategy {
public:
  explicit market_maker(const nlohmann::json& settings);

  std::vector<instrument_id> instruments() const override;
  void on_start() override;
  void on_quote(const quote_tick& q) override;
  void on_order_filled(const order_filled& x) override;
  void on_order_denied(const order_denied& x) override;
  void on_stop() override;

private:
  /// The signed position in raw quantity units (short negative).
  int64_t signed_position() const;

  instrument_id instrument_;
  quantity trade_size_;
  quantity max_position_;
  int64_t offset_ticks_ = 1;
  int64_t requote_ticks_ = 2;
  /// The mid (raw) the resting quotes were placed around; 0: none placed.
  int64_t quoted_mid_ = 0;
  int fills_ = 0;
  /// After a denial (e.g. the risk engine's rate limit) it waits until then.
  unix_nanos paused_until_ = 0;
};

} // namespace tradenode::strategies
