#include "tradenode/messages/position.hpp"

#include <cstdlib>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

int64_t signed_qty(const order_filled& fill) {
  auto raw = fill.last_qty.raw();
  return fill.side == order_side::sell ? -raw : raw;
}

// Returns 10^(9 - decimals): one unit of the last decimal, scaled by 10^9.
int64_t unit_of(uint8_t decimals) {
  int64_t step = 1;
  for (auto i = decimals; i < fixed_precision; ++i)
    step *= 10;
  return step;
}

} // namespace

position_id netting_position_id(const instrument_id& instrument, const strategy_id& strategy) {
  return position_id::of(instrument.value() + "-" + strategy.value());
}

position::position(position_id id, const instrument& instr)
  : id_(std::move(id)),
    instrument_(instr),
    realized_(money::zero(instr.settlement_currency)) {
  // nop
}

position_side position::side() const noexcept {
  return net_raw_ > 0   ? position_side::long_side
         : net_raw_ < 0 ? position_side::short_side
                        : position_side::flat;
}

quantity position::quantity() const {
  return quantity::exact(std::llabs(net_raw_), instrument_.size_precision);
}

position_event position::make_event(position_event_kind kind,
                                    const order_filled& fill) const {
  position_event ev;
  ev.kind = kind;
  ev.trader_id = fill.trader_id;
  ev.strategy_id = fill.strategy_id;
  ev.instrument_id = instrument_.id;
  ev.position_id = id_;
  ev.account_id = account_id_;
  ev.opening_order_id = opening_order_id_;
  if (kind == position_event_kind::closed)
    ev.closing_order_id = fill.client_order_id;
  ev.entry = entry_;
  ev.side = side();
  ev.quantity = quantity();
  ev.last_qty = fill.last_qty;
  ev.last_px = fill.last_px;
  if (opened_raw_ != 0)
    ev.avg_px_open = price::exact(
      static_cast<int64_t>(detail::divide_rounded(open_notional_, opened_raw_)),
      instrument_.price_precision);
  if (closed_raw_ != 0)
    ev.avg_px_close = price::exact(
      static_cast<int64_t>(detail::divide_rounded(close_notional_, closed_raw_)),
      instrument_.price_precision);
  ev.realized_pnl = realized_;
  ev.ts_opened = ts_opened_;
  if (kind == position_event_kind::closed)
    ev.ts_closed = fill.ts_event;
  ev.ts_event = fill.ts_event;
  ev.ts_init = fill.ts_init;
  return ev;
}

caf::error position::deduct(const money& commission) {
  // A commission in another currency is not part of this position's PnL.
  if (commission.ccy().code() != realized_.ccy().code())
    return caf::none;
  auto next = subtract(realized_, commission);
  if (!next)
    return std::move(next.error());
  realized_ = *next;
  return caf::none;
}

caf::error position::open(const order_filled& fill, tradenode::quantity qty,
                          const money& commission) {
  entry_ = fill.side;
  opening_order_id_ = fill.client_order_id;
  account_id_ = fill.account_id;
  open_notional_ = static_cast<detail::int128>(fill.last_px.raw()) * qty.raw();
  opened_raw_ = qty.raw();
  close_notional_ = 0;
  closed_raw_ = 0;
  realized_ = money::zero(instrument_.settlement_currency);
  ts_opened_ = fill.ts_event;
  net_raw_ = fill.side == order_side::sell ? -qty.raw() : qty.raw();
  return deduct(commission);
}

caf::expected<money> position::pnl_of(int64_t closed_raw, price px) const {
  auto avg = static_cast<int64_t>(detail::divide_rounded(open_notional_, opened_raw_));
  auto diff = net_raw_ > 0 ? px.raw() - avg : avg - px.raw();
  auto diff_px = price::from_raw(diff, fixed_precision);
  if (!diff_px)
    return std::move(diff_px.error());
  return notional(*diff_px, quantity::exact(closed_raw, fixed_precision),
                  instrument_.settlement_currency);
}

caf::error position::reduce(const order_filled& fill, int64_t qty_raw,
                            const money& commission) {
  auto pnl = pnl_of(qty_raw, fill.last_px);
  if (!pnl)
    return std::move(pnl.error());
  auto next = add(realized_, *pnl);
  if (!next)
    return std::move(next.error());
  realized_ = *next;
  close_notional_ += static_cast<detail::int128>(fill.last_px.raw()) * qty_raw;
  closed_raw_ += qty_raw;
  net_raw_ += net_raw_ > 0 ? -qty_raw : qty_raw;
  return deduct(commission);
}

caf::expected<std::vector<position_event>> position::apply(const order_filled& fill) {
  if (fill.instrument_id != instrument_.id)
    return caf::make_error(errc::invalid_argument,
                           "position " + id_.value() + ": fill " + fill.trade_id.value()
                             + " is for " + fill.instrument_id.value());
  // Work on a copy so that an error changes nothing.
  position next = *this;
  std::vector<position_event> events;
  auto qty = signed_qty(fill);
  auto fail = [](caf::error err) { return caf::expected<std::vector<position_event>>{err}; };
  if (next.net_raw_ == 0) {
    if (auto err = next.open(fill, fill.last_qty, fill.commission))
      return fail(std::move(err));
    events.push_back(next.make_event(position_event_kind::opened, fill));
  } else if ((next.net_raw_ > 0) == (qty > 0)) {
    next.open_notional_ += static_cast<detail::int128>(fill.last_px.raw())
                           * fill.last_qty.raw();
    next.opened_raw_ += fill.last_qty.raw();
    next.net_raw_ += qty;
    if (auto err = next.deduct(fill.commission))
      return fail(std::move(err));
    events.push_back(next.make_event(position_event_kind::changed, fill));
  } else if (std::llabs(qty) <= std::llabs(next.net_raw_)) {
    if (auto err = next.reduce(fill, std::llabs(qty), fill.commission))
      return fail(std::move(err));
    events.push_back(next.make_event(next.net_raw_ == 0 ? position_event_kind::closed
                                                        : position_event_kind::changed,
                                     fill));
  } else {
    // A flip: close what is open, open the rest on the other side.
    auto closing = std::llabs(next.net_raw_);
    auto& fee = fill.commission;
    auto unit = unit_of(fee.ccy().precision());
    auto share = detail::divide_rounded(
                   static_cast<detail::int128>(fee.amount().raw()) * closing,
                   static_cast<detail::int128>(fill.last_qty.raw()) * unit)
                 * unit;
    auto closing_fee = money::make(*money::amount_type::from_raw(static_cast<int64_t>(share),
                                                                 fee.ccy().precision()),
                                   fee.ccy());
    auto opening_fee = subtract(fee, *closing_fee);
    if (!opening_fee)
      return fail(std::move(opening_fee.error()));
    if (auto err = next.reduce(fill, closing, *closing_fee))
      return fail(std::move(err));
    events.push_back(next.make_event(position_event_kind::closed, fill));
    auto rest = quantity::exact(fill.last_qty.raw() - closing, fill.last_qty.precision());
    if (auto err = next.open(fill, rest, *opening_fee))
      return fail(std::move(err));
    auto opened = next.make_event(position_event_kind::opened, fill);
    opened.last_qty = rest;
    events.push_back(std::move(opened));
    events.front().last_qty = quantity::exact(closing, fill.last_qty.precision());
  }
  next.last_ = events.back();
  *this = std::move(next);
  return events;
}

} // namespace tradenode
