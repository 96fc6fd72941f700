#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <caf/optional.hpp>
#include <caf/timespan.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/order_factory.hpp"
#include "tradenode/actors/strategy_state_store.hpp"
#include "tradenode/messages/order.hpp"
#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

struct strategy_host_state;

/// What a strategy does with its orders and positions when it stops (and
/// when it faults): NautilusTrader's StrategyConfig switches.
struct strategy_options {
  /// Cancel the strategy's open orders. Default true.
  bool cancel_orders_on_stop = true;
  /// Close the strategy's open positions with reduce-only market orders.
  /// Default false.
  bool close_positions_on_stop = false;
};

/// A timer or time alert that fell due.
struct time_event {
  std::string name;
  /// When it was due (unix nanoseconds on the strategy's clock).
  unix_nanos ts_event = 0;
  /// When the strategy handled it.
  unix_nanos ts_init = 0;
};

/// Base class of strategies written as C++ objects: NautilusTrader's Strategy.
///
/// The runtime runs each strategy inside its own actor (`spawn_strategy`), so
/// every hook runs on one thread at a time and may use the actions freely.
/// Market data and order events reach the hooks only while the strategy is
/// RUNNING. A hook that throws faults the strategy: it is marked FAULTED,
/// handles its orders and positions per `strategy_options`, and gets no more
/// hooks; the node trades on. Actions are available from on_start on (not in
/// the constructor).
class strategy {
public:
  using time_callback = std::function<void(const time_event&)>;

  virtual ~strategy();

  /// Returns the instruments the strategy trades, as its settings name them.
  /// The node checks that a data client provides each one (`validate`, and
  /// before it starts the strategy). Default: none declared.
  virtual std::vector<instrument_id> instruments() const {
    return {};
  }

  // -- hooks ------------------------------------------------------------------

  virtual void on_start() {
  }
  virtual void on_stop() {
  }
  /// Called once when the node disposes the strategy (after on_stop if it
  /// was running): release resources here.
  virtual void on_dispose() {
  }
  /// Returns what to keep for the next run (NautilusTrader's on_save): called
  /// after on_stop; kept in the node's execution journal. Values may hold any
  /// bytes. Default: nothing.
  virtual strategy_state on_save() {
    return {};
  }
  /// Restores what on_save returned in an earlier run: called before the
  /// first on_start, only when something was saved.
  virtual void on_load(const strategy_state&) {
  }
  virtual void on_quote(const quote_tick&) {
  }
  virtual void on_trade(const trade_tick&) {
  }
  virtual void on_bar(const bar&) {
  }
  /// Called for every event of the strategy's orders; the default calls the
  /// per-event hook below (`on_order_filled`, ...).
  virtual void on_order_event(const order_event& ev);
  virtual void on_order_initialized(const order_initialized&) {
  }
  virtual void on_order_denied(const order_denied&) {
  }
  virtual void on_order_submitted(const order_submitted&) {
  }
  virtual void on_order_accepted(const order_accepted&) {
  }
  virtual void on_order_rejected(const order_rejected&) {
  }
  virtual void on_order_canceled(const order_canceled&) {
  }
  virtual void on_order_expired(const order_expired&) {
  }
  virtual void on_order_triggered(const order_triggered&) {
  }
  virtual void on_order_pending_update(const order_pending_update&) {
  }
  virtual void on_order_pending_cancel(const order_pending_cancel&) {
  }
  virtual void on_order_modify_rejected(const order_modify_rejected&) {
  }
  virtual void on_order_cancel_rejected(const order_cancel_rejected&) {
  }
  virtual void on_order_updated(const order_updated&) {
  }
  virtual void on_order_filled(const order_filled&) {
  }
  /// Called for every change of the strategy's positions; the default calls
  /// on_position_opened, on_position_changed or on_position_closed.
  virtual void on_position_event(const position_event& ev);
  virtual void on_position_opened(const position_event&) {
  }
  virtual void on_position_changed(const position_event&) {
  }
  virtual void on_position_closed(const position_event&) {
  }
  /// Called for timers and time alerts set without a callback.
  virtual void on_time_event(const time_event&) {
  }

  // -- identity and clock -------------------------------------------------------

  const strategy_id& id() const;
  const trader_id& trader() const;
  component_state state() const;
  spdlog::logger& log() const;
  /// The strategy's clock (unix nanoseconds; injectable for tests).
  unix_nanos now() const;

  // -- market data ------------------------------------------------------------

  /// Subscribes through the data engine; `client` overrides the venue route.
  /// A refused subscription is logged with the data engine's reason.
  void subscribe_quotes(const instrument_id& instrument,
                        caf::optional<client_id> client = caf::none);
  void subscribe_trades(const instrument_id& instrument,
                        caf::optional<client_id> client = caf::none);
  void subscribe_bars(const bar_type& type, caf::optional<client_id> client = caf::none);
  void unsubscribe_quotes(const instrument_id& instrument,
                          caf::optional<client_id> client = caf::none);
  void unsubscribe_trades(const instrument_id& instrument,
                          caf::optional<client_id> client = caf::none);
  void unsubscribe_bars(const bar_type& type, caf::optional<client_id> client = caf::none);

  // -- orders -----------------------------------------------------------------

  /// Builds orders with this strategy's ids (NautilusTrader's order_factory).
  tradenode::order_factory& order_factory();

  /// Sends the order to the risk engine; its events come back through
  /// on_order_event (OrderDenied when a check fails).
  void submit_order(const order_initialized& order,
                    caf::optional<position_id> position = caf::none,
                    caf::optional<client_id> client = caf::none);

  /// Cancels an open order; an unknown or closed order is logged and skipped.
  void cancel_order(const client_order_id& id);

  /// Changes an open order's quantity, price or trigger price.
  void modify_order(const client_order_id& id, caf::optional<quantity> qty,
                    caf::optional<price> px = caf::none,
                    caf::optional<price> trigger = caf::none);

  /// Cancels this strategy's open orders on `instrument` (on one side, or both).
  void cancel_all_orders(const instrument_id& instrument,
                         order_side side = order_side::no_order_side);

  /// Closes the open position on `instrument` with a reduce-only market order.
  void close_position(const instrument_id& instrument);

  /// Closes every open position of this strategy.
  void close_all_positions();

  // -- timers -----------------------------------------------------------------

  /// Fires every `interval` until canceled (or until `stop_time`, when not 0),
  /// calling `callback` or else on_time_event. Setting an existing name
  /// replaces that timer.
  void set_timer(const std::string& name, caf::timespan interval,
                 time_callback callback = {}, unix_nanos stop_time = 0);

  /// Fires once at `at` (at once if it has passed).
  void set_time_alert(const std::string& name, unix_nanos at, time_callback callback = {});

  void cancel_timer(const std::string& name);
  void cancel_timers();
  std::vector<std::string> timer_names() const;

  // -- what the strategy knows (read-only) ------------------------------------

  /// The order as the strategy last saw it, or null.
  const order* find_order(const client_order_id& id) const;

  /// Every order of this strategy, by client order id.
  const std::map<client_order_id, order>& orders() const;

  /// The orders not yet closed (on `instrument`, or all).
  std::vector<const order*>
  open_orders(const caf::optional<instrument_id>& instrument = caf::none) const;

  /// The open position on `instrument`, as of its last event, or null.
  const position_event* position(const instrument_id& instrument) const;

  /// Every open position.
  std::vector<const position_event*> open_positions() const;

private:
  friend struct strategy_host_state;

  strategy_host_state& host() const;

  strategy_host_state* host_ = nullptr;
};

} // namespace tradenode
