#include "tradenode/adapters/sandbox/remote_venue_client.hpp"

#include <functional>
#include <random>

#include <caf/io/middleman.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/adapters/reconnect_loop.hpp"
#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/adapters/remote/peer_config.hpp"

namespace tradenode::sandbox {

namespace {

/// How long reaching and attaching to the venue may take.
constexpr auto connect_timeout = std::chrono::seconds{10};

using remote_venue_client_actor = exec_client_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<order_event>, caf::reacts_to<account_state>, caf::reacts_to<caf::tick_atom>>;

struct remote_venue_state {
  using pointer = remote_venue_client_actor::stateful_pointer<remote_venue_state>;
  using done_fn = std::function<void(caf::error)>;
  using status_fn = std::function<void(caf::expected<execution_mass_status>)>;

  static inline const char* name = "remote_venue_client";

  remote_venue_state() = default;

  std::string address() const {
    return host + ":" + std::to_string(port);
  }

  // Reaches the venue and attaches to it (it then sends its events here);
  // `done` gets none or the cause.
  void reach(done_fn done) {
    auto& mm = self->system().middleman();
    self->request(mm.actor_handle(), connect_timeout, caf::connect_atom_v, host, port)
      .then(
        [this, done](const caf::node_id&, caf::strong_actor_ptr& ptr,
                     const std::set<std::string>&) {
          if (!ptr)
            return done(caf::make_error(errc::client_failed, "no venue published at " + address()));
          auto candidate = caf::actor_cast<sandbox_exec_client_actor>(std::move(ptr));
          self->request(candidate, connect_timeout, attach_atom_v)
            .then(
              [this, done, candidate](caf::ok_atom) {
                venue = candidate;
                self->monitor(venue);
                log->info("Sandbox: attached to the venue at {}", address());
                done(caf::none);
              },
              [done](caf::error& err) { done(std::move(err)); });
        },
        [this, done](caf::error& err) {
          done(caf::make_error(errc::client_failed,
                               "cannot reach the venue at " + address() + ": " + to_string(err)));
        });
  }

  // The mass status in three steps: the node's instruments, handed to the
  // venue (and their market data subscribed once), then the venue's reports.
  void fetch_status(status_fn done) {
    self->request(data_engine, connect_timeout, caf::get_atom_v, instruments_atom_v)
      .then([this, done](const std::vector<instrument>& xs) { hand_instruments(done, xs); },
            [done](caf::error& err) { done(std::move(err)); });
  }

  void hand_instruments(status_fn done, const std::vector<instrument>& xs) {
    if (!venue)
      return done(unreachable());
    self->request(venue, connect_timeout, caf::add_atom_v, xs)
      .then(
        [this, done, xs](caf::ok_atom) {
          if (!subscribed) {
            subscribed = true;
            for (auto& x : xs)
              subscribe_market_data(self, data_engine, x.id, market_data_sink_actor{self},
                                    ids, clock->now(), *log);
          }
          ask_venue(done);
        },
        [done](caf::error& err) { done(std::move(err)); });
  }

  void ask_venue(status_fn done) {
    if (!venue)
      return done(unreachable());
    self->request(venue, connect_timeout, caf::get_atom_v, mass_status_atom_v)
      .then(
        [this, done](execution_mass_status& x) {
          x.client_id = id; // the node knows this client by its own id
          learn_account(x.account_id);
          done(std::move(x));
        },
        [done](caf::error& err) { done(std::move(err)); });
  }

  caf::error unreachable() const {
    return caf::make_error(errc::client_failed, "the venue at " + address() + " is unreachable");
  }

  void on_lost(const caf::error& reason) {
    venue = nullptr;
    if (disconnecting)
      return;
    log->error("Sandbox: lost the venue at {}: {}", address(), to_string(reason));
    reconnecting.schedule(self, *log);
  }

  // Reaches the venue again, then has the execution engine reconcile with
  // what the venue holds now: the orders it lost or settled while away.
  void reconnect() {
    if (venue || disconnecting)
      return;
    reconnecting.attempt(self, *log, [this](auto done) { reach(done); }, [this] {
      fetch_status([this](caf::expected<execution_mass_status> status) {
        if (!status) {
          log->error("Sandbox: the venue at {} is back but sent no mass status: {}", address(),
                     describe(status.error()));
          return;
        }
        log->info("Sandbox: the venue at {} is back; reconciling", address());
        self->request(exec_engine, connect_timeout, reconcile_atom_v,
                      std::vector<execution_mass_status>{std::move(*status)})
          .then([](caf::ok_atom) {},
                [this](const caf::error& failure) {
                  log->error("Sandbox: reconciliation after reconnecting failed: {}",
                             describe(failure));
                });
      });
    });
  }

  // Learns the venue's account id from what the venue sends, so that events
  // made here (a submit refused while the venue is away) carry it too.
  void learn_account(const account_id& x) {
    if (!x.empty())
      account = x;
  }

  pointer self = nullptr;
  client_id id;
  // Until the venue names it: the sandbox's default, "<client id>-001".
  tradenode::account_id account;
  std::string host;
  uint16_t port = 0;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
  node_clock_ptr clock;
  sandbox_exec_client_actor venue;
  std::mt19937_64 ids;
  bool subscribed = false;
  bool disconnecting = false;
  reconnect_loop reconnecting;
};

struct remote_setup {
  client_id id;
  std::string host;
  uint16_t port;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
  node_clock_ptr clock;
};

remote_venue_client_actor::behavior_type remote_venue_client(remote_venue_state::pointer self,
                                                             remote_setup setup) {
  auto& init = self->state;
  init.self = self;
  init.id = setup.id;
  init.account = account_id::of(setup.id.value() + "-001");
  init.host = setup.host;
  init.port = setup.port;
  init.reconnecting.set_peer("the venue at " + init.address());
  init.log = setup.log;
  init.data_engine = setup.data_engine;
  init.exec_engine = setup.exec_engine;
  init.clock = setup.clock;
  init.ids = init.clock->id_generator(setup.id.value());
  self->set_down_handler([self](const caf::down_msg& msg) {
    if (msg.source == self->state.venue.address())
      self->state.on_lost(msg.reason);
  });
  auto reject = [self](const submit_order& cmd, const std::string& reason) {
    auto& st = self->state;
    auto& spec = cmd.order;
    auto now = st.clock->now();
    st.log->warn("Sandbox: order {} rejected: {}", spec.client_order_id.value(), reason);
    self->send(st.exec_engine,
               order_event{order_rejected{spec.trader_id, spec.strategy_id, spec.instrument_id,
                                          spec.client_order_id, st.account, reason, false,
                                          uuid4::random(st.ids), now, now}});
  };
  // Sends a command to the venue, or says why it cannot.
  auto forward = [self](const auto& cmd) {
    auto& st = self->state;
    if (st.venue)
      self->send(st.venue, cmd);
    else
      st.log->warn("Sandbox: command not sent, the venue at {} is unreachable", st.address());
  };
  return {
    [self](caf::connect_atom) -> caf::result<caf::ok_atom> {
      auto rp = self->make_response_promise<caf::ok_atom>();
      self->state.disconnecting = false;
      self->state.reach([rp](caf::error err) mutable {
        if (err)
          rp.deliver(std::move(err));
        else
          rp.deliver(caf::ok_atom_v);
      });
      return rp;
    },
    [self](disconnect_atom) {
      self->state.disconnecting = true;
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, mass_status_atom) -> caf::result<execution_mass_status> {
      auto& st = self->state;
      if (!st.venue)
        return st.unreachable();
      auto rp = self->make_response_promise<execution_mass_status>();
      st.fetch_status([rp](caf::expected<execution_mass_status> x) mutable {
        if (x)
          rp.deliver(std::move(*x));
        else
          rp.deliver(std::move(x.error()));
      });
      return rp;
    },
    [self](caf::tick_atom) { self->state.reconnect(); },
    [self, reject](const submit_order& cmd) {
      auto& st = self->state;
      if (!st.venue)
        return reject(cmd, "the venue at " + st.address() + " is unreachable");
      self->send(st.venue, cmd);
    },
    [forward](const cancel_order& cmd) { forward(cmd); },
    [forward](const modify_order& cmd) { forward(cmd); },
    [forward](const cancel_all_orders& cmd) { forward(cmd); },
    // Market data for a lost venue is dropped quietly: the loss is logged once.
    [self](const quote_tick& x) {
      if (self->state.venue)
        self->send(self->state.venue, x);
    },
    [self](const trade_tick& x) {
      if (self->state.venue)
        self->send(self->state.venue, x);
    },
    [](const bar&) {},
    [self](const order_event& x) { self->send(self->state.exec_engine, x); },
    [self](const account_state& x) {
      self->state.learn_account(x.account_id);
      self->send(self->state.exec_engine, x);
    },
  };
}

} // namespace

caf::expected<std::pair<std::string, uint16_t>> parse_venue_address(const nlohmann::json& j) {
  if (!j.is_string())
    return caf::make_error(errc::invalid_config,
                           std::string{"settings.connect: expected \"HOST:PORT\", got "}
                             + j.type_name());
  auto address = parse_host_port(j.get<std::string>());
  if (!address)
    return caf::make_error(errc::invalid_config,
                           "settings.connect: " + context_of(address.error()));
  return address;
}

caf::expected<exec_client_actor> spawn_remote_venue_client(const client_context& ctx) {
  auto address = parse_venue_address(ctx.settings.at("connect"));
  if (!address)
    return std::move(address.error());
  if (!ctx.system.has_middleman())
    return caf::make_error(errc::invalid_config,
                           "settings.connect: needs CAF's middleman in the actor system "
                           "(cfg.load<caf::io::middleman>())");
  return ctx.system.spawn(remote_venue_client,
                          remote_setup{ctx.id, address->first, address->second, ctx.log,
                                       ctx.data_engine, ctx.exec_engine, ctx.node_time()});
}

} // namespace tradenode::sandbox
