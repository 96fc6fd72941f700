#include "tradenode/node/node_actor.hpp"

#include <caf/exit_reason.hpp>
#include <caf/system_messages.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/request_all.hpp"

// The node supervisor's way down: the stop sequence, dispose and the
// reactions to children that terminate (build and start: node_actor.cpp).

namespace tradenode {

namespace {

// "kill" rather than "exit_reason(kill)" in logs and errors.
std::string reason_text(const caf::error& reason) {
  if (reason.category() == caf::atom("exit"))
    return caf::to_string(static_cast<caf::exit_reason>(reason.code()));
  return describe(reason);
}

bool is_normal_exit(const caf::error& reason) {
  return !reason || reason == caf::exit_reason::normal
         || reason == caf::exit_reason::user_shutdown;
}

} // namespace

// -- stop sequence ------------------------------------------------------------

caf::result<caf::ok_atom> node_supervisor_state::stop() {
  switch (state) {
    case node_state::created:
      return caf::make_error(errc::not_built, "stop: the node is not built");
    case node_state::disposed:
      return caf::make_error(errc::disposed, "stop: the node is disposed");
    case node_state::built:
    case node_state::stopped:
    case node_state::faulted:
      return caf::ok_atom_v;
    default:
      break;
  }
  auto promise = self->make_response_promise<caf::ok_atom>();
  stop_promises.push_back(promise);
  if (state != node_state::stopping)
    begin_stop(caf::error{});
  return promise;
}

caf::result<caf::ok_atom> node_supervisor_state::kill(bool flatten) {
  switch (state) {
    case node_state::created:
      return caf::make_error(errc::not_built, "kill: the node is not built");
    case node_state::disposed:
      return caf::make_error(errc::disposed, "kill: the node is disposed");
    case node_state::built:
    case node_state::stopped:
    case node_state::faulted:
      return caf::ok_atom_v; // nothing trades
    default:
      break;
  }
  log->error("Emergency kill: canceling every open order{}, then stopping",
             flatten ? ", flattening every position" : "");
  auto promise = self->make_response_promise<caf::ok_atom>();
  stop_promises.push_back(promise);
  bool already_asked = static_cast<bool>(kill_request);
  kill_request = flatten || (kill_request && *kill_request);
  if (state != node_state::stopping)
    begin_stop(caf::error{});
  else if (!already_asked)
    // Past the strategies' stop, or stopping for another reason: at once.
    self->request(risk_engine, cfg.timeout_shutdown, kill_atom_v, flatten, kill_settle_time())
      .then([](caf::ok_atom) {},
            [this](caf::error& err) { log->error("Emergency kill: {}", describe(err)); });
  return promise;
}

// Returns the callback that ends stop step `step`: errors are logged (the
// stop goes on regardless, each step being bounded), then `next` runs.
#define TRADENODE_NEXT_STOP_STEP(step, next)                                   \
  [this](caf::error err) {                                                     \
    if (forced)                                                                \
      return;                                                                  \
    if (err)                                                                   \
      log->warn("Stop step {}: {}", step, describe(err));                      \
    else                                                                       \
      log->info("Stop step {} done", step);                                    \
    next();                                                                    \
  }

void node_supervisor_state::begin_stop(caf::error cause) {
  if (cause) {
    log->error("Stopping after failure: {}", describe(cause));
    if (!failure)
      failure = std::move(cause);
  }
  set_state(node_state::stopping);
  stop_strategies();
}

void node_supervisor_state::stop_strategies() {
  named<component_actor> targets;
  for (auto& [id, strategy] : strategies)
    targets.emplace_back("strategy " + id.value(), strategy);
  auto tracker = make_tracker("stop_strategies", targets.size(),
                              TRADENODE_NEXT_STOP_STEP("stop_strategies", cancel_orders_on_stop));
  request_all(self, targets, cfg.timeout_shutdown, tracker, errc::client_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; }, stop_atom_v);
}

void node_supervisor_state::cancel_orders_on_stop() {
  // Through the risk engine, behind the orders the strategies sent last.
  std::vector<strategy_id> cancelers;
  for (auto& x : cfg.strategies)
    if (x.options.cancel_orders_on_stop && strategies.count(x.id) != 0)
      cancelers.push_back(x.id);
  auto tracker = make_tracker("cancel_orders_on_stop", cancelers.size(),
                              TRADENODE_NEXT_STOP_STEP("cancel_orders_on_stop", kill_orders));
  for (auto& id : cancelers)
    request_all(self, named<risk_engine_actor>{{"RiskEngine", risk_engine}},
                cfg.timeout_shutdown, tracker, errc::engine_failed,
                [](const std::string&, caf::ok_atom) { return caf::error{}; }, cancel_atom_v,
                id);
}

void node_supervisor_state::kill_orders() {
  if (!kill_request)
    return await_inflight();
  // After the strategies stopped, so that none sends another order; through
  // the risk engine, so that the orders they sent last are canceled too.
  auto tracker = make_tracker("kill_orders", 1,
                              TRADENODE_NEXT_STOP_STEP("kill_orders", await_inflight));
  request_all(self, named<risk_engine_actor>{{"RiskEngine", risk_engine}}, cfg.timeout_shutdown,
              tracker, errc::engine_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; }, kill_atom_v,
              *kill_request, kill_settle_time());
}

caf::timespan node_supervisor_state::kill_settle_time() const {
  // The other half of the step's time is for sending the closing orders.
  return cfg.timeout_shutdown / 2;
}

void node_supervisor_state::await_inflight() {
  auto tracker = make_tracker("await_inflight", 1,
                              TRADENODE_NEXT_STOP_STEP("await_inflight", disconnect_clients));
  // Asked through the risk engine: the orders strategies sent while stopping
  // (cancels, closing orders) are ahead of the question on that path. The
  // execution engine gives up after `post_stop` naming what it waited for;
  // the request's own deadline only guards against an engine that hangs.
  self->request(risk_engine, cfg.timeout_post_stop + cfg.timeout_shutdown, caf::wait_for_atom_v,
                inflight_atom_v, cfg.timeout_post_stop)
    .then([tracker](caf::ok_atom) { tracker->settle(caf::error{}); },
          [this, tracker](caf::error& err) {
            tracker->settle(err.category() == error_category
                              ? std::move(err)
                              : step_error("await_inflight", "RiskEngine", err,
                                           cfg.timeout_post_stop + cfg.timeout_shutdown,
                                           errc::engine_failed));
          });
}

void node_supervisor_state::disconnect_clients() {
  auto data = named_clients(data_clients, "data client");
  auto exec = named_clients(exec_clients, "exec client");
  // Clients that answer are removed; the rest are stragglers for dispose.
  stragglers.clear();
  for (auto& [addr, child] : children)
    if (child.kind == child_kind::data_client || child.kind == child_kind::exec_client)
      stragglers.insert(addr);
  auto tracker = make_tracker("disconnect", data.size() + exec.size(),
                              TRADENODE_NEXT_STOP_STEP("disconnect", stop_engines));
  auto disconnected = [this](const std::string& who, caf::ok_atom) {
    for (auto i = stragglers.begin(); i != stragglers.end(); ++i) {
      auto child = children.find(*i);
      if (child != children.end() && who == child->second.name) {
        stragglers.erase(i);
        break;
      }
    }
    log->info("Disconnected {}", who);
    return caf::error{};
  };
  request_all(self, data, cfg.timeout_disconnection, tracker, errc::client_failed,
              disconnected, disconnect_atom_v);
  request_all(self, exec, cfg.timeout_disconnection, tracker, errc::client_failed,
              disconnected, disconnect_atom_v);
}

void node_supervisor_state::stop_engines() {
  // The run monitor records what the engines did (the streamer streams it),
  // so the observers stop after them: an event the execution engine sent
  // before its stop answer is then ahead of the observer's stop in its
  // mailbox, and is in the report (and the stream).
  std::set<caf::actor_addr> later;
  for (auto& observer : observers())
    later.insert(observer.second.address());
  named<component_actor> targets;
  for (auto& [addr, child] : children)
    if (child.kind == child_kind::engine && later.count(addr) == 0)
      targets.emplace_back(child.name, caf::actor_cast<component_actor>(child.handle));
  auto tracker = make_tracker("stop_engines", targets.size(),
                              TRADENODE_NEXT_STOP_STEP("stop_engines", stop_run_monitor));
  request_all(self, targets, cfg.timeout_shutdown, tracker, errc::engine_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; }, stop_atom_v);
}

void node_supervisor_state::stop_run_monitor() {
  auto targets = observers();
  auto tracker = make_tracker("stop_run_monitor", targets.size(),
                              TRADENODE_NEXT_STOP_STEP("stop_run_monitor", exit_engines_now));
  request_all(self, targets, cfg.timeout_shutdown, tracker, errc::engine_failed,
              [](const std::string&, caf::ok_atom) { return caf::error{}; }, stop_atom_v);
}

#undef TRADENODE_NEXT_STOP_STEP

void node_supervisor_state::exit_engines_now() {
  stopping_engines = true;
  for (auto& [addr, child] : children)
    if (child.kind == child_kind::engine)
      self->send_exit(child.handle, caf::exit_reason::user_shutdown);
  if (!is_engine_alive())
    finish_run();
}

void node_supervisor_state::force_dispose() {
  // A second dispose (or signal) during stop: skip the remaining stop steps,
  // kill clients and strategies now, and let the engines exit.
  forced = true;
  log->warn("Forced dispose while stopping: skipping the remaining stop steps");
  for (auto& [addr, child] : children) {
    if (child.kind != child_kind::engine) {
      log->error("Killing {}: forced dispose", child.name);
      self->send_exit(child.handle, caf::exit_reason::kill);
    }
  }
  if (!stopping_engines)
    exit_engines_now();
}

std::string node_supervisor_state::failed_start_text() const {
  std::string text = std::to_string(failed_starts.size()) + " strategy(ies) did not start: ";
  for (size_t i = 0; i < failed_starts.size(); ++i)
    text += (i == 0 ? "" : "; ") + failed_starts[i];
  return text;
}

void node_supervisor_state::finish_run() {
  stopping_engines = false;
  forced = false;
  set_state(failure ? node_state::faulted : node_state::stopped);
  if (run_promise.pending()) {
    if (failure)
      run_promise.deliver(failure);
    else if (!failed_starts.empty())
      run_promise.deliver(caf::make_error(errc::strategy_faulted, failed_start_text()));
    else
      run_promise.deliver(caf::ok_atom_v);
  }
  // A promise holds a strong reference to its own actor: drop it, or the
  // supervisor could never become unreachable.
  run_promise = {};
  for (auto& promise : stop_promises)
    promise.deliver(caf::ok_atom_v);
  stop_promises.clear();
  if (dispose_requested)
    dispose_children();
}

// -- dispose ------------------------------------------------------------------

caf::result<caf::ok_atom> node_supervisor_state::dispose() {
  if (state == node_state::created) {
    set_state(node_state::disposed);
    self->quit();
    return caf::ok_atom_v;
  }
  auto promise = self->make_response_promise<caf::ok_atom>();
  dispose_promises.push_back(promise);
  if (disposing)
    return promise;
  if (state == node_state::stopping) {
    // Asked while already stopping (a second signal, an impatient caller):
    // do not wait for the stop steps any longer.
    dispose_requested = true;
    if (!forced)
      force_dispose();
    return promise;
  }
  if (dispose_requested)
    return promise;
  dispose_requested = true;
  if (state == node_state::starting || state == node_state::running)
    begin_stop(caf::error{});
  else if (state != node_state::stopping)
    dispose_children();
  return promise;
}

void node_supervisor_state::dispose_children() {
  disposing = true;
  log->info("Disposing {} component(s)", children.size());
  for (auto& [addr, child] : children) {
    if (stragglers.count(addr) > 0) {
      log->error("Killing {}: it did not disconnect within {}", child.name,
                 format_seconds(cfg.timeout_disconnection));
      self->send_exit(child.handle, caf::exit_reason::kill);
    } else {
      self->send_exit(child.handle, caf::exit_reason::user_shutdown);
    }
  }
  if (children.empty())
    return finish_dispose();
  self->delayed_send(self, cfg.timeout_disconnection, deadline_atom_v,
                     ++deadline_generation);
}

void node_supervisor_state::on_dispose_deadline(uint64_t generation) {
  if (!disposing || generation != deadline_generation || state == node_state::disposed)
    return;
  // Whatever is still alive ignored its exit request: kill it and stop
  // waiting, so that dispose is bounded even by an actor stuck in a handler.
  for (auto& [addr, child] : children) {
    log->error("Killing straggler {}: still alive {} after dispose asked it to exit",
               child.name, format_seconds(cfg.timeout_disconnection));
    self->send_exit(child.handle, caf::exit_reason::kill);
  }
  finish_dispose();
}

void node_supervisor_state::finish_dispose() {
  for (auto& [addr, child] : children)
    self->demonitor(child.handle);
  children.clear();
  data_clients.clear();
  exec_clients.clear();
  strategies.clear();
  data_engine = nullptr;
  risk_engine = nullptr;
  exec_engine = nullptr;
  portfolio_engine = nullptr;
  monitor = nullptr;
  streamer = nullptr;
  disposing = false;
  set_state(node_state::disposed);
  for (auto& promise : dispose_promises)
    promise.deliver(caf::ok_atom_v);
  dispose_promises.clear();
  log->flush();
  // Pending request timeouts and delayed messages hold references to the
  // supervisor for up to a minute: terminate now so that the actor system can
  // shut down at once.
  self->quit();
}

// -- monitoring -----------------------------------------------------------------

void node_supervisor_state::on_down(const caf::down_msg& msg) {
  auto i = children.find(msg.source);
  if (i == children.end())
    return;
  auto child = std::move(i->second);
  children.erase(i);
  stragglers.erase(msg.source);
  auto reason = reason_text(msg.reason);
  if (is_normal_exit(msg.reason))
    log->info("{} terminated ({})", child.name, reason);
  else
    log->error("{} terminated abnormally: {}", child.name, reason);
  switch (child.kind) {
    case child_kind::engine:
      if (!is_normal_exit(msg.reason) || !stopping_engines) {
        auto err = caf::make_error(errc::engine_failed, child.name + " terminated: " + reason);
        if (state == node_state::starting || state == node_state::running)
          begin_stop(std::move(err));
        else if (!failure && !disposing)
          failure = std::move(err);
      }
      if (stopping_engines && !is_engine_alive())
        finish_run();
      break;
    case child_kind::data_client:
    case child_kind::exec_client:
      data_clients.erase(client_id::of(child.name.substr(child.name.rfind(' ') + 1)));
      exec_clients.erase(client_id::of(child.name.substr(child.name.rfind(' ') + 1)));
      if (state == node_state::starting || state == node_state::running)
        begin_stop(caf::make_error(errc::client_failed, child.name + " terminated: " + reason));
      break;
    case child_kind::strategy:
      strategies.erase(strategy_id::of(child.name.substr(child.name.rfind(' ') + 1)));
      break;
    case child_kind::gateway:
      gateway = nullptr;
      if (!disposing && state != node_state::disposed)
        restart_gateway(msg.source, reason);
      break;
  }
  if (disposing && children.empty())
    finish_dispose();
}

} // namespace tradenode
