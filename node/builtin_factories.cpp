#include "tradenode/node/builtin_factories.hpp"

#include "tradenode/adapters/remote/remote_feed.hpp"
#include "tradenode/adapters/replay/replay_client.hpp"
#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"
#include "tradenode/adapters/synthetic/synthetic_feed.hpp"
#include "tradenode/strategies/ema_cross.hpp"
#include "tradenode/strategies/market_maker.hpp"

namespace tradenode {

factory_registry builtin_factories() {
  factory_registry result;
  // Names are fixed and distinct: registration cannot fail.
  (void) result.add_exec_client_factory("sandbox", sandbox::sandbox_exec_client_factory());
  (void) result.add_data_client_factory("replay", replay::replay_client_factory());
  (void) result.add_data_client_factory("synthetic", synthetic::synthetic_feed_factory());
  (void) result.add_data_client_factory("remote_feed", remote::remote_feed_client_factory());
  (void) result.add_strategy_factory("ema_cross",
                                     make_strategy_factory<strategies::ema_cross>());
  (void) result.add_strategy_factory("market_maker",
                                     make_strategy_factory<strategies::market_maker>());
  return result;
}

} // namespace tradenode
