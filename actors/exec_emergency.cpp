#include "tradenode/actors/exec_engine.hpp"

#include "tradenode/messages/unix_nanos.hpp"

// The execution engine's emergency (kill): cancel every open order, and close
// every position only once the cancels are settled. A position read at the
// kill misses the fills still on their way (an order filling at the venue
// while its cancel travels), and closing it then would leave the node open.

namespace tradenode {

caf::result<caf::ok_atom> exec_engine_state::kill_all(bool flatten, caf::timespan settle) {
  auto promise = self->make_response_promise<caf::ok_atom>();
  emergency.promises.push_back(promise);
  emergency.flatten = emergency.flatten || flatten;
  if (emergency.active)
    return promise; // the one under way answers this one too
  emergency.active = true;
  auto round = ++emergency.round;
  auto now = clock->now();
  std::vector<cancel_order> cancels;
  for (auto& [id, x] : orders)
    if (!x.is_closed())
      cancels.push_back(cancel_of(x, caf::none, now));
  lifecycle.log().error("Emergency: canceling {} open order(s){}", cancels.size(),
                        flatten ? " and flattening every position" : "");
  for (auto& x : cancels) {
    emergency.unsettled.insert(x.client_order_id);
    cancel(x);
  }
  self->delayed_send(self, settle, caf::tick_atom_v, kill_atom_v, round);
  settle_emergency();
  return promise;
}

void exec_engine_state::settle_emergency() {
  if (!emergency.active)
    return;
  for (auto i = emergency.unsettled.begin(); i != emergency.unsettled.end();) {
    auto o = orders.find(*i);
    if (o == orders.end() || o->second.is_closed())
      i = emergency.unsettled.erase(i);
    else
      ++i;
  }
  if (emergency.unsettled.empty())
    end_emergency();
}

void exec_engine_state::settle_timed_out(uint64_t round) {
  if (!emergency.active || round != emergency.round)
    return;
  lifecycle.log().error("Emergency: {} canceled order(s) still open when the wait ended "
                        "(first: {}), going on",
                        emergency.unsettled.size(), emergency.unsettled.begin()->value());
  end_emergency();
}

void exec_engine_state::end_emergency() {
  emergency.active = false;
  emergency.unsettled.clear();
  if (emergency.flatten)
    close_positions();
  emergency.flatten = false;
  auto promises = std::move(emergency.promises);
  emergency.promises.clear();
  for (auto& promise : promises)
    promise.deliver(caf::ok_atom_v);
}

void exec_engine_state::close_positions() {
  auto now = clock->now();
  std::vector<order_initialized> closing;
  for (auto& [id, pos] : positions) {
    if (!pos.is_open() || !pos.last_event())
      continue;
    auto& last = *pos.last_event();
    order_initialized init;
    init.trader_id = trader;
    init.strategy_id = last.strategy_id;
    init.instrument_id = last.instrument_id;
    // Unique across restarts: the time, then a count.
    init.client_order_id = client_order_id::of("KILL-" + std::to_string(now) + "-"
                                               + std::to_string(++emergency_orders));
    init.side = pos.signed_raw() > 0 ? order_side::sell : order_side::buy;
    init.order_type = order_type::market;
    init.quantity = pos.quantity();
    init.reduce_only = true;
    init.event_id = next_id();
    init.ts_event = init.ts_init = now;
    closing.push_back(std::move(init));
  }
  for (auto& init : closing) {
    lifecycle.log().error("Emergency: closing {} {} of {} with {}", to_string(init.side),
                          to_string(init.quantity), init.instrument_id.value(),
                          init.client_order_id.value());
    submit(submit_order{init.trader_id, init.strategy_id, init, caf::none, caf::none,
                        next_id(), now});
  }
}

} // namespace tradenode
