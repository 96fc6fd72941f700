#include "tradenode/adapters/sandbox/remote_venue_client.hpp"

#include <random>

#include <caf/io/middleman.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/node/remote/remote_config.hpp"

namespace tradenode::sandbox {

namespace {

/// How long reaching and attaching to the venue may take.
constexpr auto connect_timeout = std::chrono::seconds{10};

using remote_venue_client_actor = exec_client_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<order_event>, caf::reacts_to<account_state>>;

struct remote_venue_state {
  using pointer = remote_venue_client_actor::stateful_pointer<remote_venue_state>;
  using status_promise = caf::typed_response_promise<execution_mass_status>;

  static inline const char* name = "remote_venue_client";

  remote_venue_state() = default;

  std::string address() const {
    return host + ":" + std::to_string(port);
  }

  // The mass status in three steps: the node's instruments, handed to the
  // venue (and their market data subscribed once), then the venue's reports.
  void fetch_instruments(status_promise rp) {
    self->request(data_engine, connect_timeout, caf::get_atom_v, instruments_atom_v)
      .then([this, rp](const std::vector<instrument>& xs) { hand_instruments(rp, xs); },
            [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  }

  void hand_instruments(status_promise rp, const std::vector<instrument>& xs) {
    self->request(venue, connect_timeout, caf::add_atom_v, xs)
      .then(
        [this, rp, xs](caf::ok_atom) {
          if (!subscribed) {
            subscribed = true;
            for (auto& x : xs)
              subscribe_market_data(self, data_engine, x.id, market_data_sink_actor{self},
                                    ids, *log);
          }
          ask_venue(rp);
        },
        [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  }

  void ask_venue(status_promise rp) {
    self->request(venue, connect_timeout, caf::get_atom_v, mass_status_atom_v)
      .then(
        [this, rp](execution_mass_status& x) mutable {
          x.client_id = id; // the node knows this client by its own id
          rp.deliver(std::move(x));
        },
        [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  }

  pointer self = nullptr;
  client_id id;
  std::string host;
  uint16_t port = 0;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
  sandbox_exec_client_actor venue;
  std::mt19937_64 ids{std::random_device{}()};
  bool subscribed = false;
};

struct remote_setup {
  client_id id;
  std::string host;
  uint16_t port;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
};

remote_venue_client_actor::behavior_type remote_venue_client(remote_venue_state::pointer self,
                                                             remote_setup setup) {
  auto& init = self->state;
  init.self = self;
  init.id = setup.id;
  init.host = setup.host;
  init.port = setup.port;
  init.log = setup.log;
  init.data_engine = setup.data_engine;
  init.exec_engine = setup.exec_engine;
  self->set_down_handler([self](const caf::down_msg& msg) {
    auto& st = self->state;
    if (msg.source != st.venue.address())
      return;
    st.log->error("Sandbox: lost the venue at {}: {}", st.address(), to_string(msg.reason));
    st.venue = nullptr;
  });
  auto reject = [self](const submit_order& cmd, const std::string& reason) {
    auto& st = self->state;
    auto& spec = cmd.order;
    auto now = unix_nanos_now();
    st.log->warn("Sandbox: order {} rejected: {}", spec.client_order_id.value(), reason);
    self->send(st.exec_engine,
               order_event{order_rejected{spec.trader_id, spec.strategy_id, spec.instrument_id,
                                          spec.client_order_id, account_id{}, reason, false,
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
      auto& mm = self->system().middleman();
      self->request(mm.actor_handle(), connect_timeout, caf::connect_atom_v,
                    self->state.host, self->state.port)
        .then(
          [self, rp](const caf::node_id&, caf::strong_actor_ptr& ptr,
                     const std::set<std::string>&) mutable {
            auto& st = self->state;
            if (!ptr) {
              rp.deliver(caf::make_error(errc::client_failed,
                                         "no venue published at " + st.address()));
              return;
            }
            st.venue = caf::actor_cast<sandbox_exec_client_actor>(std::move(ptr));
            self->monitor(st.venue);
            self->request(st.venue, connect_timeout, attach_atom_v)
              .then(
                [self, rp](caf::ok_atom) mutable {
                  self->state.log->info("Sandbox: attached to the venue at {}",
                                        self->state.address());
                  rp.deliver(caf::ok_atom_v);
                },
                [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
          },
          [self, rp](caf::error& err) mutable {
            rp.deliver(caf::make_error(errc::client_failed, "cannot reach the venue at "
                                                              + self->state.address() + ": "
                                                              + to_string(err)));
          });
      return rp;
    },
    [](disconnect_atom) { return caf::ok_atom_v; },
    [self](caf::get_atom, mass_status_atom) -> caf::result<execution_mass_status> {
      auto& st = self->state;
      if (!st.venue)
        return caf::make_error(errc::client_failed,
                               "the venue at " + st.address() + " is unreachable");
      auto rp = self->make_response_promise<execution_mass_status>();
      st.fetch_instruments(rp);
      return rp;
    },
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
    [self](const account_state& x) { self->send(self->state.exec_engine, x); },
  };
}

// Reads "HOST:PORT"; an error names what is wrong.
caf::expected<std::pair<std::string, uint16_t>> parse_address(const nlohmann::json& j) {
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

} // namespace

caf::expected<exec_client_actor> spawn_remote_venue_client(const client_context& ctx) {
  auto address = parse_address(ctx.settings.at("connect"));
  if (!address)
    return std::move(address.error());
  if (!ctx.system.has_middleman())
    return caf::make_error(errc::invalid_config,
                           "settings.connect: needs CAF's middleman in the actor system "
                           "(cfg.load<caf::io::middleman>())");
  return ctx.system.spawn(remote_venue_client,
                          remote_setup{ctx.id, address->first, address->second, ctx.log,
                                       ctx.data_engine, ctx.exec_engine});
}

} // namespace tradenode::sandbox
