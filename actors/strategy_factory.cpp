#include "tradenode/actors/strategy_factory.hpp"

namespace tradenode {

strategy_actor spawn_strategy(const strategy_context& ctx, std::unique_ptr<strategy> impl) {
  return spawn_strategy(ctx.system, std::move(impl),
                        strategy_host_context{ctx.id, ctx.trader, ctx.log, ctx.data_engine,
                                              ctx.risk_engine, ctx.options, ctx.clock,
                                              ctx.state_store});
}

caf::error constructor_error(const std::exception& e) {
  return caf::make_error(errc::invalid_config, std::string{e.what()});
}

} // namespace tradenode
