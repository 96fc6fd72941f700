#include "tradenode/node/remote/strategy_link.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

struct strategy_link_state {
  using pointer = strategy_link_node_actor::stateful_pointer<strategy_link_state>;

  static inline const char* name = "strategy_link";

  strategy_link_state() = default;

  // A peer's command must be for its own strategy, of the node's trader.
  template <class Command>
  bool accepts(const Command& cmd, const char* what) const {
    if (cmd.strategy_id == setup.id && cmd.trader_id == setup.trader)
      return true;
    setup.log->warn("Remote strategy {}: dropped a {} for strategy {} of trader {}",
                    setup.id.value(), what, cmd.strategy_id.value(), cmd.trader_id.value());
    return false;
  }

  // Asks the front to start or stop, within the setup's timeout.
  template <class Atom>
  caf::result<caf::ok_atom> forward_lifecycle(Atom what, component_state on_success) {
    if (!front)
      return caf::ok_atom_v;
    auto rp = self->make_response_promise<caf::ok_atom>();
    self->request(front, setup.timeout, what)
      .then(
        [this, rp, on_success](caf::ok_atom) mutable {
          state = on_success;
          rp.deliver(caf::ok_atom_v);
        },
        [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
    return rp;
  }

  // Subscribes (or unsubscribes) the link itself: it passes the data on.
  template <class Change>
  caf::result<caf::ok_atom> change_subscription(const Change& x) {
    auto rp = self->make_response_promise<caf::ok_atom>();
    self->request(setup.data_engine, setup.timeout, x, market_data_sink_actor{self})
      .then([rp](caf::ok_atom) mutable { rp.deliver(caf::ok_atom_v); },
            [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
    return rp;
  }

  void on_front_lost(const caf::error& reason) {
    bool detached = reason == caf::exit_reason::user_shutdown || reason == caf::exit_reason::normal;
    if (detached)
      setup.log->info("Remote strategy {} detached", setup.id.value());
    else
      setup.log->error("Remote strategy {} lost: {}", setup.id.value(), to_string(reason));
    if (setup.on_lost == lost_strategy_policy::cancel_orders) {
      setup.log->warn("Remote strategy {}: canceling its open orders on {} instrument(s)",
                      setup.id.value(), instruments.size());
      for (auto& instrument : instruments)
        self->send(setup.risk_engine,
                   cancel_all_orders{setup.trader, setup.id, instrument,
                                     order_side::no_order_side, caf::none, uuid4::random(ids),
                                     setup.clock->now()});
    } else {
      setup.log->warn("Remote strategy {}: its open orders stay (on_strategy_lost: keep_orders)",
                      setup.id.value());
    }
    if (detached)
      self->quit();
    else
      self->quit(caf::make_error(errc::peer_lost, "remote strategy " + setup.id.value() + ": "
                                                    + to_string(reason)));
  }

  pointer self = nullptr;
  strategy_link_setup setup;
  strategy_front_actor front;
  component_state state = component_state::ready;
  /// Instruments the strategy sent orders for: where its orders may rest.
  std::set<instrument_id> instruments;
  std::mt19937_64 ids;
};

strategy_link_node_actor::behavior_type strategy_link(strategy_link_state::pointer self,
                                                     strategy_link_setup setup) {
  auto& st = self->state;
  st.self = self;
  st.setup = std::move(setup);
  st.ids = st.setup.clock->id_generator(st.setup.id.value());
  self->set_down_handler([self](const caf::down_msg& msg) {
    if (msg.source == self->state.front.address())
      self->state.on_front_lost(msg.reason);
  });
  // A peer that never attaches its front leaves no link behind.
  self->delayed_send(self, std::chrono::seconds{30}, caf::timeout_atom_v);
  // The peer holds this link's handle: its exit messages are not obeyed.
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    if (!msg.source || msg.source.node() == self->node())
      self->quit(msg.reason);
  });
  return {
    [self](attach_atom, const caf::actor& front) -> caf::result<caf::ok_atom> {
      auto& link = self->state;
      if (link.front || !front)
        return caf::make_error(errc::invalid_state, "remote strategy " + link.setup.id.value()
                                                      + ": a front is already attached");
      link.front = caf::actor_cast<strategy_front_actor>(front);
      self->monitor(link.front);
      auto rp = self->make_response_promise<caf::ok_atom>();
      self->request(link.setup.adopter, caf::infinite, adopt_atom_v, link.setup.id,
                    strategy_actor{self})
        .then([rp](caf::ok_atom) mutable { rp.deliver(caf::ok_atom_v); },
              [self, rp](caf::error& err) mutable {
                rp.deliver(err);
                self->quit(err);
              });
      return rp;
    },
    [self](caf::timeout_atom) {
      auto& link = self->state;
      if (link.front)
        return;
      link.setup.log->warn("Remote strategy {}: no front attached within 30 s",
                           link.setup.id.value());
      self->quit();
    },
    [self](start_atom) { return self->state.forward_lifecycle(start_atom_v, component_state::running); },
    [self](stop_atom) { return self->state.forward_lifecycle(stop_atom_v, component_state::stopped); },
    [self](caf::get_atom, state_atom) { return self->state.state; },
    [self](const quote_tick& x) { self->send(self->state.front, x); },
    [self](const trade_tick& x) { self->send(self->state.front, x); },
    [self](const bar& x) { self->send(self->state.front, x); },
    [self](const order_event& x) { self->send(self->state.front, x); },
    [self](const position_event& x) { self->send(self->state.front, x); },
    [self](const subscribe_data& x) { return self->state.change_subscription(x); },
    [self](const unsubscribe_data& x) { return self->state.change_subscription(x); },
    // The strategy's report of what it consumed: this link is its subscriber.
    [self](consumed_atom, uint64_t n) {
      self->send(self->state.setup.data_engine, consumed_atom_v, n);
    },
    [self](const submit_order& cmd) {
      auto& link = self->state;
      if (!link.accepts(cmd, "submit_order"))
        return;
      if (cmd.order.strategy_id != link.setup.id || cmd.order.trader_id != link.setup.trader) {
        link.setup.log->warn("Remote strategy {}: dropped a submit_order whose order {} names "
                           "another strategy or trader",
                           link.setup.id.value(), cmd.order.client_order_id.value());
        return;
      }
      link.instruments.insert(cmd.order.instrument_id);
      self->send(link.setup.risk_engine, cmd);
    },
    [self](const cancel_order& cmd) {
      if (self->state.accepts(cmd, "cancel_order"))
        self->send(self->state.setup.risk_engine, cmd);
    },
    [self](const modify_order& cmd) {
      if (self->state.accepts(cmd, "modify_order"))
        self->send(self->state.setup.risk_engine, cmd);
    },
    [self](const cancel_all_orders& cmd) {
      if (self->state.accepts(cmd, "cancel_all_orders"))
        self->send(self->state.setup.risk_engine, cmd);
    },
  };
}

} // namespace

strategy_link_node_actor spawn_strategy_link(caf::actor_system& sys, strategy_link_setup setup) {
  return sys.spawn(strategy_link, std::move(setup));
}

} // namespace tradenode
