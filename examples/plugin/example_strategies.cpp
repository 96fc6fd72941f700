// A plugin: a shared library the stock `tradenode` CLI loads when a config
// names it in "plugins", with no main of its own. It registers one strategy
// factory, "bollinger_reversion", through the one entry point TRADENODE_PLUGIN.
// --(rst-plugin-begin)--
#include "tradenode/node/plugin.hpp"
#include "tradenode/strategies/indicators.hpp"
#include "tradenode/strategies/strategy_settings.hpp"

namespace {

// Buys `trade_size` when the mid falls below the lower Bollinger band while
// the RSI says oversold, and sells it when the mid is back above the middle.
class bollinger_reversion : public tradenode::strategy {
public:
  explicit bollinger_reversion(const nlohmann::json& settings) {
    tradenode::strategies::strategy_settings read{
      settings, {"instrument_id", "trade_size", "period", "rsi_period"}};
    instrument_ = read.instrument_id("instrument_id");
    trade_size_ = read.positive_quantity("trade_size");
    auto period = read.integer_or("period", 20);
    auto rsi_period = read.integer_or("rsi_period", 14);
    read.require(period >= 2 && period <= 10'000, "period", "must be 2..10000");
    read.require(rsi_period >= 1 && rsi_period <= 10'000, "rsi_period", "must be 1..10000");
    read.finish();
    bands_ = tradenode::indicators::bollinger_bands{static_cast<size_t>(period), 2.0};
    rsi_ = tradenode::indicators::rsi{static_cast<size_t>(rsi_period)};
  }

  std::vector<tradenode::instrument_id> instruments() const override {
    return {instrument_};
  }

  void on_start() override {
    subscribe_quotes(instrument_);
  }

  void on_quote(const tradenode::quote_tick& q) override {
    bands_.handle(q);
    rsi_.handle(q);
    if (!bands_.initialized() || !rsi_.initialized() || !open_orders(instrument_).empty())
      return;
    auto mid = tradenode::indicators::mid_of(q);
    auto* held = position(instrument_);
    using tradenode::order_side;
    if (held == nullptr && mid < bands_.lower() && rsi_.value() < 30)
      submit_order(order_factory().market(instrument_, order_side::buy, trade_size_));
    else if (held != nullptr && mid > bands_.middle())
      submit_order(order_factory().market(instrument_, order_side::sell, held->quantity));
  }

private:
  tradenode::instrument_id instrument_;
  tradenode::quantity trade_size_;
  tradenode::indicators::bollinger_bands bands_{20, 2.0};
  tradenode::indicators::rsi rsi_{14};
};

caf::error register_example_strategies(tradenode::factory_registry& registry) {
  return registry.add_strategy_factory(
    "bollinger_reversion", tradenode::make_strategy_factory<bollinger_reversion>());
}

} // namespace

TRADENODE_PLUGIN("example_strategies", register_example_strategies)
// --(rst-plugin-end)--
