#include "tradenode/actors/bar_aggregator.hpp"

#include <algorithm>

namespace tradenode {

namespace {

constexpr unix_nanos nanos_per_second = 1'000'000'000;

unix_nanos unit_nanos(bar_aggregation x) {
  switch (x) {
    case bar_aggregation::second:
      return nanos_per_second;
    case bar_aggregation::minute:
      return 60 * nanos_per_second;
    case bar_aggregation::hour:
      return 3600 * nanos_per_second;
    case bar_aggregation::day:
      return 86400 * nanos_per_second;
    default:
      return 0;
  }
}

// The mean of two fixed-point values, exact to 9 decimals.
template <class T>
T mean(T x, T y) {
  auto raw = detail::divide_rounded(static_cast<detail::int128>(x.raw()) + y.raw(), 2);
  return T::exact(static_cast<int64_t>(raw), std::max(x.precision(), y.precision()));
}

} // namespace

bar_aggregator::bar_aggregator(bar_type type)
  : type_(std::move(type)), interval_(unit_nanos(type_.aggregation) * type_.step) {
  // nop
}

bool bar_aggregator::uses_trades() const noexcept {
  return type_.price_type == price_type::last;
}

caf::optional<bar> bar_aggregator::update(const quote_tick& x) {
  switch (type_.price_type) {
    case price_type::bid:
      return add(x.bid_price, x.bid_size, x.ts_event, x.ts_init);
    case price_type::ask:
      return add(x.ask_price, x.ask_size, x.ts_event, x.ts_init);
    case price_type::mid:
      return add(mean(x.bid_price, x.ask_price), mean(x.bid_size, x.ask_size), x.ts_event,
                 x.ts_init);
    default:
      return caf::none;
  }
}

caf::optional<bar> bar_aggregator::update(const trade_tick& x) {
  if (!uses_trades())
    return caf::none;
  return add(x.price, x.size, x.ts_event, x.ts_init);
}

bar bar_aggregator::close(unix_nanos ts_event, unix_nanos ts_init) {
  open_ = false;
  if (interval_ != 0)
    closed_until_ = ts_event;
  bar result{type_,     open_px_, high_,    low_,
             close_px_, quantity::exact(volume_raw_, volume_precision_),
             ts_event,  ts_init,  ticks_};
  ticks_ = 0;
  return result;
}

caf::optional<bar> bar_aggregator::close_due(unix_nanos now) {
  if (interval_ == 0 || !open_ || now <= window_end_)
    return caf::none;
  return close(window_end_, now);
}

caf::optional<bar> bar_aggregator::flush(unix_nanos now) {
  if (interval_ == 0 || !open_)
    return caf::none;
  return close(window_end_, std::max(now, window_end_));
}

caf::optional<bar> bar_aggregator::add(price px, quantity size, unix_nanos ts_event,
                                       unix_nanos ts_init) {
  caf::optional<bar> completed;
  if (interval_ != 0 && open_ && ts_event > window_end_)
    completed = close(window_end_, ts_init);
  if (!open_) {
    open_ = true;
    open_px_ = high_ = low_ = px;
    volume_raw_ = 0;
    volume_precision_ = size.precision();
    // The window (end - interval, end] holding ts_event, or the first one
    // still open for a late tick.
    if (interval_ != 0) {
      auto t = std::max(ts_event, closed_until_ + 1);
      window_end_ = t % interval_ == 0 ? t : t - t % interval_ + interval_;
    }
  }
  high_ = std::max(high_, px);
  low_ = std::min(low_, px);
  close_px_ = px;
  volume_raw_ += size.raw();
  volume_precision_ = std::max(volume_precision_, size.precision());
  ++ticks_;
  if (interval_ == 0 && ticks_ >= type_.step)
    completed = close(ts_event, ts_init);
  return completed;
}

} // namespace tradenode
