#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/rate_limiter.hpp"
#include "tradenode/actors/risk_engine_config.hpp"

namespace tradenode {

/// Checks every order command before it reaches the execution engine. A
/// submit that fails a check is denied (order_denied, with the reason, to the
/// strategy through the execution engine); a modify that fails is rejected
/// (order_modify_rejected); cancels always pass. `(put_atom, trading_state)`
/// switches between ACTIVE, HALTED and REDUCING at run time. For instruments
/// with a notional limit it subscribes to quotes, to value market orders.
/// `(wait_for, inflight, timeout)`, `(cancel, strategy)` and the emergency
/// `(kill, flatten, settle)` go on to the execution engine behind the
/// commands passed before them.
using risk_engine_actor = component_actor::extend<
  caf::replies_to<caf::add_atom, std::vector<instrument>>::with<caf::ok_atom>,
  caf::replies_to<caf::put_atom, trading_state>::with<caf::ok_atom>,
  caf::replies_to<caf::wait_for_atom, inflight_atom, caf::timespan>::with<caf::ok_atom>,
  caf::replies_to<kill_atom, bool, caf::timespan>::with<caf::ok_atom>,
  caf::replies_to<cancel_atom, strategy_id>::with<caf::ok_atom>,
  caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
  caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>,
  caf::reacts_to<position_event>, caf::reacts_to<account_state>,
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>>;

/// State of the risk engine actor.
struct risk_engine_state {
  using pointer = risk_engine_actor::stateful_pointer<risk_engine_state>;

  static inline const char* name = "risk_engine";

  /// Returns why `cmd` must be denied, or an empty string if it passes.
  std::string check_submit(const submit_order& cmd, unix_nanos now);

  /// Returns why `cmd` must be rejected, or an empty string if it passes.
  std::string check_modify(const modify_order& cmd, unix_nanos now);

  /// Adds instruments; subscribes to the quotes of those with a notional limit.
  void load(const std::vector<instrument>& xs);

  /// Records a position's open quantity from its latest event.
  void on_position(const position_event& ev);

  /// Returns the open quantity of `strategy` on `id` (0: all strategies), signed.
  int64_t position_of(const instrument_id& id, const strategy_id* strategy) const;

  pointer self = nullptr;
  /// The node's clock: the rate limits count on it.
  node_clock_ptr clock;
  component_lifecycle lifecycle;
  risk_engine_config cfg;
  data_engine_actor data_engine;
  /// The last quote of each instrument with a notional limit.
  std::map<instrument_id, quote_tick> last_quotes;
  trading_state state = trading_state::active;
  exec_engine_actor exec_engine;
  std::map<instrument_id, instrument> instruments;
  /// Open quantity per (instrument, strategy), positive long.
  std::map<std::pair<instrument_id, strategy_id>, int64_t> positions;
  rate_limiter submit_rate;
  rate_limiter modify_rate;
};

/// Spawns the risk engine's behavior; commands that pass go to `exec_engine`;
/// quotes come from `data_engine`.
risk_engine_actor::behavior_type risk_engine(risk_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, exec_engine_actor exec_engine,
                                             data_engine_actor data_engine,
                                             risk_engine_config cfg);

} // namespace tradenode
