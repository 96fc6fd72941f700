#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/data/bar.hpp"
#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"

namespace tradenode {

/// Builds the bars of one bar type from ticks. Time bars (SECOND, MINUTE,
/// HOUR, DAY) follow the ticks' ts_event: a window covers
/// (k*step, (k+1)*step], as NautilusTrader's bars do, so a tick exactly on
/// the minute belongs to the bar that closes then; the bar's ts_event is the
/// window's end. A window closes when the node clock has passed its end
/// (`close_due`, which the data engine calls from a timer), when a tick of a
/// later window arrives, or when the data ends (`flush`); windows without
/// ticks make no bar; a tick that comes after its window closed goes into
/// the next one. Tick bars close with every `step`-th tick. BID, ASK and
/// MID bars take quotes (volume: bid size, ask size, or their mean), LAST
/// bars take trades. Every bar carries the number of ticks it was built from.
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

  /// Returns whether this builds time bars (which close on the clock).
  bool is_time_bar() const noexcept {
    return interval_ != 0;
  }

  /// The end of the open time bar's window; 0 when none is open.
  unix_nanos window_end() const noexcept {
    return open_ && interval_ != 0 ? window_end_ : 0;
  }

  /// Closes the open time bar if `now` (node time) is past its window's end.
  caf::optional<bar> close_due(unix_nanos now);

  /// Closes the open time bar whatever the time (the data ended).
  caf::optional<bar> flush(unix_nanos now);

private:
  caf::optional<bar> add(price px, quantity size, unix_nanos ts_event, unix_nanos ts_init);
  bar close(unix_nanos ts_event, unix_nanos ts_init);

  tradenode::bar_type type_;
  // Window length in nanoseconds for time bars; 0 for tick bars.
  unix_nanos interval_ = 0;
  bool open_ = false;
  unix_nanos window_end_ = 0;
  /// The end of the last window closed: a tick at or before it came late
  /// (after its bar closed on the clock) and goes into the next window.
  unix_nanos closed_until_ = 0;
  uint32_t ticks_ = 0;
  price open_px_;
  price high_;
  price low_;
  price close_px_;
  int64_t volume_raw_ = 0;
  uint8_t volume_precision_ = 0;
};

} // namespace tradenode
