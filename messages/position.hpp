#pragma once

#include <vector>

#include <caf/expected.hpp>

#include "tradenode/messages/events/order_filled.hpp"
#include "tradenode/messages/events/position_event.hpp"
#include "tradenode/messages/instrument.hpp"

namespace tradenode {

/// Returns the netting position id of a strategy on an instrument:
/// "<instrument>-<strategy>" (one position per instrument and strategy).
position_id netting_position_id(const instrument_id& instrument, const strategy_id& strategy);

/// A position under a netting OMS: one per (instrument, strategy), built from
/// fills. It opens, grows, shrinks, closes and flips; each life (open to
/// close) has its own average prices and realized PnL in the instrument's
/// settlement currency, commissions in that currency deducted.
class position {
public:
  position(position_id id, const instrument& instr);

  /// Applies `fill` and returns the events it caused: OPENED, CHANGED or
  /// CLOSED, or CLOSED then OPENED when the fill flips the position (the
  /// commission is split pro rata). The events' event_id is left for the
  /// caller to set. Errors (a fill of another instrument, overflow) change
  /// nothing.
  [[nodiscard]] caf::expected<std::vector<position_event>> apply(const order_filled& fill);

  const position_id& id() const noexcept {
    return id_;
  }

  position_side side() const noexcept;

  /// Returns the open quantity (zero when flat).
  tradenode::quantity quantity() const;

  /// Returns the open quantity, positive long, negative short, scaled by 10^9.
  int64_t signed_raw() const noexcept {
    return net_raw_;
  }

  bool is_open() const noexcept {
    return net_raw_ != 0;
  }

  /// Returns the last event applied (none before the first fill).
  const caf::optional<position_event>& last_event() const noexcept {
    return last_;
  }

private:
  position_event make_event(position_event_kind kind, const order_filled& fill) const;
  caf::expected<money> pnl_of(int64_t closed_raw, price px) const;
  caf::error open(const order_filled& fill, tradenode::quantity qty, const money& commission);
  caf::error reduce(const order_filled& fill, int64_t qty_raw, const money& commission);
  caf::error deduct(const money& commission);

  position_id id_;
  instrument instrument_;
  // Signed open quantity; positive long.
  int64_t net_raw_ = 0;
  order_side entry_ = order_side::no_order_side;
  client_order_id opening_order_id_;
  account_id account_id_;
  // Sums of px.raw * qty.raw over opening and closing fills, for exact averages.
  detail::int128 open_notional_ = 0;
  int64_t opened_raw_ = 0;
  detail::int128 close_notional_ = 0;
  int64_t closed_raw_ = 0;
  money realized_;
  unix_nanos ts_opened_ = 0;
  caf::optional<position_event> last_;
};

} // namespace tradenode
