#include "tradenode/adapters/sandbox/matching_engine.hpp"

#include <algorithm>

namespace tradenode::sandbox {

namespace {

constexpr unix_nanos day_nanos = 86'400'000'000'000;

bool is_stop(order_type t) {
  return t == order_type::stop_market || t == order_type::stop_limit;
}

bool multiple_of(int64_t raw, int64_t step) {
  return step > 0 && raw % step == 0;
}

} // namespace

quantity venue_order::leaves() const {
  return *quantity::from_raw(spec.quantity.raw() - filled.raw(), spec.quantity.precision());
}

bool venue_order::is_open() const {
  return status == order_status::accepted || status == order_status::partially_filled
         || status == order_status::triggered;
}

matching_engine::matching_engine(tradenode::instrument instr, venue_context& ctx)
  : instrument_(std::move(instr)), ctx_(ctx) {
}

template <class Event>
Event matching_engine::event_for(const venue_order& o) {
  Event x;
  x.trader_id = o.spec.trader_id;
  x.strategy_id = o.spec.strategy_id;
  x.instrument_id = o.spec.instrument_id;
  x.client_order_id = o.spec.client_order_id;
  if constexpr (requires { x.venue_order_id = o.venue_order_id; })
    if (!o.venue_order_id.empty())
      x.venue_order_id = o.venue_order_id;
  x.account_id = ctx_.account;
  x.event_id = uuid4::random(ctx_.event_ids);
  x.ts_event = x.ts_init = ctx_.now;
  return x;
}

caf::optional<std::string> matching_engine::invalid(const order_initialized& spec) const {
  auto& id = instrument_.id.value();
  auto size_step = instrument_.size_increment.raw();
  if (spec.quantity.raw() <= 0 || !multiple_of(spec.quantity.raw(), size_step))
    return "invalid quantity " + to_string(spec.quantity) + " for " + id + " (increment "
           + to_string(instrument_.size_increment) + ")";
  auto check_price = [&](const caf::optional<price>& px,
                         const char* what) -> caf::optional<std::string> {
    if (!px)
      return std::string{"missing "} + what + " for a " + std::string{to_string(spec.order_type)}
             + " order";
    if (px->raw() <= 0 || !multiple_of(px->raw(), instrument_.price_increment.raw()))
      return std::string{"invalid "} + what + " " + to_string(*px) + " for " + id
             + " (increment " + to_string(instrument_.price_increment) + ")";
    return caf::none;
  };
  if (spec.order_type == order_type::limit || spec.order_type == order_type::stop_limit)
    if (auto err = check_price(spec.price, "price"))
      return err;
  if (is_stop(spec.order_type))
    if (auto err = check_price(spec.trigger_price, "trigger price"))
      return err;
  if (spec.time_in_force == time_in_force::gtd && spec.expire_time == 0)
    return std::string{"GTD order without expire_time"};
  return caf::none;
}

bool matching_engine::is_marketable(const venue_order& o) const {
  if (!top_)
    return false;
  auto type = o.spec.order_type;
  if (type == order_type::market || (type == order_type::stop_market && o.triggered))
    return true;
  if (type == order_type::limit || (type == order_type::stop_limit && o.triggered))
    return crosses(o);
  return false;
}

bool matching_engine::crosses(const venue_order& o) const {
  return o.spec.side == order_side::buy ? top_->ask_price.raw() <= o.spec.price->raw()
                                        : top_->bid_price.raw() >= o.spec.price->raw();
}

// -- commands -------------------------------------------------------------------

std::vector<order_event> matching_engine::submit(const submit_order& cmd) {
  std::vector<order_event> out;
  venue_order o;
  o.spec = cmd.order;
  o.filled = *quantity::from_raw(0, instrument_.size_precision);
  auto reject = [&](std::string reason) {
    o.status = order_status::rejected;
    auto ev = event_for<order_rejected>(o);
    ev.reason = std::move(reason);
    out.emplace_back(std::move(ev));
    orders_.insert_or_assign(o.spec.client_order_id, o);
    return out;
  };
  if (orders_.count(o.spec.client_order_id) != 0)
    return reject("duplicate client order id " + o.spec.client_order_id.value());
  if (auto reason = invalid(o.spec))
    return reject(*reason);
  if (o.spec.order_type == order_type::market && !top_)
    return reject("no market for " + instrument_.id.value());
  if (o.spec.post_only && o.spec.order_type == order_type::limit && top_ && crosses(o))
    return reject("post-only order would take liquidity");
  o.venue_order_id = venue_order_id::of(ctx_.venue.value() + "-" + std::to_string(++ctx_.orders));
  o.ts_accepted = o.ts_last = ctx_.now;
  out.emplace_back(event_for<order_accepted>(o));
  auto& stored = orders_.insert_or_assign(o.spec.client_order_id, o).first->second;
  if (stored.spec.time_in_force == time_in_force::fok) {
    auto available = stored.spec.side == order_side::buy ? ask_left_ : bid_left_;
    if (!is_marketable(stored) || available < stored.spec.quantity.raw()) {
      close(stored, order_status::canceled, out);
      return out;
    }
  }
  queue_.push_back(stored.spec.client_order_id);
  match(stored, true, out);
  if (stored.is_open() && stored.spec.time_in_force == time_in_force::ioc
      && !is_stop(stored.spec.order_type))
    close(stored, order_status::canceled, out);
  return out;
}

std::vector<order_event> matching_engine::cancel(const cancel_order& cmd) {
  std::vector<order_event> out;
  auto i = orders_.find(cmd.client_order_id);
  if (i == orders_.end() || !i->second.is_open()) {
    venue_order unknown;
    unknown.spec.trader_id = cmd.trader_id;
    unknown.spec.strategy_id = cmd.strategy_id;
    unknown.spec.instrument_id = cmd.instrument_id;
    unknown.spec.client_order_id = cmd.client_order_id;
    auto& o = i == orders_.end() ? unknown : i->second;
    auto ev = event_for<order_cancel_rejected>(o);
    ev.reason = i == orders_.end() ? "unknown order " + cmd.client_order_id.value()
                                   : "order is already " + std::string{to_string(o.status)};
    out.emplace_back(std::move(ev));
    return out;
  }
  close(i->second, order_status::canceled, out);
  return out;
}

std::vector<order_event> matching_engine::modify(const modify_order& cmd) {
  std::vector<order_event> out;
  auto i = orders_.find(cmd.client_order_id);
  auto reject = [&](const venue_order& o, std::string reason) {
    auto ev = event_for<order_modify_rejected>(o);
    ev.reason = std::move(reason);
    out.emplace_back(std::move(ev));
    return out;
  };
  if (i == orders_.end()) {
    venue_order unknown;
    unknown.spec.trader_id = cmd.trader_id;
    unknown.spec.strategy_id = cmd.strategy_id;
    unknown.spec.instrument_id = cmd.instrument_id;
    unknown.spec.client_order_id = cmd.client_order_id;
    return reject(unknown, "unknown order " + cmd.client_order_id.value());
  }
  auto& o = i->second;
  if (!o.is_open())
    return reject(o, "order is already " + std::string{to_string(o.status)});
  auto changed = o;
  if (cmd.quantity)
    changed.spec.quantity = *cmd.quantity;
  if (cmd.price)
    changed.spec.price = *cmd.price;
  if (cmd.trigger_price)
    changed.spec.trigger_price = *cmd.trigger_price;
  if (auto reason = invalid(changed.spec))
    return reject(o, *reason);
  if (changed.spec.quantity.raw() <= o.filled.raw())
    return reject(o, "quantity " + to_string(changed.spec.quantity)
                       + " is not above the filled quantity " + to_string(o.filled));
  if (changed.spec.post_only && changed.spec.order_type == order_type::limit && top_
      && crosses(changed))
    return reject(o, "post-only order would take liquidity");
  o = changed;
  o.ts_last = ctx_.now;
  auto ev = event_for<order_updated>(o);
  ev.quantity = o.spec.quantity;
  ev.price = o.spec.price;
  ev.trigger_price = o.spec.trigger_price;
  out.emplace_back(std::move(ev));
  match(o, true, out);
  return out;
}

// -- market data ------------------------------------------------------------------

std::vector<order_event> matching_engine::on_quote(const quote_tick& q) {
  std::vector<order_event> out;
  top_ = q;
  bid_left_ = q.bid_size.raw();
  ask_left_ = q.ask_size.raw();
  auto queue = queue_;
  for (auto& id : queue) {
    auto& o = orders_.at(id);
    if (!o.is_open())
      continue;
    auto tif = o.spec.time_in_force;
    auto expiry = tif == time_in_force::gtd   ? o.spec.expire_time
                  : tif == time_in_force::day ? (o.ts_accepted / day_nanos + 1) * day_nanos
                                              : 0;
    if (expiry != 0 && q.ts_event >= expiry) {
      close(o, order_status::expired, out);
      continue;
    }
    match(o, false, out);
  }
  return out;
}

std::vector<order_event> matching_engine::on_trade(const trade_tick& t) {
  std::vector<order_event> out;
  auto size_left = t.size.raw();
  auto queue = queue_;
  for (auto& id : queue) {
    auto& o = orders_.at(id);
    bool resting_limit = o.is_open() && o.spec.price
                         && (o.spec.order_type == order_type::limit
                             || (o.spec.order_type == order_type::stop_limit && o.triggered));
    if (size_left <= 0)
      break;
    if (!resting_limit)
      continue;
    auto limit = o.spec.price->raw();
    bool through = o.spec.side == order_side::buy ? t.price.raw() < limit
                                                  : t.price.raw() > limit;
    if (!through)
      continue;
    auto qty_raw = std::min(o.leaves().raw(), size_left);
    size_left -= qty_raw;
    fill(o, *quantity::from_raw(qty_raw, instrument_.size_precision), *o.spec.price,
         liquidity_side::maker, out);
  }
  return out;
}

void matching_engine::match(venue_order& o, bool on_arrival, std::vector<order_event>& out) {
  if (!top_ || !o.is_open())
    return;
  bool just_triggered = false;
  if (is_stop(o.spec.order_type) && !o.triggered) {
    auto trigger = o.spec.trigger_price->raw();
    bool hit = o.spec.side == order_side::buy ? top_->ask_price.raw() >= trigger
                                              : top_->bid_price.raw() <= trigger;
    if (!hit)
      return;
    o.triggered = just_triggered = true;
    if (o.spec.order_type == order_type::stop_limit) {
      o.status = order_status::triggered;
      out.emplace_back(event_for<order_triggered>(o));
    }
  }
  if (!is_marketable(o))
    return;
  auto& available = o.spec.side == order_side::buy ? ask_left_ : bid_left_;
  auto qty_raw = std::min(o.leaves().raw(), available);
  if (qty_raw <= 0)
    return;
  available -= qty_raw;
  bool limit_type = o.spec.order_type == order_type::limit
                    || o.spec.order_type == order_type::stop_limit;
  // A resting limit order that the market reached fills at its price (maker);
  // everything else takes the touch.
  bool maker = limit_type && !on_arrival && !just_triggered;
  auto px = maker ? *o.spec.price
                  : (o.spec.side == order_side::buy ? top_->ask_price : top_->bid_price);
  fill(o, *quantity::from_raw(qty_raw, instrument_.size_precision), px,
       maker ? liquidity_side::maker : liquidity_side::taker, out);
}

void matching_engine::fill(venue_order& o, quantity qty, price px, liquidity_side side,
                           std::vector<order_event>& out) {
  auto ev = event_for<order_filled>(o);
  ev.trade_id = trade_id::of(ctx_.venue.value() + "-T-" + std::to_string(++ctx_.trades));
  ev.side = o.spec.side;
  ev.order_type = o.spec.order_type;
  ev.last_qty = qty;
  ev.last_px = px;
  ev.currency = instrument_.quote_currency;
  auto value = notional(px, qty, instrument_.quote_currency);
  auto rate = side == liquidity_side::maker ? instrument_.maker_fee : instrument_.taker_fee;
  auto commission = value ? fee(*value, rate) : caf::expected<money>{value.error()};
  ev.commission = commission ? *commission : money::zero(instrument_.quote_currency);
  ev.liquidity_side = side;
  o.filled = *quantity::from_raw(o.filled.raw() + qty.raw(), instrument_.size_precision);
  o.filled_value += static_cast<detail::int128>(px.raw()) * qty.raw();
  o.status = o.filled.raw() == o.spec.quantity.raw() ? order_status::filled
                                                      : order_status::partially_filled;
  o.ts_last = ctx_.now;
  out.emplace_back(std::move(ev));
  if (!o.is_open())
    queue_.erase(std::remove(queue_.begin(), queue_.end(), o.spec.client_order_id),
                 queue_.end());
}

void matching_engine::close(venue_order& o, order_status status,
                            std::vector<order_event>& out) {
  o.status = status;
  o.ts_last = ctx_.now;
  if (status == order_status::expired)
    out.emplace_back(event_for<order_expired>(o));
  else
    out.emplace_back(event_for<order_canceled>(o));
  queue_.erase(std::remove(queue_.begin(), queue_.end(), o.spec.client_order_id),
               queue_.end());
}

} // namespace tradenode::sandbox
