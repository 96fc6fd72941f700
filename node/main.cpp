#include "tradenode/examples/strategies/ema_cross.hpp"
#include "tradenode/examples/strategies/market_maker.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/cli.hpp"

int main(int argc, char** argv) {
  auto factories = tradenode::builtin_factories();
  (void) factories.add_strategy_factory(
    "ema_cross", tradenode::make_strategy_factory<tradenode::examples::ema_cross>());
  (void) factories.add_strategy_factory(
    "market_maker", tradenode::make_strategy_factory<tradenode::examples::market_maker>());
  return tradenode::run_cli(argc, argv, std::move(factories));
}
