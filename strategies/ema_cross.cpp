#include "tradenode/strategies/ema_cross.hpp"

#include "tradenode/strategies/strategy_settings.hpp"

namespace tradenode::strategies {

ema_cross::ema_cross(const nlohmann::json& settings) {
  strategy_settings read{settings, {"instrument_id", "trade_size", "fast_period", "slow_period"}};
  instrument_ = read.instrument_id("instrument_id");
  trade_size_ = read.positive_quantity("trade_size");
  auto fast = read.integer_or("fast_period", fast_period_);
  auto slow = read.integer_or("slow_period", slow_period_);
  read.require(fast >= 1 && fast <= 100'000, "fast_period", "must be 1..100000");
  read.require(slow > fast && slow <= 100'000, "slow_period",
               "must be above fast_period and at most 100000");
  read.finish();
  fast_period_ = static_cast<int>(fast);
  slow_period_ = static_cast<int>(slow);
  fast_ = indicators::ema{static_cast<size_t>(fast)};
  slow_ = indicators::ema{static_cast<size_t>(slow)};
}

std::vector<instrument_id> ema_cross::instruments() const {
  return {instrument_};
}

void ema_cross::on_start() {
  subscribe_quotes(instrument_);
}

void ema_cross::on_quote(const quote_tick& q) {
  auto was_above = fast_.value() > slow_.value();
  fast_.handle(q);
  slow_.handle(q);
  // Warm one quote after the slow average: `was_above` is then warm too.
  bool warm = slow_.count() > static_cast<size_t>(slow_period_);
  if (!warm || !open_orders(instrument_).empty())
    return;
  auto is_above = fast_.value() > slow_.value();
  if (is_above != was_above)
    go_to(is_above ? trade_size_.raw() : -trade_size_.raw());
}

void ema_cross::go_to(int64_t target) {
  int64_t current = 0;
  if (auto* held = position(instrument_))
    current = held->side == position_side::long_side ? held->quantity.raw()
                                                     : -held->quantity.raw();
  auto delta = target - current;
  if (delta == 0)
    return;
  auto qty = quantity::exact(delta > 0 ? delta : -delta, trade_size_.precision());
  submit_order(order_factory().market(instrument_, delta > 0 ? order_side::buy
                                                             : order_side::sell,
                                      qty));
}

void ema_cross::on_order_filled(const order_filled& x) {
  ++fills_;
  log().info("{} filled {} {} @ {}", x.client_order_id.value(), to_string(x.side),
             to_string(x.last_qty), to_string(x.last_px));
}

void ema_cross::on_stop() {
  log().info("EMA cross stopping after {} fill(s)", fills_);
}

} // namespace tradenode::strategies
