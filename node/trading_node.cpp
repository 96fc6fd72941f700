#include "tradenode/node/trading_node.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/signal_guard.hpp"
#include "tradenode/node/worker_thread.hpp"

namespace tradenode {

namespace {

// A node's own actor system loads CAF's middleman (and the openssl module for
// a gateway with TLS): clients such as the
// sandbox's venue connection reach other processes through it.
caf::actor_system_config& registered(caf::actor_system_config& cfg, const node_config& node) {
  register_types(cfg);
  apply_scheduler_config(cfg, node.scheduler);
  cfg.load<caf::io::middleman>();
  // Heartbeats for every connection (gateway peers, feeds, venue processes);
  // the TLS files also serve remote feeds with "tls": true.
  apply_remote_config(cfg, node.remote.tls, node.remote.heartbeat_interval,
                      node.remote.connection_timeout);
  return cfg;
}

void throw_if(caf::error err) {
  if (err)
    throw node_error{std::move(err)};
}

// The facade creates the log sinks once and hands them to the supervisor as
// extra sinks, so that both write through the same file handle.
std::shared_ptr<spdlog::logger> share_sinks(node_config& cfg) {
  auto sinks = make_log_sinks(cfg.logging);
  throw_if(sinks ? caf::error{} : sinks.error());
  cfg.logging.console = false;
  cfg.logging.file.clear();
  cfg.logging.extra_sinks = *sinks;
  return make_logger("TradingNode", *sinks, cfg.logging.level);
}

} // namespace

node_error::node_error(caf::error err)
  : std::runtime_error(describe(err)), error_(std::move(err)) {
  // nop
}

trading_node::trading_node(node_config cfg) : trading_node(std::move(cfg), builtin_factories()) {
}

trading_node::trading_node(node_config cfg, factory_registry factories)
  : own_config_(std::make_unique<caf::actor_system_config>()),
    own_system_(std::make_unique<caf::actor_system>(registered(*own_config_, cfg))),
    sys_(own_system_.get()),
    cfg_(std::move(cfg)),
    factories_(std::move(factories)),
    log_(share_sinks(cfg_)) {
  log_->info("Scheduler: {} profile, {} worker threads", to_string(cfg_.scheduler.profile),
             sys_->scheduler().num_workers());
}

trading_node::trading_node(caf::actor_system& sys, node_config cfg)
  : trading_node(sys, std::move(cfg), builtin_factories()) {
}

trading_node::trading_node(caf::actor_system& sys, node_config cfg, factory_registry factories)
  : sys_(&sys), cfg_(std::move(cfg)), factories_(std::move(factories)), log_(share_sinks(cfg_)) {
  // The host created its system: it chose the scheduler.
  if (cfg_.scheduler.profile != scheduler_profile::balanced || cfg_.scheduler.threads != 0)
    log_->warn("The scheduler section is ignored for a borrowed actor system: call "
               "apply_scheduler_config on its actor_system_config instead");
}

trading_node::~trading_node() {
  try {
    dispose();
  } catch (const std::exception& e) {
    log_->error("Dispose at destruction failed: {}", e.what());
  }
}

// Runs one registration on the factory registry, which is frozen once build
// has handed a copy of it to the supervisor.
template <class Register>
void trading_node::add_factory(Register add) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (node_)
    throw_if(caf::make_error(errc::invalid_factory, "factories must be added before build"));
  throw_if(add(factories_));
}

void trading_node::add_data_client_factory(std::string name, data_client_factory f) {
  add_factory([&](factory_registry& registry) {
    return registry.add_data_client_factory(std::move(name), std::move(f));
  });
}

void trading_node::add_exec_client_factory(std::string name, exec_client_factory f) {
  add_factory([&](factory_registry& registry) {
    return registry.add_exec_client_factory(std::move(name), std::move(f));
  });
}

void trading_node::add_strategy_factory(std::string name, strategy_factory f) {
  add_factory([&](factory_registry& registry) {
    return registry.add_strategy_factory(std::move(name), std::move(f));
  });
}

void trading_node::spawn_supervisor() {
  std::lock_guard<std::mutex> guard{mtx_};
  if (!node_)
    node_ = sys_->spawn(node_supervisor, cfg_, factories_);
}

node_actor trading_node::handle() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return node_;
}

// Sends `what` to the supervisor from a short-lived helper actor and turns
// its answer into a future, so that no thread blocks while waiting.
template <class Atom, class... Args>
std::future<void> trading_node::request_async(Atom what, Args... args) {
  auto promise = std::make_shared<std::promise<void>>();
  auto result = promise->get_future();
  auto node = handle();
  if (!node) {
    promise->set_exception(std::make_exception_ptr(
      node_error{caf::make_error(errc::not_built, "the node is not built")}));
    return result;
  }
  // The captures travel as spawn arguments: CAF 0.17.6 binds a null
  // reference for a function actor spawned without any (UBSan reports it).
  auto helper = [](caf::event_based_actor* self, node_actor target,
                   std::shared_ptr<std::promise<void>> done, Atom command,
                   Args... xs) -> caf::behavior {
    self->request(target, caf::infinite, command, xs...)
      .then(
        [self, done](caf::ok_atom) {
          done->set_value();
          self->quit();
        },
        [self, done](caf::error& err) {
          done->set_exception(std::make_exception_ptr(node_error{std::move(err)}));
          self->quit();
        });
    return {[](caf::unit_t) {}};
  };
  sys_->spawn(helper, node, promise, what, args...);
  return result;
}

void trading_node::build() {
  spawn_supervisor();
  request_async(build_atom_v).get();
}

std::future<void> trading_node::run_async() {
  return request_async(run_atom_v);
}

void trading_node::run(bool raise_exception) {
  if (on_worker_thread(*sys_)) {
    // Blocking here would take a worker from the actors that run the node.
    run_async();
    log_->info("run() called from an actor: the run continues asynchronously");
    return;
  }
  auto node = handle();
  // The first signal stops the node, a second one disposes it at once. Caught
  // before the run starts, so that none meets the default handler.
  signal_guard signals{[node] { caf::anon_send(node, stop_atom_v); },
                       [node] { caf::anon_send(node, dispose_atom_v); }};
  auto done = run_async();
  try {
    done.get();
  } catch (const node_error& e) {
    log_->error("Run failed: {}", e.what());
    if (raise_exception)
      throw;
  }
}

void trading_node::kill(bool flatten) {
  request_async(kill_atom_v, flatten).get();
}

void trading_node::stop() {
  stop_async().get();
}

std::future<void> trading_node::stop_async() {
  return request_async(stop_atom_v);
}

void trading_node::dispose() {
  if (!handle() || disposed_)
    return;
  try {
    request_async(dispose_atom_v).get();
  } catch (const node_error& e) {
    // The supervisor terminates only after a dispose (e.g. one forced by a
    // second signal): it is gone, so the node is disposed.
    if (e.error() != caf::sec::request_receiver_down)
      throw;
  }
  disposed_ = true;
}

node_state trading_node::state() {
  auto node = handle();
  if (!node)
    return node_state::created;
  if (disposed_)
    return node_state::disposed;
  caf::scoped_actor self{*sys_};
  auto result = node_state::created;
  self->request(node, caf::infinite, caf::get_atom_v, state_atom_v)
    .receive([&](node_state x) { result = x; },
             [&](caf::error& err) {
               // Only dispose terminates the supervisor (e.g. a dispose_atom
               // sent by an embedder).
               if (err == caf::sec::request_receiver_down)
                 result = node_state::disposed;
               else
                 throw node_error{std::move(err)};
             });
  return result;
}

} // namespace tradenode
