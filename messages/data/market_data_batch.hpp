#pragma once

#include <vector>

#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

/// Several quotes in one message, oldest first: a feed sends them when it has
/// many at once (a replay, a burst), and the data engine sends them to a
/// subscriber that fell behind. One message per batch instead of per tick is
/// what makes fan-out cheap; a single quote still travels as a quote_tick.
struct quote_batch {
  std::vector<quote_tick> ticks;

  friend bool operator==(const quote_batch&, const quote_batch&) = default;
};

TRADENODE_REFLECT(quote_batch, ticks)

/// Several trades in one message, oldest first (see quote_batch).
struct trade_batch {
  std::vector<trade_tick> ticks;

  friend bool operator==(const trade_batch&, const trade_batch&) = default;
};

TRADENODE_REFLECT(trade_batch, ticks)

} // namespace tradenode
