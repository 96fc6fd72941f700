#include "tradenode/node/remote/strategy_attachment.hpp"

#include <caf/io/middleman.hpp>
#include <caf/openssl/remote_actor.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

constexpr auto attach_timeout = std::chrono::seconds{30};

bool ended_normally(const caf::error& reason) {
  return !reason || reason == caf::exit_reason::user_shutdown
         || reason == caf::exit_reason::normal;
}

} // namespace

caf::expected<gateway_actor> reach_gateway(caf::actor_system& sys, const peer_config& peer) {
  auto fail = [&](const caf::error& err) {
    return caf::make_error(errc::peer_lost,
                           "cannot reach the node at " + peer.address() + ": " + to_string(err));
  };
  if (peer.tls.enabled()) {
    if (!sys.has_openssl_manager())
      return caf::make_error(errc::invalid_config,
                             "tls: the actor system has no openssl module (call "
                             "tradenode::apply_remote_config on its config)");
    auto gw = caf::openssl::remote_actor<gateway_actor>(sys, peer.host, peer.port);
    if (!gw)
      return fail(gw.error());
    return *gw;
  }
  if (!sys.has_middleman())
    return caf::make_error(errc::invalid_config, "the actor system has no middleman");
  auto gw = sys.middleman().remote_actor<gateway_actor>(peer.host, peer.port);
  if (!gw)
    return fail(gw.error());
  return *gw;
}

strategy_attachment::strategy_attachment(caf::actor_system& sys,
                                         std::shared_ptr<spdlog::logger> log)
  : self_(sys), log_(std::move(log)) {
}

strategy_attachment::~strategy_attachment() {
  for (auto& front : fronts_)
    self_->send_exit(front, caf::exit_reason::user_shutdown);
}

caf::expected<std::unique_ptr<strategy_attachment>>
strategy_attachment::attach(caf::actor_system& sys, const peer_config& peer,
                            const std::vector<strategy_config>& strategies,
                            const factory_registry& factories,
                            std::shared_ptr<spdlog::logger> log) {
  if (strategies.empty())
    return caf::make_error(errc::invalid_config, "strategies: none to attach");
  for (size_t i = 0; i < strategies.size(); ++i)
    if (!factories.strategy(strategies[i].type))
      return caf::make_error(errc::invalid_factory,
                             "strategies[" + std::to_string(i) + "].type: no strategy factory \""
                               + strategies[i].type + "\"");
  auto gateway = reach_gateway(sys, peer);
  if (!gateway)
    return std::move(gateway.error());
  std::unique_ptr<strategy_attachment> result{new strategy_attachment(sys, log)};
  result->address_ = peer.address();
  auto& self = result->self_;
  for (auto& cfg : strategies) {
    auto fail = [&](const caf::error& err) {
      return caf::make_error(err.category() == caf::atom("tradenode")
                               ? static_cast<errc>(err.code())
                               : errc::peer_lost,
                             "strategy " + cfg.id.value() + ": " + describe(err));
    };
    caf::error err;
    caf::actor link_handle;
    trader_id trader;
    self->request(*gateway, attach_timeout, attach_atom_v, peer.token, cfg.id)
      .receive(
        [&](caf::actor& x, trader_id& y) {
          link_handle = std::move(x);
          trader = std::move(y);
        },
        [&](caf::error& x) { err = std::move(x); });
    if (err)
      return fail(err);
    auto link = caf::actor_cast<strategy_link_actor>(link_handle);
    auto front = spawn_strategy_front(sys, cfg.id, link, peer.address(), log);
    result->fronts_.push_back(front);
    strategy_context ctx{sys,
                         cfg.id,
                         trader,
                         cfg.settings,
                         log->clone(cfg.id.value()),
                         market_data_router_actor{front},
                         order_command_actor{front},
                         cfg.options,
                         strategy_state_store_actor{}};
    caf::expected<strategy_actor> host = caf::make_error(errc::invalid_factory);
    try {
      host = (*factories.strategy(cfg.type))(ctx);
    } catch (const std::exception& e) {
      host = caf::make_error(errc::invalid_config, std::string{"factory threw: "} + e.what());
    }
    if (!host)
      return fail(host.error());
    self->request(front, attach_timeout, adopt_atom_v, *host).receive([](caf::ok_atom) {},
                                                                      [&](caf::error& x) {
                                                                        err = std::move(x);
                                                                      });
    if (!err)
      self->request(link, attach_timeout, attach_atom_v, caf::actor_cast<caf::actor>(front))
        .receive([](caf::ok_atom) {}, [&](caf::error& x) { err = std::move(x); });
    if (err)
      return fail(err);
    log->info("Strategy {} attached to the node at {} (trader {})", cfg.id.value(),
              peer.address(), trader.value());
  }
  for (auto& front : result->fronts_)
    self->monitor(front);
  return result;
}

caf::error strategy_attachment::wait() {
  if (waited_)
    return outcome_;
  size_t alive = fronts_.size();
  while (alive > 0) {
    self_->receive([&](caf::down_msg& msg) {
      --alive;
      if (!ended_normally(msg.reason) && !outcome_)
        outcome_ = caf::make_error(errc::peer_lost, "lost the node at " + address_ + ": "
                                                      + to_string(msg.reason));
    });
  }
  fronts_.clear();
  waited_ = true;
  return outcome_;
}

void strategy_attachment::stop() {
  for (auto& front : fronts_) {
    // The strategy stops through its front: its cancels reach the node first.
    self_->request(front, attach_timeout, stop_atom_v)
      .receive([](caf::ok_atom) {},
               [this](caf::error& err) {
                 log_->warn("Stopping a strategy: {}", describe(err));
               });
    self_->send_exit(front, caf::exit_reason::user_shutdown);
  }
}

} // namespace tradenode
