#include "tradenode/actors/exec_engine.hpp"

#include <algorithm>

#include "tradenode/actors/generated_event.hpp"

#include "tradenode/messages/unix_nanos.hpp"

// The execution engine's reconciliation: aligning its orders with what the
// venues report, generating the events it missed (exec_engine.cpp: the rest).

namespace tradenode {

order* exec_engine_state::find_reported(const order_status_report& r) {
  if (r.client_order_id)
    if (auto i = orders.find(*r.client_order_id); i != orders.end())
      return &i->second;
  for (auto& [id, x] : orders)
    if (x.venue_order_id() == r.venue_order_id)
      return &x;
  return nullptr;
}

order& exec_engine_state::adopt_external(const order_status_report& r) {
  order_initialized init;
  init.trader_id = trader;
  init.strategy_id = strategy_id::of("EXTERNAL-000");
  init.instrument_id = r.instrument_id;
  init.client_order_id = r.client_order_id ? *r.client_order_id
                                           : client_order_id::of("EXT-"
                                                                 + r.venue_order_id.value());
  init.side = r.side;
  init.order_type = r.order_type;
  init.quantity = r.quantity;
  init.price = r.price;
  init.trigger_price = r.trigger_price;
  init.time_in_force = r.time_in_force;
  init.expire_time = r.expire_time;
  init.post_only = r.post_only;
  init.reduce_only = r.reduce_only;
  init.event_id = next_id();
  init.ts_event = init.ts_init = r.ts_accepted;
  lifecycle.log().warn("Reconciliation: external order {} (venue order {}) adopted",
                       init.client_order_id.value(), r.venue_order_id.value());
  auto id = init.client_order_id;
  orders.emplace(id, order{init});
  record("order", order_event{init});
  publish(order_event{std::move(init)});
  return orders.at(id);
}

size_t exec_engine_state::align(order& o, const order_status_report& r,
                                const std::vector<fill_report>& fills) {
  size_t generated = 0;
  auto ts = r.ts_last;
  auto emit = [&](order_event ev) {
    on_event(ev);
    ++generated;
  };
  if (o.status() == order_status::initialized)
    emit(generated_event<order_submitted>(o, next_id(), ts, r.venue_order_id, r.account_id));
  if (r.status == order_status::rejected) {
    if (!o.is_closed())
      emit(generated_event<order_rejected>(o, next_id(), ts, r.venue_order_id, r.account_id));
    return generated;
  }
  if (o.status() == order_status::submitted)
    emit(generated_event<order_accepted>(o, next_id(), r.ts_accepted ? r.ts_accepted : ts,
                                         r.venue_order_id, r.account_id));
  for (auto& f : fills) {
    if (f.venue_order_id != r.venue_order_id || o.has_trade(f.trade_id))
      continue;
    auto x = generated_event<order_filled>(o, next_id(), f.ts_event, r.venue_order_id,
                                           r.account_id);
    x.trade_id = f.trade_id;
    x.position_id = f.position_id;
    x.side = o.side();
    x.order_type = o.order_type();
    x.last_qty = f.last_qty;
    x.last_px = f.last_px;
    x.currency = f.commission.ccy();
    x.commission = f.commission;
    x.liquidity_side = f.liquidity_side;
    emit(std::move(x));
  }
  // Fills the venue counts but did not itemize: one inferred fill at the
  // price that makes the order's average equal the venue's.
  if (r.filled_qty > o.filled_qty() && r.avg_px) {
    auto missing = r.filled_qty.raw() - o.filled_qty().raw();
    auto known = o.avg_px() ? static_cast<detail::int128>(o.avg_px()->raw())
                                * o.filled_qty().raw()
                            : 0;
    auto total = static_cast<detail::int128>(r.avg_px->raw()) * r.filled_qty.raw();
    auto px = price::exact(static_cast<int64_t>(detail::divide_rounded(total - known, missing)),
                           r.avg_px->precision());
    auto x = generated_event<order_filled>(o, next_id(), ts, r.venue_order_id, r.account_id);
    x.trade_id = trade_id::of("RECON-" + o.client_order_id().value() + "-"
                              + std::to_string(o.fill_count() + 1));
    x.side = o.side();
    x.order_type = o.order_type();
    x.last_qty = quantity::exact(missing, r.filled_qty.precision());
    x.last_px = px;
    auto ccy = instruments.count(o.instrument_id())
                 ? instruments.at(o.instrument_id()).settlement_currency
                 : currency::of("USD");
    x.currency = ccy;
    x.commission = money::zero(ccy);
    emit(std::move(x));
  }
  if (!o.is_closed() && r.status == order_status::canceled)
    emit(generated_event<order_canceled>(o, next_id(), ts, r.venue_order_id, r.account_id));
  if (!o.is_closed() && r.status == order_status::expired)
    emit(generated_event<order_expired>(o, next_id(), ts, r.venue_order_id, r.account_id));
  return generated;
}

size_t exec_engine_state::close_unreported(const std::vector<execution_mass_status>& xs,
                                           const std::set<client_order_id>& reported) {
  size_t closed = 0;
  for (auto& [id, o] : orders) {
    if (o.is_closed() || reported.count(id) != 0)
      continue;
    auto order_venue = venue_of(o.instrument_id());
    auto x = std::find_if(xs.begin(), xs.end(), [&](const execution_mass_status& status) {
      return status.venue == order_venue;
    });
    if (x == xs.end()) {
      lifecycle.log().warn("Reconciliation: order {} is open here, and no client "
                           "reported venue {}: left as {}",
                           id.value(), order_venue.value(),
                           to_string(o.status()));
      continue;
    }
    auto ts = clock->now();
    auto was = o.status();
    if (was == order_status::initialized || was == order_status::submitted) {
      auto ev = generated_event<order_rejected>(o, next_id(), ts, o.venue_order_id(),
                                                x->account_id);
      ev.reason = "not known at the venue at reconciliation";
      on_event(order_event{std::move(ev)});
    } else {
      on_event(order_event{generated_event<order_canceled>(o, next_id(), ts, o.venue_order_id(),
                                                           x->account_id)});
    }
    lifecycle.log().warn("Reconciliation: order {} was {} here and {} does not "
                         "report it: now {}",
                         id.value(), to_string(was), x->client_id.value(),
                         to_string(o.status()));
    ++closed;
  }
  return closed;
}

caf::result<caf::ok_atom>
exec_engine_state::reconcile(const std::vector<execution_mass_status>& xs) {
  reconciled = true;
  std::set<client_order_id> reported;
  for (auto& x : xs) {
    size_t adopted = 0;
    size_t generated = 0;
    for (auto& r : x.order_reports) {
      auto o = find_reported(r);
      if (!o) {
        o = &adopt_external(r);
        ++adopted;
      }
      reported.insert(o->client_order_id());
      generated += align(*o, r, x.fill_reports);
    }
    size_t mismatches = 0;
    for (auto& p : x.position_reports) {
      int64_t local = 0;
      for (auto& [id, pos] : positions)
        if (pos.last_event() && pos.last_event()->instrument_id == p.instrument_id)
          local += pos.signed_raw();
      auto venue_qty = p.side == position_side::short_side ? -p.quantity.raw()
                                                           : p.quantity.raw();
      if (local != venue_qty) {
        ++mismatches;
        lifecycle.log().warn("Reconciliation: position of {} is {} here, {} at {} {}",
                             p.instrument_id.value(), local, venue_qty, x.client_id.value(),
                             "(raw, 1e-9 units)");
      }
    }
    lifecycle.log().info("Reconciliation with client {}: {} order(s), {} fill(s), {} "
                         "position(s) reported; {} external order(s) adopted, {} event(s) "
                         "generated, {} position mismatch(es)",
                         x.client_id.value(), x.order_reports.size(), x.fill_reports.size(),
                         x.position_reports.size(), adopted, generated, mismatches);
  }
  if (auto closed = close_unreported(xs, reported); closed > 0)
    lifecycle.log().warn("Reconciliation: {} open order(s) unknown at their venue "
                         "closed", closed);
  // Events that came before the venues' reports did (and may be newer than
  // them): a fill already reconciled is a duplicate and ignored.
  apply_held();
  return caf::ok_atom_v;
}

} // namespace tradenode
