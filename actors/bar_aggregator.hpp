#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/data/bar.hpp"
#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"

namespace tradenode {

/// Builds the bars of one bar type from ticks. Time bars (SECOND, MINUTE,
/// HOUR, DAY) follow the ticks' ts_event: a window [k*step, (k+1)*step) closes
/// when the first tick of a later window arrives, and the bar's ts_event is
/// the window's end; windows without ticks make no bar. Tick bars close with
/// every `step`-th tick. BID, ASK and MID bars take quotes (volume: bid size,
/// ask size, or their mean), LAST bars take trades.
class bar_aggregator {
public:
  explicit bar_aggregator(bar_type type);

  /// Feeds a quote; returns the bar it completed, if any.
  caf::optional<bar> update(const quote_tick& x);

  /// Feeds a trade; returns the bar it completed, if any.
  caf::optional<bar> update(const trade_tick& x);

  const tradenode::bar_type& type() const noexcept {
    return type_;
  }

  /// Returns whether the bars are built from trades (LAST) rather than quotes.
  bool uses_trades() const noexcept;

private:
  caf::optional<bar> add(price px, quantity size, unix_nanos ts_event, unix_nanos ts_init);
  bar close(unix_nanos ts_event, unix_nanos ts_init);

  tradenode::bar_type type_;
  // Window length in nanoseconds for time bars; 0 for tick bars.
  unix_nanos interval_ = 0;
  bool open_ = false;
  unix_nanos window_end_ = 0;
  uint32_t ticks_ = 0;
  price open_px_;
  price high_;
  price low_;
  price close_px_;
  int64_t volume_raw_ = 0;
  uint8_t volume_precision_ = 0;
};

} // namespace tradenode
