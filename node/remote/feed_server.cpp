#include "tradenode/node/remote/feed_server.hpp"

#include <set>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/remote/remote_config.hpp"

namespace tradenode {

namespace {

constexpr auto client_timeout = std::chrono::seconds{60};

struct feed_server_state {
  using pointer = remote::feed_server_actor::stateful_pointer<feed_server_state>;

  static inline const char* name = "feed_server";

  feed_server_state() = default;

  bool from(const caf::strong_actor_ptr& who) const {
    return self->current_sender() == who;
  }

  bool from_attached() const {
    auto sender = self->current_sender();
    return sender && sinks.count(caf::actor_cast<caf::actor_addr>(sender)) > 0;
  }

  template <class Data>
  void fan_out(const Data& x) {
    if (!from(caf::actor_cast<caf::strong_actor_ptr>(client)))
      return;
    for (auto& [addr, sink] : sinks)
      self->send(sink, x);
  }

  // Connects the data client once, then answers with its instruments.
  void instruments_for(caf::typed_response_promise<std::vector<instrument>> rp) {
    auto answer = [this, rp]() mutable {
      self->request(client, client_timeout, caf::get_atom_v, instruments_atom_v)
        .then([rp](std::vector<instrument>& xs) mutable { rp.deliver(std::move(xs)); },
              [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
    };
    if (connected)
      return answer();
    self->request(client, client_timeout, caf::connect_atom_v)
      .then(
        [this, answer](caf::ok_atom) mutable {
          connected = true;
          answer();
        },
        [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  }

  pointer self = nullptr;
  std::string token;
  std::shared_ptr<spdlog::logger> log;
  data_client_actor client;
  bool connected = false;
  std::map<caf::actor_addr, market_data_sink_actor> sinks;
};

remote::feed_server_actor::behavior_type feed_server(feed_server_state::pointer self,
                                                     std::string token,
                                                     std::shared_ptr<spdlog::logger> log) {
  auto& init = self->state;
  init.self = self;
  init.token = std::move(token);
  init.log = std::move(log);
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& st = self->state;
    if (msg.source == st.client.address()) {
      st.log->error("Feed: the data client terminated: {}", to_string(msg.reason));
      self->quit(msg.reason);
    } else if (st.sinks.erase(msg.source) > 0) {
      st.log->warn("Feed: lost a node: {}", to_string(msg.reason));
    }
  });
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    // Only this process may end the feed: a node could send it an exit too.
    if (msg.source && msg.source.node() != self->node())
      return;
    if (self->state.client)
      self->send_exit(self->state.client, msg.reason);
    self->quit(msg.reason);
  });
  return {
    [self](adopt_atom, const caf::actor& client) {
      auto& st = self->state;
      auto sender = self->current_sender();
      // Once, from this process only (before the server is published).
      if (st.client || (sender && sender->node() != self->node()))
        return;
      st.client = caf::actor_cast<data_client_actor>(client);
      self->monitor(st.client);
    },
    [self](attach_atom, const std::string& presented,
           const caf::actor& sink) -> caf::result<std::vector<instrument>> {
      auto& st = self->state;
      auto peer = self->current_sender() ? to_string(self->current_sender()->node())
                                         : std::string{"an anonymous sender"};
      if (!st.token.empty() && !same_token(st.token, presented)) {
        st.log->warn("Feed: refused a node ({}): wrong token", peer);
        return caf::make_error(errc::unauthorized, "the feed refused the node: wrong token");
      }
      if (!sink)
        return caf::make_error(errc::invalid_argument, "feed: no sink");
      auto typed = caf::actor_cast<market_data_sink_actor>(sink);
      self->monitor(typed);
      st.sinks.emplace(typed.address(), typed);
      st.log->info("Feed: a node attached ({})", peer);
      auto rp = self->make_response_promise<std::vector<instrument>>();
      st.instruments_for(rp);
      return rp;
    },
    [self](const subscribe_data& x) {
      if (self->state.from_attached())
        self->send(self->state.client, x);
    },
    [self](const unsubscribe_data& x) {
      if (self->state.from_attached())
        self->send(self->state.client, x);
    },
    [self](disconnect_atom) {
      auto& st = self->state;
      auto sender = self->current_sender();
      if (sender && st.sinks.erase(caf::actor_cast<caf::actor_addr>(sender)) > 0)
        st.log->info("Feed: a node detached");
    },
    [self](const quote_tick& x) { self->state.fan_out(x); },
    [self](const trade_tick& x) { self->state.fan_out(x); },
    [self](const bar& x) { self->state.fan_out(x); },
    [self](end_atom, const client_id&) {
      // The nodes keep running: a feed serves them, it does not end them.
      self->state.log->info("Feed: the data client's data ended");
    },
  };
}

} // namespace

caf::expected<remote::feed_server_actor>
spawn_feed_server(caf::actor_system& sys, std::string token, std::shared_ptr<spdlog::logger> log,
                  const std::function<caf::expected<data_client_actor>(data_engine_actor)>& make_client) {
  auto server = sys.spawn(feed_server, std::move(token), log);
  // The data client only sends market data to its data engine: the server
  // answers exactly that part of the data engine's interface.
  auto client = make_client(caf::actor_cast<data_engine_actor>(server));
  if (!client) {
    caf::anon_send_exit(server, caf::exit_reason::user_shutdown);
    return std::move(client.error());
  }
  caf::anon_send(server, adopt_atom_v, caf::actor_cast<caf::actor>(*client));
  return server;
}

} // namespace tradenode
