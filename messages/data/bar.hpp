#pragma once

#include "tradenode/messages/data/bar_type.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// Open, high, low, close and volume of one bar; ts_event is the bar's close
/// time (a time bar covers (ts_event - interval, ts_event]).
struct bar {
  tradenode::bar_type bar_type;
  price open;
  price high;
  price low;
  price close;
  quantity volume;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;
  /// The ticks the bar was built from; 0 for a bar a venue sent.
  uint32_t ticks = 0;

  friend bool operator==(const bar&, const bar&) = default;
};

TRADENODE_REFLECT(bar, bar_type, open, high, low, close, volume, ts_event, ts_init, ticks)

} // namespace tradenode
