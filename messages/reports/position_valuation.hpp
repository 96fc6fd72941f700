#pragma once

#include <caf/expected.hpp>

#include "tradenode/messages/events/position_event.hpp"
#include "tradenode/messages/money.hpp"

namespace tradenode {

/// An open position marked to a quote: a long one at the bid (what selling it
/// would get), a short one at the ask (what buying it back would cost).
price mark_price(position_side side, const price& bid, const price& ask);

/// Returns the unrealized PnL of the open position `x` at `mark`, in the
/// currency of its realized PnL; errors on overflow.
caf::expected<money> unrealized_pnl(const position_event& x, const price& mark);

/// Returns the signed market value of the open position `x` at `mark` (short
/// negative); errors on overflow.
caf::expected<money> net_exposure(const position_event& x, const price& mark);

} // namespace tradenode
