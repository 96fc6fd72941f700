#pragma once

#include "tradenode/messages/data/bar.hpp"
#include "tradenode/messages/data/trade_tick.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode::indicators {

/// Volume-weighted average price of the current UTC day: sum(price * volume)
/// / sum(volume), from trades (price, size) or bars (typical price
/// (high + low + close) / 3, volume); it starts afresh when `ts_event` enters
/// a new UTC day. Initialized once it has volume.
class vwap {
public:
  void handle(const trade_tick& x) {
    update(x.price.as_double(), x.size.as_double(), x.ts_event);
  }
  void handle(const bar& x) {
    update((x.high.as_double() + x.low.as_double() + x.close.as_double()) / 3,
           x.volume.as_double(), x.ts_event);
  }
  void update(double price, double volume, unix_nanos ts);
  bool initialized() const {
    return volume_ > 0;
  }
  /// 0 before any volume.
  double value() const {
    return volume_ > 0 ? notional_ / volume_ : 0.0;
  }

private:
  unix_nanos day_ = 0;
  double notional_ = 0;
  double volume_ = 0;
};

} // namespace tradenode::indicators
