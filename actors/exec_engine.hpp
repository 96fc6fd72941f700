#pragma once

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/exec_engine_config.hpp"
#include "tradenode/actors/execution_event_sink.hpp"
#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/actors/inflight_commands.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/strategy_state_store.hpp"
#include "tradenode/messages/order.hpp"
#include "tradenode/messages/position.hpp"

namespace tradenode {

/// Owns the orders and positions: routes commands to execution clients by
/// venue (or explicit client id), applies every event through the order state
/// table, keeps netting positions, sends order and position events to the
/// owning strategy and to every observer (`add observer`: reports, monitors),
/// and reconciles with the venues' mass status.
/// With a journal, every order it creates, every event it applies, every
/// cancel or modify it forwards and every position event is appended before
/// anyone is told; at start it rebuilds its orders and positions from the
/// journal, so a restarted node knows what it traded.
/// `(kill, flatten, settle)` is the emergency: cancel every open order of
/// every strategy and, with `flatten`, close every open position with a
/// reduce-only market order (bypassing the risk engine). The positions are
/// closed once every canceled order is closed (a fill racing its cancel
/// counts), or after `settle` with what is known then; answered after that.
/// `(cancel, strategy)` cancels every open order of the strategy, on every
/// instrument and also those recovered from the journal, unless a cancel of
/// it is on its way already: the stop's cancel-on-stop. Answered once sent.
/// `(submit_order, std::string)` is a submit the risk engine denied, with the
/// reason; `(modify_order, std::string)` a modify it rejected.
/// `(tick, inflight)` runs the in-flight check (exec_engine_config.hpp).
/// `(wait_for, inflight, timeout)` answers once no command sent to a venue
/// awaits its answer, or with `errc::timeout` naming the unanswered ones
/// after `timeout`.
/// As the strategies' state store it journals what each saved (kind
/// `strategy_state`) and answers it after a restart.
using exec_engine_actor = component_actor::extend<
  caf::replies_to<caf::add_atom, client_id, venue, exec_client_actor>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, std::vector<instrument>>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, strategy_id, execution_event_sink_actor>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, execution_listener_actor>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, observer_atom,
                  execution_event_sink_actor>::with<caf::ok_atom>,
  caf::replies_to<reconcile_atom,
                  std::vector<execution_mass_status>>::with<caf::ok_atom>,
  caf::replies_to<caf::wait_for_atom, inflight_atom, caf::timespan>::with<caf::ok_atom>,
  caf::replies_to<kill_atom, bool, caf::timespan>::with<caf::ok_atom>,
  caf::replies_to<cancel_atom, strategy_id>::with<caf::ok_atom>,
  caf::reacts_to<caf::tick_atom>, caf::reacts_to<caf::tick_atom, inflight_atom>,
  caf::reacts_to<caf::tick_atom, caf::wait_for_atom, uint64_t>,
  caf::reacts_to<caf::tick_atom, kill_atom, uint64_t>,
  caf::reacts_to<submit_order>, caf::reacts_to<submit_order, std::string>,
  caf::reacts_to<cancel_order>, caf::reacts_to<modify_order>,
  caf::reacts_to<modify_order, std::string>,
  caf::reacts_to<cancel_all_orders>, caf::reacts_to<order_event>,
  caf::reacts_to<account_state>>::extend_with<strategy_state_store_actor>;

/// State of the execution engine actor.
struct exec_engine_state {
  using pointer = exec_engine_actor::stateful_pointer<exec_engine_state>;

  static inline const char* name = "exec_engine";

  /// Returns the explicit `client` if known, else the client routed for the
  /// venue of `instrument`, if any.
  caf::optional<client_id> route_id(const caf::optional<client_id>& client,
                                    const instrument_id& instrument) const;

  void submit(const submit_order& cmd);
  void deny(const submit_order& cmd, const std::string& reason);
  void cancel(const cancel_order& cmd);
  void modify(const modify_order& cmd);
  void reject_modify(const modify_order& cmd, const std::string& reason);
  void cancel_all(const cancel_all_orders& cmd);
  /// Cancels every open order of `strategy` without a cancel on its way.
  void cancel_strategy_orders(const strategy_id& strategy);
  /// Returns a cancel of open order `x`, to `client` if given.
  cancel_order cancel_of(const order& x, const caf::optional<client_id>& client,
                         unix_nanos ts_init);

  // -- emergency (exec_emergency.cpp) ------------------------------------------

  /// Cancels every open order; flattens once they are closed (or after
  /// `settle`), then answers.
  caf::result<caf::ok_atom> kill_all(bool flatten, caf::timespan settle);
  /// Ends the emergency once no order it canceled is open.
  void settle_emergency();
  /// Ends emergency `round` when its `settle` time is up, if still under way.
  void settle_timed_out(uint64_t round);
  /// Flattens (if asked) and answers the emergency's requests.
  void end_emergency();
  /// Sends a reduce-only market order closing each open position.
  void close_positions();

  /// Applies a venue's event: refused events (unknown order, invalid
  /// transition, duplicate fill) are logged and counted, never fatal.
  /// Until the first reconciliation of a started engine, such an event is
  /// held and applied after it instead.
  void on_event(const order_event& ev);
  /// Holds `ev` (refused for `why`) if the first reconciliation is to come.
  bool hold_until_reconciled(const order_event& ev, const std::string& why);
  /// Applies the held events, after reconciliation.
  void apply_held();

  /// Aligns the orders with what the venues report: generates the events
  /// missed (submitted, accepted, fills, canceled, expired, rejected, marked
  /// `reconciliation`), adopts orders it never sent (strategy EXTERNAL-000),
  /// and logs position mismatches; logs what it changed per client.
  caf::result<caf::ok_atom> reconcile(const std::vector<execution_mass_status>& xs);

  /// Reads the journal and opens it for appending (at start).
  caf::error open_journal();
  /// Rebuilds the orders from the journal's records at start, before any
  /// venue event can arrive; their fills are booked when the instruments
  /// are known.
  void replay_journal(const std::vector<journal_record>& records);
  /// Forces the journal to disk (batched policy: on the tick, and at stop).
  void sync_journal();
  /// Books the fills that waited for their instrument; tells the listeners
  /// (risk engine, portfolio) each position a replayed fill changed.
  void book_unbooked();
  /// Appends `data` to the journal, if there is one; a failure is logged.
  /// Converts to JSON only then: without a journal, building JSON for every
  /// order event was about 40 % of the heap allocations on the order path.
  template <class T>
  void record(std::string_view kind, const T& data) {
    if (journal)
      append_to_journal(kind, nlohmann::json(data));
  }
  void append_to_journal(std::string_view kind, const nlohmann::json& data);
  /// After reconciliation: an open order (left open by the journal, or held
  /// by a venue that restarted) that its venue's mass status does not mention
  /// is closed (rejected if never accepted, canceled otherwise).
  size_t close_unreported(const std::vector<execution_mass_status>& xs,
                          const std::set<client_order_id>& reported);

  /// Returns the order a report is about (by client or venue order id), or null.
  order* find_reported(const order_status_report& r);
  /// Creates the order a venue reports but this node never sent.
  order& adopt_external(const order_status_report& r);
  /// Generates the events that bring `o` to the report; returns how many.
  size_t align(order& o, const order_status_report& r, const std::vector<fill_report>& fills);

  // -- strategy state (exec_strategy_state.cpp) --------------------------------

  /// Keeps what strategy `id` saved, in the journal too.
  void save_state(const strategy_id& id, strategy_state state);
  /// Restores a `strategy_state` record of the journal; false if it is broken.
  bool replay_state(const journal_record& rec);

  // -- in-flight check (exec_inflight_check.cpp) -------------------------------

  /// Notes that `id`'s `command`, sent to `client`, awaits its answer.
  void await_answer(const client_order_id& id, inflight_commands::command command,
                    const client_id& client);
  /// Arms the next in-flight check, unless the check is off.
  void schedule_inflight_check();
  /// Queries the orders that waited past the threshold; resolves those
  /// queried `inflight_check_retries` times in vain.
  void check_inflight();
  /// Applies a client's answer to a query of the orders `queried`.
  void answer_query(const execution_mass_status& x, const std::set<client_order_id>& queried);
  /// Ends the wait of an order the venue never reported.
  void resolve_inflight(const client_order_id& id);

  /// Returns the number of orders with a command that awaits the venue's answer.
  size_t inflight() const {
    return awaiting.size();
  }
  /// Answers once nothing is in flight, or after `timeout` with an error
  /// naming what still is.
  caf::result<caf::ok_atom> wait_for_inflight(caf::timespan timeout);
  /// Ends wait `id` if it still waits: its timeout is up.
  void inflight_wait_timed_out(uint64_t id);

  /// Sends a cancel or modify of an open order to its client (logs otherwise).
  template <class Command>
  void forward(const Command& cmd, const char* what);
  /// Returns the order `id` if it exists and is still open (logs otherwise).
  order* open_order(const client_order_id& id, const char* command);
  /// Books `fill`; `announce` journals and publishes the position events
  /// (not when replaying the journal).
  void update_positions(const order_filled& fill, bool announce = true);
  void publish(const order_event& ev);
  void publish(const position_event& ev);
  void settle_waiters();
  uuid4 next_id();

  pointer self = nullptr;
  /// The node's clock: every timestamp the engine makes.
  node_clock_ptr clock;
  component_lifecycle lifecycle;
  /// The node's trader, for orders adopted from a venue.
  trader_id trader;
  std::map<client_id, exec_client_actor> clients;
  std::map<venue, client_id> venue_routes;
  std::map<instrument_id, instrument> instruments;
  std::map<strategy_id, execution_event_sink_actor> strategies;
  /// Told every position event (whichever strategy owns the position) and
  /// every account state.
  std::vector<execution_listener_actor> listeners;
  /// Receive every order and position event, of all strategies.
  std::vector<execution_event_sink_actor> observers;
  std::map<client_order_id, order> orders;
  std::map<position_id, position> positions;
  /// Commands sent to a client that have no answer yet.
  inflight_commands awaiting;
  exec_engine_config cfg;
  /// The last state each strategy saved (from the journal after a restart).
  std::map<strategy_id, strategy_state> saved_states;
  /// Orders resolved by the in-flight check, for the log and for tests.
  size_t resolved_inflight = 0;
  /// A check is scheduled (one loop, also across stop and resume).
  bool inflight_check_armed = false;
  /// Events refused (unknown order, invalid transition, overfill) and
  /// duplicate fills ignored, for the log and for tests.
  size_t refused_events = 0;
  size_t duplicate_fills = 0;
  std::mt19937_64 ids;
  /// Requests waiting for inflight() to reach zero, by wait id.
  std::map<uint64_t, caf::typed_response_promise<caf::ok_atom>> inflight_waiters;
  /// Numbers the waits, so that a timeout finds its own.
  uint64_t inflight_waits = 0;
  journal_config journal_cfg;
  std::unique_ptr<journal_store> journal;
  /// Fills waiting for their instrument, and whether to announce them (no
  /// for fills replayed from the journal).
  std::vector<std::pair<order_filled, bool>> unbooked;
  /// Set at reconciliation: every instrument a fill may name is known.
  bool instruments_loaded = false;
  /// The first reconciliation ran; before it, events that cannot apply yet
  /// are held.
  bool reconciled = false;
  std::vector<order_event> held;
  static constexpr size_t max_held_events = 100000;
  /// A batched fsync is scheduled.
  bool sync_pending = false;
  size_t journal_failures = 0;
  /// Numbers the emergency's closing orders.
  uint64_t emergency_orders = 0;
  /// The emergency under way, if any.
  struct emergency_state {
    bool active = false;
    bool flatten = false;
    /// Numbers the emergencies, to ignore the settle timeout of an ended one.
    uint64_t round = 0;
    /// The orders it canceled that are still open.
    std::set<client_order_id> unsettled;
    std::vector<caf::typed_response_promise<caf::ok_atom>> promises;
  } emergency;
};

/// Spawns the execution engine's behavior.
exec_engine_actor::behavior_type exec_engine(exec_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, trader_id trader,
                                             journal_config journal, exec_engine_config cfg);

} // namespace tradenode
