#pragma once

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// The best bid and ask of an instrument at one moment.
struct quote_tick {
  tradenode::instrument_id instrument_id;
  price bid_price;
  price ask_price;
  quantity bid_size;
  quantity ask_size;
  /// When the venue published the quote.
  unix_nanos ts_event = 0;
  /// When tradenode created this object.
  unix_nanos ts_init = 0;

  friend bool operator==(const quote_tick&, const quote_tick&) = default;
};

TRADENODE_REFLECT(quote_tick, instrument_id, bid_price, ask_price, bid_size, ask_size,
                  ts_event, ts_init)

} // namespace tradenode
