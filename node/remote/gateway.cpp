#include "tradenode/node/remote/gateway.hpp"

#include <set>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/remote/stream_relay.hpp"

namespace tradenode {

namespace {

struct gateway_state {
  using pointer = gateway_actor::stateful_pointer<gateway_state>;

  static inline const char* name = "gateway";

  gateway_state() = default;

  std::string peer() const {
    auto sender = self->current_sender();
    return sender ? to_string(sender->node()) : std::string{"an anonymous sender"};
  }

  // An error for a request without the node's token; logged with the peer.
  caf::error check_token(const std::string& token, const std::string& what) const {
    if (setup.cfg.token.empty() || same_token(setup.cfg.token, token))
      return caf::none;
    setup.log->warn("Gateway: refused {} from node {}: wrong token", what, peer());
    return caf::make_error(errc::unauthorized, "the node refused " + what + ": wrong token");
  }

  pointer self = nullptr;
  gateway_setup setup;
  node_state current = node_state::created;
  std::set<stream_relay_actor> relays;
  /// Every link handed out: the node disposes the adopted ones, the gateway
  /// ends the others (a peer that never attached its front) when it exits.
  std::vector<caf::weak_actor_ptr> links;
};

gateway_actor::behavior_type gateway(gateway_state::pointer self, gateway_setup setup) {
  auto& st = self->state;
  st.self = self;
  st.setup = std::move(setup);
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& relays = self->state.relays;
    for (auto i = relays.begin(); i != relays.end(); ++i)
      if (i->address() == msg.source) {
        relays.erase(i);
        return;
      }
  });
  // A message outside the interface (a peer sending a wrong type): answered
  // with unexpected_message, as CAF would, and logged with the peer.
  self->set_default_handler([self](caf::scheduled_actor*, caf::message_view& x)
                              -> caf::result<caf::message> {
    auto text = x.content().stringify();
    if (text.size() > 200)
      text = text.substr(0, 200) + "...";
    self->state.setup.log->warn("Gateway: dropped a message outside its interface from node {}: {}",
                                self->state.peer(), text);
    return caf::sec::unexpected_message;
  });
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    // Only this process may end the gateway: a peer could send it an exit too.
    if (msg.source && msg.source.node() != self->node()) {
      self->state.setup.log->warn("Gateway: ignored an exit message from node {}",
                                  to_string(msg.source.node()));
      return;
    }
    for (auto& relay : self->state.relays)
      self->send_exit(relay, msg.reason);
    for (auto& link : self->state.links)
      if (auto alive = link.lock())
        self->send_exit(caf::actor_cast<caf::actor>(alive), msg.reason);
    self->quit(msg.reason);
  });
  return {
    [self](attach_atom, const std::string& token,
           const strategy_id& id) -> caf::result<caf::actor, trader_id> {
      auto& gw = self->state;
      if (auto err = gw.check_token(token, "a strategy"))
        return err;
      // Deserialized ids skip the checks of make(): check again.
      auto checked = strategy_id::make(id.value());
      if (!checked)
        return caf::make_error(errc::invalid_argument,
                               "strategy id: " + context_of(checked.error()));
      if (gw.current != node_state::running)
        return caf::make_error(errc::invalid_state, "the node is not running (it is "
                                                      + std::string{to_string(gw.current)} + ")");
      gw.setup.log->info("Gateway: strategy {} attaching from node {}", id.value(), gw.peer());
      strategy_link_setup link{*checked,
                               gw.setup.trader,
                               gw.setup.log,
                               gw.setup.supervisor,
                               gw.setup.data_engine,
                               gw.setup.risk_engine,
                               gw.setup.cfg.on_strategy_lost,
                               gw.setup.timeout_shutdown,
                               gw.setup.clock};
      auto handle = spawn_strategy_link(self->system(), std::move(link));
      gw.links.push_back(caf::actor_cast<caf::weak_actor_ptr>(handle));
      return {caf::actor_cast<caf::actor>(handle), gw.setup.trader};
    },
    [self](topics_atom, const std::string& token, const std::string& topics,
           const caf::actor& sink) -> caf::result<caf::actor> {
      auto& gw = self->state;
      if (auto err = gw.check_token(token, "a monitor"))
        return err;
      auto parsed = parse_stream_topics(topics);
      if (!parsed)
        return std::move(parsed.error());
      if (!sink)
        return caf::make_error(errc::invalid_argument, "monitor: no sink");
      gw.setup.log->info("Gateway: a monitor attached from node {} (topics {})", gw.peer(),
                         topics);
      auto relay = spawn_stream_relay(self->system(),
                                      stream_relay_setup{caf::actor_cast<stream_sink_actor>(sink), std::move(*parsed), gw.setup.log,
                                                         gw.setup.data_engine,
                                                         gw.setup.exec_engine, gw.current,
                                                         gw.setup.clock});
      self->monitor(relay);
      gw.relays.insert(relay);
      return caf::actor_cast<caf::actor>(relay);
    },
    [self](kill_atom, const std::string& token, bool flatten) -> caf::result<caf::ok_atom> {
      auto& gw = self->state;
      if (auto err = gw.check_token(token, "a kill"))
        return err;
      gw.setup.log->warn("Gateway: emergency kill{} from node {}",
                         flatten ? " (flatten)" : "", gw.peer());
      // The node answers the peer itself, once stopped.
      return self->delegate(gw.setup.killer, kill_atom_v, flatten);
    },
    [self](node_state x) {
      auto& gw = self->state;
      // Only the node's own supervisor tells the state.
      if (self->current_sender() != caf::actor_cast<caf::strong_actor_ptr>(gw.setup.supervisor))
        return;
      gw.current = x;
      for (auto& relay : gw.relays)
        self->send(relay, x);
    },
  };
}

} // namespace

gateway_actor spawn_gateway(caf::actor_system& sys, gateway_setup setup) {
  return sys.spawn(gateway, std::move(setup));
}

} // namespace tradenode
