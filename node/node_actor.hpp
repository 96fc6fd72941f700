#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/portfolio.hpp"
#include "tradenode/actors/risk_engine.hpp"
#include "tradenode/adapters/redis/redis_streamer.hpp"
#include "tradenode/node/factory_registry.hpp"
#include "tradenode/node/node_config.hpp"
#include "tradenode/node/remote/gateway.hpp"
#include "tradenode/node/request_all.hpp"
#include "tradenode/node/run_monitor.hpp"

namespace tradenode {

/// The node supervisor's interface: the lifecycle commands and queries.
/// build, run, stop and dispose answer ok or a tradenode error; run answers
/// only when the run has finished (every engine actor has terminated).
using node_actor = caf::typed_actor<
  caf::replies_to<build_atom>::with<caf::ok_atom>,
  caf::replies_to<run_atom>::with<caf::ok_atom>,
  caf::replies_to<stop_atom>::with<caf::ok_atom>,
  caf::replies_to<dispose_atom>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, state_atom>::with<node_state>,
  caf::replies_to<caf::get_atom, engines_atom>::with<std::vector<caf::actor>>,
  caf::replies_to<caf::get_atom, caf::publish_atom>::with<uint16_t>,
  caf::replies_to<adopt_atom, strategy_id, strategy_actor>::with<caf::ok_atom>,
  caf::replies_to<kill_atom, bool>::with<caf::ok_atom>,
  caf::reacts_to<caf::publish_atom, uint32_t>,
  caf::reacts_to<deadline_atom, uint64_t>>;

/// State of the node supervisor. It monitors (never links) every child, drives
/// the sequences below with requests bounded by the config's timeouts, and
/// keeps the promises of run, stop and dispose.
///
/// Build: 1. spawn the engines; 2. build every data client, execution client
/// and strategy from its registered factory and register the clients with
/// their engines. Any failure kills what was spawned and leaves CREATED.
///
/// With `remote.enabled`, build also publishes the gateway (3.), and the
/// supervisor adopts remote strategies while RUNNING (see gateway.hpp).
///
/// Start (run): 1. start engines; 2. connect all clients (timeout_connection
/// each); 3. load instruments from the data clients into the data engine;
/// 4. reconcile: collect every execution client's mass status
/// (timeout_reconciliation) and hand it to the execution engine;
/// 5. initialize the portfolio (timeout_portfolio); 6. start strategies
/// (timeout_shutdown) -> RUNNING. A failed or timed-out step stops the node and
/// run's reply carries the error naming the step and the component. A
/// strategy that fails to start (its start fails, or an instrument it
/// declares is provided by no data client) is isolated and the node trades
/// on; run's reply is then `errc::strategy_faulted` naming it and why.
///
/// Kill (the emergency, `kill_atom, flatten`): the stop below, with step 1b
/// between 1 and 2 (timeout_shutdown): the execution engine cancels every open
/// order (the request goes through the risk engine, behind the strategies'
/// last orders) and, with flatten, closes every position once the cancels are
/// settled (or half of timeout_shutdown has passed); answered when the node
/// has stopped.
///
/// Stop (stop, SIGINT/SIGTERM, failure): 1. stop strategies, and cancel
/// every open order of those configured to cancel on stop (timeout_shutdown);
/// 2. wait until every command sent to a venue, the stop's cancels included,
/// has its answer (timeout_post_stop; the error names what is still
/// unanswered, and the stop goes on); 3. disconnect clients
/// (timeout_disconnection); 4. stop the engines and ask them to exit; 5. when
/// the last engine is down: STOPPED (or FAULTED) and run's reply is delivered.
///
/// Dispose (from any state): stop first if needed; then ask every remaining
/// child to exit; a client that did not disconnect, and anything still alive
/// timeout_disconnection later, is killed and named in the log. Then DISPOSED,
/// dispose's reply is delivered and the supervisor itself terminates (later
/// requests fail with sec::request_receiver_down). A dispose that arrives
/// while the node is already STOPPING forces: clients and strategies are
/// killed at once and the remaining stop steps are skipped.
struct node_supervisor_state {
  using pointer = node_actor::stateful_pointer<node_supervisor_state>;

  static inline const char* name = "node_supervisor";

  enum class child_kind { engine, data_client, exec_client, strategy, gateway };

  struct child_info {
    std::string name;
    child_kind kind;
    caf::actor handle;
  };

  explicit node_supervisor_state(pointer self_ptr) : self(self_ptr) {
  }

  // -- commands ---------------------------------------------------------------

  caf::result<caf::ok_atom> build();
  caf::result<caf::ok_atom> run();
  caf::result<caf::ok_atom> stop();
  caf::result<caf::ok_atom> kill(bool flatten);
  caf::result<caf::ok_atom> dispose();
  std::vector<caf::actor> engines() const;

  // -- sequences ----------------------------------------------------------------

  caf::error spawn_engines();
  caf::error build_components();
  void start_engines();
  void connect_clients();
  void load_instruments();
  void reconcile();
  void initialize_portfolio();
  void start_strategies();
  /// With replay clients that stop the node at their end: stops the node
  /// once the data engine says all of them ended.
  void stop_when_data_ends();
  void begin_stop(caf::error cause);
  void stop_strategies();
  /// Has the execution engine cancel every open order of the strategies
  /// that cancel on stop, also those the strategy did not know of (orders
  /// recovered from the journal): their answers are then in flight.
  void cancel_orders_on_stop();
  void kill_orders();
  /// How long the emergency waits for its cancels before it flattens.
  caf::timespan kill_settle_time() const;
  void await_inflight();
  void disconnect_clients();
  void stop_engines();
  void stop_run_monitor();
  void exit_engines_now();
  void force_dispose();
  void finish_run();
  void dispose_children();
  void on_dispose_deadline(uint64_t generation);
  void finish_dispose();
  void on_down(const caf::down_msg& msg);

  // -- distributed nodes (node_remote.cpp) ----------------------------------------

  /// Spawns the gateway and publishes it (config section `remote`), on the
  /// port of an earlier gateway if there was one; `done` gets the outcome.
  /// Build's reply waits for it.
  void publish_gateway(std::function<void(caf::error)> done);
  /// A gateway that died while the node runs (a peer can kill it: CAF 0.17
  /// delivers an unconditional exit from any peer holding its handle) is
  /// published again on its port.
  void restart_gateway(const caf::actor_addr& dead, const std::string& reason);
  /// Publishes the gateway again; until its port is free again, retries
  /// every 100 ms (`attempt` counts them, up to 100).
  void republish_gateway(uint32_t attempt);
  /// Adopts a remote strategy's link while RUNNING: a child like a local
  /// strategy, registered with the execution engine, then started.
  caf::result<caf::ok_atom> adopt_strategy(const strategy_id& id, const strategy_actor& handle);
  /// Undoes a build that failed: kills every child spawned so far.
  void abandon_build(const caf::error& err);

  // -- helpers -----------------------------------------------------------------

  void set_state(node_state next);
  template <class Handle>
  void adopt(const std::string& child_name, child_kind kind, const Handle& handle);
  bool is_engine_alive() const;
  /// Names the strategies that failed to start, and why.
  std::string failed_start_text() const;
  /// The engines that observe the others (the run monitor, the streamer):
  /// they stop after the others, so that they see what those did last.
  named<component_actor> observers() const;

  pointer self;
  node_config cfg;
  factory_registry factories;
  std::vector<spdlog::sink_ptr> sinks;
  std::shared_ptr<spdlog::logger> log;
  node_state state = node_state::created;
  /// The node's one clock (made at build): every component reads it.
  node_clock_ptr clock;

  data_engine_actor data_engine;
  risk_engine_actor risk_engine;
  exec_engine_actor exec_engine;
  portfolio_actor portfolio_engine;
  /// Status lines and the end-of-run report.
  run_monitor_actor monitor;
  /// Order and position events to Redis streams (section `streaming`).
  redis_streamer_actor streamer;
  std::map<client_id, data_client_actor> data_clients;
  std::map<client_id, exec_client_actor> exec_clients;
  std::map<strategy_id, strategy_actor> strategies;
  /// The instruments each strategy declared; it starts only when provided.
  std::map<strategy_id, std::vector<instrument_id>> strategy_instruments;
  /// The data clients whose end of data stops the node (replays).
  std::vector<client_id> stop_at_end;
  /// The instruments the data clients provide (loaded at start).
  std::set<instrument_id> provided_instruments;
  /// Strategies that failed to start, each with why: run's reply is then an
  /// error (errc::strategy_faulted), though the node traded on without them.
  std::vector<std::string> failed_starts;
  std::map<caf::actor_addr, child_info> children;
  /// The published gateway (config section `remote`) and its port.
  gateway_actor gateway;
  uint16_t gateway_port = 0;

  /// The first error of the current run (failed step, dead engine).
  caf::error failure;
  bool stopping_engines = false;
  bool dispose_requested = false;
  /// An emergency kill asked for (the value: flatten positions too).
  caf::optional<bool> kill_request;
  /// Set by a second dispose during stop: the remaining stop steps are skipped.
  bool forced = false;
  bool disposing = false;
  uint64_t deadline_generation = 0;
  /// Clients that did not disconnect in time: killed at dispose without waiting.
  std::set<caf::actor_addr> stragglers;
  std::vector<execution_mass_status> mass_statuses;
  caf::typed_response_promise<caf::ok_atom> run_promise;
  std::vector<caf::typed_response_promise<caf::ok_atom>> stop_promises;
  std::vector<caf::typed_response_promise<caf::ok_atom>> dispose_promises;
};

template <class Handle>
void node_supervisor_state::adopt(const std::string& child_name, child_kind kind,
                                  const Handle& handle) {
  auto actor = caf::actor_cast<caf::actor>(handle);
  self->monitor(actor);
  children[actor.address()] = child_info{child_name, kind, actor};
  // The data engine's log names its subscribers by these names.
  if (data_engine)
    self->send(data_engine, caf::put_atom_v, actor, child_name);
}

/// Spawns the node supervisor for `cfg`, building components from `factories`.
/// Embedders spawn it in their own actor_system (after register_types) and
/// drive it with build_atom, run_atom, stop_atom and dispose_atom requests.
node_actor::behavior_type
node_supervisor(node_supervisor_state::pointer self, node_config cfg,
                factory_registry factories);

} // namespace tradenode
