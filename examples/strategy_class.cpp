// A strategy written as a C++ class: the runtime runs it in its own actor and
// calls its hooks. It trades on the toy feed and venue of toy_venue.hpp.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>

#include "toy_venue.hpp"
#include "tradenode/node/trading_node.hpp"
#include "tradenode/strategies/indicators.hpp"

namespace {

// Set once the strategy has made a few round trips; main then stops the node.
std::promise<void> traded;

// --(rst-strategy-begin)--
// Buys one lot when the mid falls 1.00 below its moving average and sells it
// when the mid rises 1.00 above; limit IOC orders at the touch.
class mean_reversion : public tradenode::strategy {
public:
  explicit mean_reversion(const nlohmann::json& settings)
    : instrument_(tradenode::instrument_id::of(settings.value("instrument", "BTCUSD.TOY"))),
      lot_(tradenode::quantity::of(settings.value("lot", "0.100"))) {
  }

  void on_start() override {
    subscribe_quotes(instrument_);
    set_timer("report", std::chrono::milliseconds(100));
  }

  void on_quote(const tradenode::quote_tick& q) override {
    average_.handle(q);
    auto mid = tradenode::indicators::mid_of(q);
    if (!open_orders(instrument_).empty())
      return; // wait for the last order's answer
    auto* held = position(instrument_);
    using tradenode::order_side, tradenode::time_in_force;
    if (held == nullptr && mid < average_.value() - 1.0)
      submit_order(order_factory().limit(instrument_, order_side::buy, lot_, q.ask_price,
                                         time_in_force::ioc));
    else if (held != nullptr && mid > average_.value() + 1.0)
      submit_order(order_factory().limit(instrument_, order_side::sell, held->quantity,
                                         q.bid_price, time_in_force::ioc, 0, false, true));
  }

  void on_order_filled(const tradenode::order_filled& x) override {
    log().info("{} {} {} @ {}", x.client_order_id.value(), to_string(x.side),
               to_string(x.last_qty), to_string(x.last_px));
  }

  void on_position_closed(const tradenode::position_event& x) override {
    std::printf("round trip %d closed, realized %s\n", ++round_trips_,
                to_string(x.realized_pnl).c_str());
    if (round_trips_ == 3)
      traded.set_value();
  }

  void on_time_event(const tradenode::time_event& x) override {
    log().info("{}: {} orders so far", x.name, orders().size());
  }

  void on_stop() override {
    std::printf("stopped after %zu orders\n", orders().size());
  }

private:
  tradenode::instrument_id instrument_;
  tradenode::quantity lot_;
  tradenode::indicators::ema average_{19}; // alpha 2 / (19 + 1) = 0.1
  int round_trips_ = 0;
};
// --(rst-strategy-end)--

} // namespace

int main() {
  auto cfg = tradenode::parse_node_config(nlohmann::json::parse(toy::config_json));
  if (!cfg)
    return 2;
  tradenode::trading_node node{*cfg};
  node.add_data_client_factory("wave_feed", toy::wave_feed_factory(5000));
  node.add_exec_client_factory("instant_fills", toy::instant_fills_factory());
  node.add_strategy_factory("example", tradenode::make_strategy_factory<mean_reversion>());
  node.build();
  auto finished = node.run_async();
  auto ok = traded.get_future().wait_for(std::chrono::seconds(60))
            == std::future_status::ready;
  node.stop();
  finished.get();
  node.dispose();
  if (!ok)
    std::fputs("no round trip within 60 s\n", stderr);
  return ok ? 0 : 1;
}
