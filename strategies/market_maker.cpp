#include "tradenode/strategies/market_maker.hpp"

#include <cstdlib>

#include "tradenode/strategies/strategy_settings.hpp"

namespace tradenode::strategies {

market_maker::market_maker(const nlohmann::json& settings) {
  strategy_settings read{settings, {"instrument_id", "trade_size", "offset_ticks",
                                    "requote_ticks", "max_position"}};
  instrument_ = read.instrument_id("instrument_id");
  trade_size_ = read.positive_quantity("trade_size");
  offset_ticks_ = read.integer_or("offset_ticks", offset_ticks_);
  requote_ticks_ = read.integer_or("requote_ticks", requote_ticks_);
  max_position_ = settings.contains("max_position")
                    ? read.positive_quantity("max_position")
                    : quantity::exact(3 * trade_size_.raw(), trade_size_.precision());
  read.require(offset_ticks_ >= 0 && offset_ticks_ <= 10'000, "offset_ticks",
               "must be 0..10000");
  read.require(requote_ticks_ >= 1 && requote_ticks_ <= 10'000, "requote_ticks",
               "must be 1..10000");
  read.require(max_position_.raw() >= trade_size_.raw(), "max_position",
               "must be at least trade_size");
  read.finish();
}

std::vector<instrument_id> market_maker::instruments() const {
  return {instrument_};
}

void market_maker::on_start() {
  subscribe_quotes(instrument_);
}

int64_t market_maker::signed_position() const {
  auto* held = position(instrument_);
  if (held == nullptr)
    return 0;
  return held->side == position_side::long_side ? held->quantity.raw() : -held->quantity.raw();
}

void market_maker::on_quote(const quote_tick& q) {
  // One price increment of the instrument, from the quote's precision.
  int64_t tick = 1;
  for (int i = q.bid_price.precision(); i < 9; ++i)
    tick *= 10;
  if (now() < paused_until_)
    return;
  auto mid = (q.bid_price.raw() + q.ask_price.raw()) / 2;
  bool quoting = !open_orders(instrument_).empty();
  if (quoting && std::llabs(mid - quoted_mid_) < requote_ticks_ * tick)
    return;
  if (quoting)
    cancel_all_orders(instrument_);
  quoted_mid_ = mid;
  auto held = signed_position();
  auto post = [&](order_side side, int64_t px_raw) {
    auto px = price::from_raw(px_raw, q.bid_price.precision());
    if (!px || px->raw() <= 0)
      return;
    submit_order(order_factory().limit(instrument_, side, trade_size_, *px,
                                       time_in_force::gtc, 0, /*post_only=*/true));
  };
  if (held + trade_size_.raw() <= max_position_.raw())
    post(order_side::buy, q.bid_price.raw() - offset_ticks_ * tick);
  if (held - trade_size_.raw() >= -max_position_.raw())
    post(order_side::sell, q.ask_price.raw() + offset_ticks_ * tick);
}

void market_maker::on_order_filled(const order_filled& x) {
  ++fills_;
  quoted_mid_ = 0; // requote at the next quote, with the new inventory
  log().info("{} filled {} {} @ {} ({})", x.client_order_id.value(), to_string(x.side),
             to_string(x.last_qty), to_string(x.last_px), to_string(x.liquidity_side));
}

void market_maker::on_order_denied(const order_denied& x) {
  log().warn("{} denied ({}): pausing quotes for a second", x.client_order_id.value(),
             x.reason);
  paused_until_ = now() + 1'000'000'000;
}

void market_maker::on_stop() {
  log().info("Market maker stopping after {} fill(s)", fills_);
}

} // namespace tradenode::strategies
