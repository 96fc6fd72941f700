#pragma once

#include <map>
#include <memory>
#include <random>
#include <span>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/strategy.hpp"
#include "tradenode/actors/strategy_actor.hpp"
#include "tradenode/actors/strategy_state_store.hpp"

namespace tradenode {

/// The strategy host's own interface: the strategy interface plus its timers.
using strategy_host_actor
  = strategy_actor::extend<caf::reacts_to<timer_atom, std::string, uint64_t>,
                           caf::reacts_to<quote_batch>, caf::reacts_to<trade_batch>>;

/// What the runtime needs to run one strategy.
struct strategy_host_context {
  strategy_id id;
  trader_id trader;
  std::shared_ptr<spdlog::logger> log;
  market_data_router_actor data_engine;
  /// Where orders go: the risk engine.
  order_command_actor risk_engine;
  strategy_options options;
  /// The node's clock (the strategy's time, its timers, its order ids);
  /// null: the system clock.
  node_clock_ptr clock;
  /// Where on_save's state is kept and on_load's comes from (the execution
  /// engine); null: the strategy's state is not kept.
  strategy_state_store_actor state_store;
};

/// State of the actor that runs a `strategy` object: it keeps the strategy's
/// lifecycle, its view of its orders and positions, and its timers, and calls
/// the hooks, turning an exception into FAULTED.
struct strategy_host_state {
  using pointer = strategy_host_actor::stateful_pointer<strategy_host_state>;

  static inline const char* name = "strategy_host";

  struct timer {
    uint64_t generation = 0;
    /// Zero for a time alert (fires once).
    caf::timespan interval{0};
    unix_nanos due = 0;
    unix_nanos stop_time = 0;
    strategy::time_callback callback;
  };

  explicit strategy_host_state(pointer self_ptr) : self(self_ptr) {
  }

  /// Makes `x` the strategy this actor runs.
  void attach(std::shared_ptr<strategy> x);

  // -- lifecycle ----------------------------------------------------------------

  /// Before the first start, fetches the saved state for on_load.
  caf::result<caf::ok_atom> start();
  /// START, on_load (with a saved state), on_start, START_COMPLETED; answered
  /// once the data engine answered the subscriptions on_start made: a refused
  /// one faults the strategy and fails its start, naming the subscription.
  caf::result<caf::ok_atom> start_now();
  /// Notes the answer to a subscription on_start made (`refusal` if refused).
  void start_subscription_answered(const std::string& refusal);
  /// STOP, on_stop, the orders per the options, on_save's state to the store.
  caf::result<caf::ok_atom> stop();
  /// Hands on_save's state to the store.
  void save_state();
  /// Stops if running, then DISPOSE, on_dispose, DISPOSE_COMPLETED; runs when
  /// the actor is asked to exit.
  void dispose();

  /// Calls `hook` (named `what` in logs) and faults the strategy if it throws;
  /// returns the error then.
  template <class F>
  caf::error guarded(const char* what, F&& hook);

  void fault(caf::error cause);

  /// Cancels open orders and closes positions, as the options say.
  void handle_orders_on_stop();

  // -- inbound ------------------------------------------------------------------

  template <class Tick>
  void on_market_data(const Tick& x, void (strategy::*hook)(const Tick&),
                      const char* what);
  /// Several ticks (a batch): the hook runs once per tick, in order.
  template <class Tick>
  void on_market_data(std::span<const Tick> xs, void (strategy::*hook)(const Tick&),
                      const char* what);
  /// Reports consumed ticks to the data engine every consumed_report_every.
  void count_consumed(uint64_t ticks);
  void on_order_event(const order_event& ev);
  void on_position_event(const position_event& ev);
  void on_timer(const std::string& timer_name, uint64_t generation);

  // -- actions (called by strategy) ---------------------------------------------

  void change_subscription(bool subscribe, data_kind kind, const instrument_id& instrument,
                           caf::optional<bar_type> type, caf::optional<client_id> client);
  void submit(const order_initialized& init, caf::optional<position_id> position,
              caf::optional<client_id> client);
  void cancel(const client_order_id& id);
  void modify(const client_order_id& id, caf::optional<quantity> qty,
              caf::optional<price> px, caf::optional<price> trigger);
  void cancel_all(const instrument_id& instrument, order_side side);
  void close(const position_event& pos);
  void set_timer(const std::string& timer_name, timer t);
  void schedule(const std::string& timer_name, const timer& t);
  unix_nanos now() const;

  /// Keeps `open_orders` in step with the order `x` after a change.
  void track_open(const order& x);
  /// Returns the open order `id`, or logs why `what` cannot touch it.
  const order* open_order(const client_order_id& id, const char* what) const;

  pointer self;
  component_lifecycle lifecycle;
  std::shared_ptr<strategy> impl;
  strategy_host_context ctx;
  std::unique_ptr<tradenode::order_factory> factory;
  std::mt19937_64 ids;
  std::map<client_order_id, order> orders;
  /// The orders not yet closed: what open_orders() walks, so that its cost
  /// does not grow with every order of a long run.
  std::map<client_order_id, const order*> open_orders;
  /// The client each order was routed to explicitly, for its cancel and modify.
  std::map<client_order_id, client_id> order_clients;
  /// Open positions by instrument (netting: one per instrument).
  std::map<instrument_id, position_event> positions;
  std::map<std::string, timer> timers;
  uint64_t timer_generation = 0;
  /// Market data that arrived while the strategy was not RUNNING.
  uint64_t dropped_data = 0;
  /// Market data handled since the last report to the data engine's flow
  /// control (which it joins on the first subscription).
  uint64_t unreported_data = 0;
  bool joined_flow_control = false;
  /// The saved state was fetched (at the first start only).
  bool state_loaded = false;
  /// What the store held, for on_load at the start.
  strategy_state loaded_state;
  /// While on_start runs, and until its subscriptions are answered.
  struct start_wait {
    bool in_on_start = false;
    size_t pending = 0;
    std::vector<std::string> refused;
    caf::typed_response_promise<caf::ok_atom> promise;
  } starting;
};

/// Runs `impl` inside the calling actor (spawn it with `spawn_strategy`).
strategy_host_actor::behavior_type strategy_host(strategy_host_state::pointer self,
                                                 std::shared_ptr<strategy> impl,
                                                 strategy_host_context ctx);

/// Spawns `impl` in its own actor and returns its handle.
strategy_actor spawn_strategy(caf::actor_system& sys, std::unique_ptr<strategy> impl,
                              strategy_host_context ctx);

} // namespace tradenode
