#pragma once

#include <map>
#include <memory>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/portfolio.hpp"
#include "tradenode/node/node_config.hpp"
#include "tradenode/node/run_report.hpp"

namespace tradenode {

/// The run monitor: a component the node runs beside its engines. It
/// observes every order and position event (an execution engine observer),
/// samples the portfolio's PnL and the data engine's event count on a timer,
/// logs a status line every `status_interval`, and at stop logs the run
/// report's summary and writes its files (when `output_dir` is set).
using run_monitor_actor
  = component_actor::extend<caf::reacts_to<order_event>, caf::reacts_to<position_event>,
                            caf::reacts_to<caf::tick_atom>>;

struct run_monitor_state {
  using pointer = run_monitor_actor::stateful_pointer<run_monitor_state>;

  static inline const char* name = "run_monitor";

  run_monitor_state() = default;

  void on_order_event(const order_event& ev);
  void on_position_event(const position_event& ev);
  /// Takes a PnL sample, and logs the status line when it is due.
  void sample();
  void log_status(uint64_t events, caf::timespan elapsed);
  /// Finishes the report, logs its summary and writes its files.
  void finish();

  pointer self = nullptr;
  /// The node's clock: the report's times and samples.
  node_clock_ptr clock;
  component_lifecycle lifecycle;
  report_config cfg;
  data_engine_actor data_engine;
  portfolio_actor portfolio;
  run_report report;
  std::map<client_order_id, size_t> order_index;
  /// Each life of a position (netting reopens the same id) is one row.
  std::map<std::pair<position_id, unix_nanos>, size_t> position_index;
  caf::actor_clock::time_point last_status;
  uint64_t events_at_last_status = 0;
  bool ticking = false;
};

run_monitor_actor::behavior_type run_monitor(run_monitor_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, report_config cfg,
                                             data_engine_actor data_engine,
                                             portfolio_actor portfolio);

} // namespace tradenode
