#include "tradenode/adapters/remote/remote_feed.hpp"

#include <algorithm>

#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/adapters/reconnect_loop.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/adapters/remote/peer_config.hpp"

namespace tradenode::remote {

namespace {

constexpr auto request_timeout = std::chrono::seconds{10};

using remote_feed_client_actor = data_client_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<caf::tick_atom>>;

struct feed_client_settings {
  std::string host;
  uint16_t port = 0;
  std::string token;
  bool tls = false;
};

struct remote_feed_state {
  using pointer = remote_feed_client_actor::stateful_pointer<remote_feed_state>;
  using done_fn = std::function<void(caf::error)>;

  static inline const char* name = "remote_feed_client";

  remote_feed_state() = default;

  std::string address() const {
    return settings.host + ":" + std::to_string(settings.port);
  }

  // Reaches the feed and attaches to it; `done` gets none or the cause.
  void reach(done_fn done) {
    auto& sys = self->system();
    auto mm = settings.tls ? sys.openssl_manager().actor_handle() : sys.middleman().actor_handle();
    self->request(mm, request_timeout, caf::connect_atom_v, settings.host, settings.port)
      .then(
        [this, done](const caf::node_id&, caf::strong_actor_ptr& ptr,
                     const std::set<std::string>&) {
          if (!ptr)
            return done(caf::make_error(errc::client_failed, "no feed published at " + address()));
          auto candidate = caf::actor_cast<feed_server_actor>(std::move(ptr));
          self->request(candidate, request_timeout, attach_atom_v, settings.token,
                        caf::actor_cast<caf::actor>(self))
            .then(
              [this, done, candidate](std::vector<instrument>& xs) {
                for (auto& x : xs)
                  if (auto err = validate(x))
                    return done(caf::make_error(errc::client_failed,
                                                "the feed at " + address()
                                                  + " sent a bad instrument: " + context_of(err)));
                server = candidate;
                self->monitor(server);
                instruments = std::move(xs);
                done(caf::none);
              },
              [done](caf::error& err) { done(std::move(err)); });
        },
        [this, done](caf::error& err) {
          done(caf::make_error(errc::client_failed,
                               "cannot reach the feed at " + address() + ": " + to_string(err)));
        });
  }

  void on_lost(const caf::error& reason) {
    server = nullptr;
    if (disconnecting)
      return;
    std::string names;
    for (auto& x : instruments)
      names += (names.empty() ? "" : ", ") + x.id.value();
    log->error("Feed at {} lost: {}; its instrument(s) {} are stale until it is back",
               address(), to_string(reason), names);
    reconnecting.schedule(self, *log);
  }

  void reconnect() {
    if (server || disconnecting)
      return;
    reconnecting.attempt(self, *log, [this](auto done) { reach(done); }, [this] {
      for (auto& x : subscriptions)
        self->send(server, x);
      log->info("Feed at {} is back: {} instrument(s) fresh, {} subscription(s) restored",
                address(), instruments.size(), subscriptions.size());
    });
  }

  // Market data only from the feed, for its own instruments.
  template <class Data>
  void forward(const Data& x) {
    if (!server || self->current_sender() != caf::actor_cast<caf::strong_actor_ptr>(server))
      return;
    self->send(data_engine, x);
  }

  pointer self = nullptr;
  feed_client_settings settings;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  feed_server_actor server;
  std::vector<instrument> instruments;
  std::vector<subscribe_data> subscriptions;
  reconnect_loop reconnecting;
  bool disconnecting = false;
  bool told_unpausable = false;
};

remote_feed_client_actor::behavior_type
remote_feed_client(remote_feed_state::pointer self, feed_client_settings settings,
                   std::shared_ptr<spdlog::logger> log, data_engine_actor data_engine) {
  auto& init = self->state;
  init.self = self;
  init.settings = std::move(settings);
  init.reconnecting.set_peer("the feed at " + init.address());
  init.log = std::move(log);
  init.data_engine = std::move(data_engine);
  self->set_down_handler([self](const caf::down_msg& msg) {
    if (msg.source == self->state.server.address())
      self->state.on_lost(msg.reason);
  });
  return {
    [self](caf::connect_atom) -> caf::result<caf::ok_atom> {
      auto rp = self->make_response_promise<caf::ok_atom>();
      self->state.disconnecting = false;
      self->state.reach([self, rp](caf::error err) mutable {
        if (err) {
          rp.deliver(std::move(err));
          return;
        }
        self->state.log->info("Attached to the feed at {}: {} instrument(s)",
                              self->state.address(), self->state.instruments.size());
        rp.deliver(caf::ok_atom_v);
      });
      return rp;
    },
    [self](disconnect_atom) {
      auto& st = self->state;
      st.disconnecting = true;
      if (st.server) {
        self->demonitor(caf::actor_cast<caf::actor>(st.server));
        self->send(st.server, disconnect_atom_v);
        st.server = nullptr;
      }
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, instruments_atom) { return self->state.instruments; },
    [self](const subscribe_data& x) {
      auto& st = self->state;
      st.subscriptions.push_back(x);
      if (st.server)
        self->send(st.server, x);
    },
    [self](const unsubscribe_data& x) {
      auto& st = self->state;
      auto& subs = st.subscriptions;
      subs.erase(std::remove_if(subs.begin(), subs.end(),
                                [&](const subscribe_data& s) {
                                  return s.kind == x.kind && s.instrument_id == x.instrument_id
                                         && s.bar_type == x.bar_type;
                                }),
                 subs.end());
      if (st.server)
        self->send(st.server, x);
    },
    // The feed process serves other nodes too: it is not paused for this
    // one's backpressure (its data waits in this node's data engine).
    [self](pause_atom) {
      auto& st = self->state;
      if (!std::exchange(st.told_unpausable, true))
        st.log->warn("Feed at {} cannot be paused for backpressure; its data is queued",
                     st.address());
    },
    [](resume_atom) {},
    [self](const quote_tick& x) { self->state.forward(x); },
    [self](const trade_tick& x) { self->state.forward(x); },
    [self](const bar& x) { self->state.forward(x); },
    [self](caf::tick_atom) { self->state.reconnect(); },
  };
}

// The settings alone: no network, no actor system.
caf::expected<feed_client_settings> parse_feed_settings(const nlohmann::json& settings,
                                                        const std::string& base_dir) {
  feed_client_settings result;
  try {
    if (!settings.is_object())
      throw json_error("", "expected an object");
    detail::strict_object_reader reader{settings};
    std::string connect;
    std::string token_file;
    reader.read("connect", connect);
    reader.read_if_present("token_file", token_file);
    reader.read_if_present("tls", result.tls);
    reader.finish();
    auto address = parse_host_port(connect);
    if (!address)
      throw json_error("connect", context_of(address.error()));
    std::tie(result.host, result.port) = *address;
    if (!token_file.empty()) {
      peer_config peer;
      parse_peer_config(nlohmann::json{{"token_file", token_file}}, peer, base_dir);
      result.token = peer.token;
    }
  } catch (const json_error& e) {
    return settings_error(e);
  }
  return result;
}

caf::expected<feed_client_settings> parse_settings(const client_context& ctx) {
  auto parsed = parse_feed_settings(ctx.settings, ctx.base_dir);
  if (!parsed)
    return parsed;
  auto& result = *parsed;
  if (result.tls && !ctx.system.has_openssl_manager())
    return caf::make_error(errc::invalid_config,
                           "settings.tls: the node has no TLS files (config remote.tls)");
  if (!ctx.system.has_middleman())
    return caf::make_error(errc::invalid_config,
                           "settings.connect: needs CAF's middleman in the actor system");
  return parsed;
}

} // namespace

data_client_factory remote_feed_client_factory() {
  return {[](const client_context& ctx) -> caf::expected<data_client_actor> {
            auto settings = parse_settings(ctx);
            if (!settings)
              return std::move(settings.error());
            return ctx.system.spawn(remote_feed_client, std::move(*settings), ctx.log,
                                    ctx.data_engine);
          },
          [](const client_settings& x) -> caf::expected<client_check_result> {
            // The feed's instruments are known once connected.
            if (auto settings = parse_feed_settings(x.settings, x.base_dir); !settings)
              return std::move(settings.error());
            return client_check_result{};
          }};
}

} // namespace tradenode::remote
