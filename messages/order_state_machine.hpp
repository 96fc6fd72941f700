#pragma once

#include <array>
#include <cstddef>

#include <caf/expected.hpp>

#include "tradenode/messages/enums.hpp"

namespace tradenode {

/// One allowed row of the order state table: in status `current`, an event
/// whose status is `trigger` leads to `next`.
struct order_transition {
  order_status current;
  order_status trigger;
  order_status next;
};

/// NautilusTrader's order state table (_ORDER_STATE_TABLE), all 62 allowed pairs.
extern const std::array<order_transition, 62> order_state_table;

/// Returns the status an order in `current` moves to on an event with status
/// `trigger`; any pair not in the table is `errc::invalid_state_transition`
/// naming both, e.g. "FILLED -> ACCEPTED".
[[nodiscard]] caf::expected<order_status> transition(order_status current,
                                                     order_status trigger);

} // namespace tradenode
