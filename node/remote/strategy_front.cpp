#include "tradenode/node/remote/strategy_front.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

/// Bounds the node's answer to a subscription and the strategy's to start and
/// stop (the node bounds the latter too, with its timeout_shutdown).
constexpr auto request_timeout = std::chrono::seconds{30};

struct strategy_front_state {
  using pointer = strategy_front_local_actor::stateful_pointer<strategy_front_state>;

  static inline const char* name = "strategy_front";

  strategy_front_state() = default;

  // Passes `msg` on to `to` and its answer back.
  template <class Result, class Handle>
  caf::result<Result> ask(const Handle& to, caf::message msg) {
    auto rp = self->make_response_promise<Result>();
    self->request(caf::actor_cast<caf::actor>(to), request_timeout, std::move(msg))
      .then([rp](Result x) mutable { rp.deliver(std::move(x)); },
            [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
    return rp;
  }

  void on_link_down(const caf::error& reason) {
    if (reason == caf::exit_reason::user_shutdown || reason == caf::exit_reason::normal)
      log->info("Strategy {}: the node at {} ended the session", id.value(), address);
    else
      log->error("Strategy {}: lost the node at {}: {}", id.value(), address, to_string(reason));
    if (host)
      self->send_exit(host, caf::exit_reason::user_shutdown);
    self->quit(reason);
  }

  pointer self = nullptr;
  strategy_id id;
  strategy_link_actor link;
  std::string address;
  std::shared_ptr<spdlog::logger> log;
  strategy_actor host;
};

strategy_front_local_actor::behavior_type
strategy_front(strategy_front_state::pointer self, strategy_id id, strategy_link_actor link,
               std::string address, std::shared_ptr<spdlog::logger> log) {
  auto& st = self->state;
  st.self = self;
  st.id = std::move(id);
  st.link = std::move(link);
  st.address = std::move(address);
  st.log = std::move(log);
  self->monitor(st.link);
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& front = self->state;
    if (msg.source == front.link.address())
      front.on_link_down(msg.reason);
    else if (msg.source == front.host.address())
      self->quit(msg.reason);
  });
  // Asked to exit (the attachment stops, the process ends): the strategy goes too.
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    if (self->state.host)
      self->send_exit(self->state.host, msg.reason);
    self->quit(msg.reason);
  });
  using ok = caf::ok_atom;
  return {
    [self](adopt_atom, const strategy_actor& host) {
      self->state.host = host;
      self->monitor(host);
      return caf::ok_atom_v;
    },
    [self](start_atom) {
      return self->state.ask<ok>(self->state.host, caf::make_message(start_atom_v));
    },
    [self](stop_atom) {
      return self->state.ask<ok>(self->state.host, caf::make_message(stop_atom_v));
    },
    [self](caf::get_atom, state_atom) {
      return self->state.ask<component_state>(self->state.host, caf::make_message(caf::get_atom_v, state_atom_v));
    },
    [self](const quote_tick& x) { self->send(self->state.host, x); },
    [self](const trade_tick& x) { self->send(self->state.host, x); },
    [self](const bar& x) { self->send(self->state.host, x); },
    [self](const order_event& x) { self->send(self->state.host, x); },
    [self](const position_event& x) { self->send(self->state.host, x); },
    // The sink is the strategy's own actor: the link sends its data here.
    [self](const subscribe_data& x, const market_data_sink_actor&) {
      return self->state.ask<ok>(self->state.link, caf::make_message(x));
    },
    [self](const unsubscribe_data& x, const market_data_sink_actor&) {
      return self->state.ask<ok>(self->state.link, caf::make_message(x));
    },
    // The link is the data engine's subscriber: it passes this on.
    [self](consumed_atom, uint64_t n) { self->send(self->state.link, consumed_atom_v, n); },
    // Data crosses the wire tick by tick: the link sends no batches.
    [](batches_atom) {},
    [self](const submit_order& x) { self->send(self->state.link, x); },
    [self](const cancel_order& x) { self->send(self->state.link, x); },
    [self](const modify_order& x) { self->send(self->state.link, x); },
    [self](const cancel_all_orders& x) { self->send(self->state.link, x); },
  };
}

} // namespace

strategy_front_local_actor spawn_strategy_front(caf::actor_system& sys, strategy_id id,
                                                strategy_link_actor link, std::string address,
                                                std::shared_ptr<spdlog::logger> log) {
  return sys.spawn(strategy_front, std::move(id), std::move(link), std::move(address),
                   std::move(log));
}

} // namespace tradenode
