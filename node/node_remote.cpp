#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/logging.hpp"
#include "tradenode/node/node_actor.hpp"

namespace tradenode {

namespace {

constexpr auto publish_timeout = std::chrono::seconds{10};

// The middleman that listens: CAF's openssl module when TLS is on.
caf::expected<caf::io::middleman_actor> listener(caf::actor_system& sys, const remote_config& x) {
  if (x.tls.enabled()) {
    if (!sys.has_openssl_manager())
      return caf::make_error(errc::invalid_config,
                             "remote.tls: the actor system has no openssl module (call "
                             "tradenode::apply_remote_config on its config)");
    return sys.openssl_manager().actor_handle();
  }
  if (!sys.has_middleman())
    return caf::make_error(errc::invalid_config,
                           "remote: the actor system has no middleman "
                           "(cfg.load<caf::io::middleman>())");
  return sys.middleman().actor_handle();
}

} // namespace

void node_supervisor_state::publish_gateway(std::function<void(caf::error)> done) {
  auto& remote = cfg.remote;
  auto mm = listener(self->system(), remote);
  if (!mm)
    return done(std::move(mm.error()));
  if (remote.token.empty() && gateway_port == 0)
    log->warn("Gateway: no remote.token_file: any process that reaches {} can attach",
              remote.host);
  gateway = spawn_gateway(self->system(),
                          gateway_setup{remote, cfg.trader_id,
                                        make_logger("Gateway", sinks, cfg.logging.level),
                                        strategy_adopter_actor{self}, data_engine, risk_engine,
                                        exec_engine, cfg.timeout_shutdown,
                                        node_killer_actor{self}, clock});
  adopt("Gateway", child_kind::gateway, gateway);
  self->send(gateway, state);
  auto port = gateway_port != 0 ? gateway_port : remote.port;
  auto where = remote.host + ":" + std::to_string(port);
  // CAF's publish() would listen on every interface without an address:
  // always pass the configured host.
  self
    ->request(*mm, publish_timeout, caf::publish_atom_v, port,
              caf::actor_cast<caf::strong_actor_ptr>(gateway),
              self->system().message_types(gateway), remote.host, true)
    .then(
      [this, done](uint16_t actual) {
        gateway_port = actual;
        log->info("Gateway listening on {}:{}{}", cfg.remote.host, actual,
                  cfg.remote.tls.enabled() ? " (mutual TLS)" : "");
        done(caf::none);
      },
      [done, where](caf::error& err) {
        done(caf::make_error(errc::invalid_config,
                             "remote: cannot listen on " + where + ": " + to_string(err)));
      });
}

void node_supervisor_state::restart_gateway(const caf::actor_addr& dead,
                                            const std::string& reason) {
  log->error("Gateway terminated ({}): publishing it again", reason);
  if (auto mm = listener(self->system(), cfg.remote))
    self->send(*mm, caf::unpublish_atom_v, dead, gateway_port);
  republish_gateway(0);
}

void node_supervisor_state::republish_gateway(uint32_t attempt) {
  if (gateway || disposing || state == node_state::disposed)
    return;
  publish_gateway([this, attempt](caf::error err) {
    if (!err)
      return;
    // The dead gateway's listening socket closes asynchronously.
    if (gateway) {
      self->demonitor(caf::actor_cast<caf::actor>(gateway));
      children.erase(gateway.address());
      self->send_exit(gateway, caf::exit_reason::user_shutdown);
      gateway = nullptr;
    }
    if (attempt < 100)
      self->delayed_send(self, std::chrono::milliseconds{100}, caf::publish_atom_v, attempt + 1);
    else
      log->error("Gateway: not published again: {}", describe(err));
  });
}

caf::result<caf::ok_atom> node_supervisor_state::adopt_strategy(const strategy_id& id,
                                                                const strategy_actor& handle) {
  if (state != node_state::running)
    return caf::make_error(errc::invalid_state, "strategy " + id.value()
                                                  + ": the node is not running (it is "
                                                  + std::string{to_string(state)} + ")");
  if (strategies.count(id) > 0)
    return caf::make_error(errc::invalid_argument,
                           "strategy " + id.value() + ": the id is already in use on this node");
  adopt("strategy " + id.value(), child_kind::strategy, handle);
  strategies[id] = handle;
  auto rp = self->make_response_promise<caf::ok_atom>();
  auto child_name = "strategy " + id.value();
  self->request(exec_engine, cfg.timeout_shutdown, caf::add_atom_v, id,
                execution_event_sink_actor{handle})
    .then(
      [this, rp, handle, child_name](caf::ok_atom) mutable {
        self->request(handle, cfg.timeout_shutdown, start_atom_v)
          .then(
            [this, rp, child_name](caf::ok_atom) mutable {
              log->info("Remote {} attached and RUNNING", child_name);
              rp.deliver(caf::ok_atom_v);
            },
            [this, rp, child_name](caf::error& err) mutable {
              log->error("Remote {} failed to start: {}", child_name, describe(err));
              rp.deliver(std::move(err));
            });
      },
      [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  return rp;
}

} // namespace tradenode
