#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// Anything that subscribes to market data: strategies, the portfolio, the
/// risk engine. The data engine sends it quotes, trades and bars directly.
using market_data_sink_actor = caf::typed_actor<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>>;

} // namespace tradenode
