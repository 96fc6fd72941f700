#pragma once

#include "tradenode/messages/data/bar_type.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// Open, high, low, close and volume of one bar; ts_event is the bar's close time.
struct bar {
  tradenode::bar_type bar_type;
  price open;
  price high;
  price low;
  price close;
  quantity volume;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const bar&, const bar&) = default;
};

TRADENODE_REFLECT(bar, bar_type, open, high, low, close, volume, ts_event, ts_init)

} // namespace tradenode
