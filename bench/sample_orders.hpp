#pragma once

// Real order messages, made by the order factory and the sandbox's matching
// engine, for the baselines (same types and sizes as the node's).

#include <vector>

#include "tradenode/messages/commands/submit_order.hpp"
#include "tradenode/messages/events/order_event.hpp"

namespace bench {

/// A market buy of 0.001 BTCUSDT.SIM.
tradenode::submit_order sample_submit();

/// order_submitted, order_accepted and order_filled of `sample_submit()`.
std::vector<tradenode::order_event> sample_fill_events();

} // namespace bench
