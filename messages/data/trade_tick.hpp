#pragma once

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// A trade printed by a venue.
struct trade_tick {
  tradenode::instrument_id instrument_id;
  tradenode::price price;
  quantity size;
  tradenode::aggressor_side aggressor_side = tradenode::aggressor_side::no_aggressor;
  tradenode::trade_id trade_id;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const trade_tick&, const trade_tick&) = default;
};

TRADENODE_REFLECT(trade_tick, instrument_id, price, size, aggressor_side, trade_id, ts_event,
                  ts_init)

} // namespace tradenode
