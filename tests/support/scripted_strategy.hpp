#pragma once

#include <functional>
#include <stdexcept>
#include <memory>
#include <string>

#include "test_clients.hpp"
#include "tradenode/actors/strategy.hpp"

namespace tradenode::test {

/// A strategy whose hooks record what they saw ("quote BTCUSDT.SIM 100.00",
/// "filled O-1 0.500", ...) and run what the test gives them.
class scripted_strategy : public strategy {
public:
  using action = std::function<void(scripted_strategy&)>;

  explicit scripted_strategy(std::shared_ptr<event_record> log) : record(std::move(log)) {
  }

  std::shared_ptr<event_record> record;
  action when_started;
  action when_stopped;
  std::function<void(scripted_strategy&, const quote_tick&)> when_quote;
  std::function<void(scripted_strategy&, const order_filled&)> when_filled;
  /// Run by the next quote instead of recording it: how a test calls actions
  /// inside the strategy's actor (see `strategy_fixture::inside`).
  action queued;
  /// What on_save returns.
  strategy_state to_save;
  /// What on_load got (recorded as "load N key(s)"); a throwing on_load with
  /// `load_throws`.
  strategy_state loaded;
  bool load_throws = false;

  strategy_state on_save() override {
    return to_save;
  }

  void on_load(const strategy_state& x) override {
    record->add("load " + std::to_string(x.size()) + " key(s)");
    if (load_throws)
      throw std::runtime_error("state from an older version");
    loaded = x;
  }

  void on_start() override {
    record->add("start");
    if (when_started)
      when_started(*this);
  }

  void on_stop() override {
    record->add("stop");
    if (when_stopped)
      when_stopped(*this);
  }

  void on_dispose() override {
    record->add("dispose");
  }

  void on_quote(const quote_tick& x) override {
    if (queued) {
      auto f = std::move(queued);
      queued = nullptr;
      f(*this);
      return;
    }
    record->add("quote " + x.instrument_id.value() + " " + to_string(x.bid_price));
    if (when_quote)
      when_quote(*this, x);
  }

  void on_trade(const trade_tick& x) override {
    record->add("trade " + x.instrument_id.value() + " " + to_string(x.price));
  }

  void on_bar(const bar& x) override {
    record->add("bar " + to_string(x.bar_type) + " " + to_string(x.close));
  }

  void on_order_initialized(const order_initialized& x) override {
    record->add("initialized " + x.client_order_id.value());
  }

  void on_order_denied(const order_denied& x) override {
    record->add("denied " + x.client_order_id.value() + ": " + x.reason);
  }

  void on_order_rejected(const order_rejected& x) override {
    record->add("rejected " + x.client_order_id.value() + " for " + x.account_id.value() + ": "
                + x.reason);
  }

  void on_order_accepted(const order_accepted& x) override {
    record->add("accepted " + x.client_order_id.value());
  }

  void on_order_canceled(const order_canceled& x) override {
    record->add("canceled " + x.client_order_id.value());
  }

  void on_order_filled(const order_filled& x) override {
    record->add("filled " + x.client_order_id.value() + " " + to_string(x.last_qty));
    if (when_filled)
      when_filled(*this, x);
  }

  void on_position_opened(const position_event& x) override {
    record->add("position opened " + x.instrument_id.value() + " " + to_string(x.quantity));
  }

  void on_position_closed(const position_event& x) override {
    record->add("position closed " + x.instrument_id.value());
  }

  void on_time_event(const time_event& x) override {
    record->add("timer " + x.name + " " + std::to_string(x.ts_event));
  }
};

} // namespace tradenode::test
