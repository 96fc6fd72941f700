#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/order.hpp"

namespace tradenode {

/// Returns `Event` for order `o`, made by the execution engine rather than
/// sent by a venue (reconciliation, the in-flight check): the fields every
/// order event shares, `reconciliation` set where the event has it, and the
/// venue's order and account ids where the event has them and they are known.
template <class Event>
Event generated_event(const order& o, const uuid4& id, unix_nanos ts,
                      const caf::optional<venue_order_id>& venue_id,
                      const caf::optional<account_id>& account) {
  Event x;
  x.trader_id = o.init().trader_id;
  x.strategy_id = o.strategy_id();
  x.instrument_id = o.instrument_id();
  x.client_order_id = o.client_order_id();
  x.event_id = id;
  x.ts_event = x.ts_init = ts;
  if constexpr (requires { x.reconciliation = true; })
    x.reconciliation = true;
  if constexpr (requires { x.venue_order_id = *venue_id; })
    if (venue_id)
      x.venue_order_id = *venue_id;
  if constexpr (requires { x.account_id = *account; })
    if (account)
      x.account_id = *account;
  return x;
}

} // namespace tradenode
