#include "tradenode/node/backtest.hpp"

#include <chrono>
#include <memory>
#include <optional>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/node_actor.hpp"

namespace tradenode {

namespace {

// The answer to one command the driver sent the supervisor; empty until it came.
using answer = std::shared_ptr<std::optional<caf::error>>;

// The helper that asks the supervisor `what` and notes the answer. Its
// arguments go through spawn (CAF 0.17 dereferences an empty argument tuple
// for a spawned lambda without arguments, which UBSan reports).
template <class... Ts>
void ask_helper(caf::event_based_actor* self, node_actor node, answer result, Ts... what) {
  self->request(node, caf::infinite, what...)
    .then([self, result](caf::ok_atom) {
            *result = caf::error{};
            self->quit();
          },
          [self, result](caf::error& err) {
            *result = std::move(err);
            self->quit();
          });
}

// Asks the supervisor `what` from a helper actor that notes the answer.
template <class... Ts>
answer ask(caf::actor_system& sys, const node_actor& node, Ts... what) {
  auto result = std::make_shared<std::optional<caf::error>>();
  sys.spawn(ask_helper<Ts...>, node, result, what...);
  return result;
}

// Runs every actor that has work; when none has, moves the clock to the next
// timeout (a timer, a delayed message: the replay's next event among them)
// and fires it. Returns once `answered` has its answer, or nothing is left
// to run and no timeout is pending (then the node is stuck: an error).
caf::error drive(caf::scheduler::test_coordinator& sched, const answer& answered,
                 const char* what, const std::function<void()>& between = {}) {
  for (;;) {
    sched.run();
    if (*answered)
      return **answered;
    if (between)
      between();
    if (!sched.has_pending_timeout())
      return caf::make_error(errc::invalid_state,
                             std::string{"backtest: the node stopped working before its "}
                               + what + " was answered");
    sched.trigger_timeout();
  }
}

caf::error refuse_unsupported(const node_config& cfg) {
  if (cfg.remote.enabled)
    return caf::make_error(errc::invalid_config,
                           "remote: a backtest runs no gateway (remote strategies and monitors "
                           "follow the wall clock); set remote.enabled to false");
  return caf::none;
}

} // namespace

caf::expected<backtest_result> run_backtest(node_config cfg, factory_registry factories,
                                            backtest_options options) {
  auto wall_start = std::chrono::steady_clock::now();
  if (auto err = refuse_unsupported(cfg))
    return err;
  auto checked = check_config(cfg, factories);
  if (!checked)
    return std::move(checked.error());
  if (!checked->data_clock)
    return caf::make_error(errc::invalid_config,
                           "data_clients: a backtest needs a client replaying recorded data "
                           "(factory \"replay\"): its data gives the node's clock");
  if (checked->stop_at_end.empty())
    return caf::make_error(errc::invalid_config,
                           "data_clients." + checked->data_clock->first.value()
                             + ".settings.stop_at_end: a backtest ends when its data ends; "
                               "it must be true");
  caf::actor_system_config sys_cfg;
  sys_cfg.set("scheduler.policy", caf::atom("testing"));
  register_types(sys_cfg);
  caf::actor_system sys{sys_cfg};
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  // Streams to Redis come from a detached actor (its own thread): not in a
  // deterministic run.
  auto log_sinks = make_log_sinks(cfg.logging);
  if (!log_sinks)
    return std::move(log_sinks.error());
  auto log = make_logger("Backtest", *log_sinks, cfg.logging.level);
  cfg.logging.console = false;
  cfg.logging.file.clear();
  cfg.logging.extra_sinks = *log_sinks;
  if (cfg.streaming) {
    log->info("Backtest: streaming to Redis is off");
    cfg.streaming.reset();
  }
  // Status lines count events per second of the actor clock, which a
  // backtest moves through the data's hours in moments: they would flood.
  cfg.report.status_interval = caf::timespan{0};
  if (cfg.journal.enabled() && !options.keep_journal) {
    log->info("Backtest: the execution journal is off (keep it with --journal)");
    cfg.journal = journal_config{};
  }
  cfg.clock = node_clock::data(sched.clock(), checked->data_clock->second, true);
  auto clock = cfg.clock;
  auto node = sys.spawn(node_supervisor, std::move(cfg), std::move(factories));
  backtest_result result;
  auto run = [&]() -> caf::error {
    if (auto err = drive(sched, ask(sys, node, build_atom_v), "build"))
      return err;
    result.started = clock->now();
    bool stop_sent = false;
    auto stop_on_request = [&] {
      if (!stop_sent && options.stop_requested && options.stop_requested()) {
        stop_sent = true;
        log->warn("Backtest: stopping on request");
        caf::anon_send(node, stop_atom_v);
      }
    };
    auto err = drive(sched, ask(sys, node, run_atom_v), "run", stop_on_request);
    result.ended = clock->now();
    return err;
  };
  auto err = run();
  // Dispose whatever happened; the run's error is the one to report.
  auto disposed = drive(sched, ask(sys, node, dispose_atom_v), "dispose");
  // Timers of actors gone (delayed messages hold their receivers) go too.
  sched.clock().cancel_all();
  sched.run();
  if (err)
    return err;
  if (disposed && disposed != caf::sec::request_receiver_down)
    return disposed;
  result.wall_seconds
    = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  log->info("Backtest: data time {} to {} in {:.3f} s", to_iso8601(result.started),
            to_iso8601(result.ended), result.wall_seconds);
  return result;
}

} // namespace tradenode
