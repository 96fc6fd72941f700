// A toy feed and a toy venue for the strategy examples: the feed sends a
// deterministic wave of quotes for BTCUSD.TOY once subscribed; the venue fills
// every limit order at once at its limit price. (The sandbox venue with a real
// matching engine is the product's; these keep the examples self-contained.)
#pragma once

#include <chrono>
#include <cmath>
#include <string>

#include "tradenode/actors/node_clock.hpp"
#include "tradenode/node/factory_registry.hpp"

namespace toy {

inline tradenode::instrument btcusd() {
  tradenode::instrument x;
  x.id = tradenode::instrument_id::of("BTCUSD.TOY");
  x.raw_symbol = "BTCUSD";
  x.base_currency = tradenode::currency::of("BTC");
  x.quote_currency = x.settlement_currency = tradenode::currency::of("USD");
  x.price_precision = 2;
  x.size_precision = 3;
  x.price_increment = tradenode::price::of("0.01");
  x.size_increment = tradenode::quantity::of("0.001");
  return x;
}

// -- the feed -------------------------------------------------------------------

using feed_actor = tradenode::data_client_actor::extend<caf::reacts_to<caf::tick_atom>>;

struct feed_state {
  feed_state() = default; // not an aggregate: CAF must not build it from self
  tradenode::data_engine_actor engine;
  int sent = 0;
  bool streaming = false;
};

// Sends `count` quotes one millisecond apart: a sine wave around 100.00.
inline feed_actor::behavior_type
wave_feed(feed_actor::stateful_pointer<feed_state> self,
          tradenode::data_engine_actor engine, int count) {
  self->state.engine = std::move(engine);
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [](tradenode::disconnect_atom) { return caf::ok_atom_v; },
    [](caf::get_atom, tradenode::instruments_atom) {
      return std::vector<tradenode::instrument>{btcusd()};
    },
    [self](const tradenode::subscribe_data&) {
      if (!self->state.streaming) {
        self->state.streaming = true;
        self->send(self, caf::tick_atom_v);
      }
    },
    [](const tradenode::unsubscribe_data&) {},
    [](tradenode::pause_atom) {},
    [](tradenode::resume_atom) {},
    [self, count](caf::tick_atom) {
      auto n = self->state.sent++;
      auto cents = std::llround(10000 + 200 * std::sin(n / 10.0));
      auto at = [](long long c) {
        return *tradenode::price::from_raw(c * 10'000'000, 2);
      };
      auto now = tradenode::node_clock::system()->now();
      self->send(self->state.engine,
                 tradenode::quote_tick{btcusd().id, at(cents - 1), at(cents + 1),
                                       tradenode::quantity::of("5.000"),
                                       tradenode::quantity::of("5.000"), now, now});
      if (self->state.sent < count)
        self->delayed_send(self, std::chrono::milliseconds(1), caf::tick_atom_v);
    },
  };
}

inline tradenode::data_client_factory wave_feed_factory(int count) {
  return [count](const tradenode::client_context& ctx)
           -> caf::expected<tradenode::data_client_actor> {
    return ctx.system.spawn(wave_feed, ctx.data_engine, count);
  };
}

// -- the venue ------------------------------------------------------------------

// Answers every limit order with submitted, accepted and one full fill at its price.
inline tradenode::exec_client_actor::behavior_type
instant_fills(tradenode::exec_client_actor::pointer self,
              tradenode::exec_engine_actor engine) {
  auto account = tradenode::account_id::of("TOY-001");
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [](tradenode::disconnect_atom) { return caf::ok_atom_v; },
    [account](caf::get_atom, tradenode::mass_status_atom) {
      tradenode::execution_mass_status x;
      x.client_id = tradenode::client_id::of("TOY");
      x.account_id = account;
      x.venue = tradenode::venue::of("TOY");
      return x;
    },
    [self, engine, account](const tradenode::submit_order& cmd) {
      auto& o = cmd.order;
      auto now = tradenode::node_clock::system()->now();
      auto n = std::to_string(o.ts_init);
      auto venue_id = tradenode::venue_order_id::of("V-" + n);
      self->send(engine, tradenode::order_event{tradenode::order_submitted{
                           o.trader_id, o.strategy_id, o.instrument_id, o.client_order_id,
                           account, {}, now, now}});
      self->send(engine, tradenode::order_event{tradenode::order_accepted{
                           o.trader_id, o.strategy_id, o.instrument_id, o.client_order_id,
                           venue_id, account, false, {}, now, now}});
      tradenode::order_filled fill;
      fill.trader_id = o.trader_id;
      fill.strategy_id = o.strategy_id;
      fill.instrument_id = o.instrument_id;
      fill.client_order_id = o.client_order_id;
      fill.venue_order_id = venue_id;
      fill.account_id = account;
      fill.trade_id = tradenode::trade_id::of("T-" + n);
      fill.side = o.side;
      fill.order_type = o.order_type;
      fill.last_qty = o.quantity;
      fill.last_px = *o.price;
      fill.currency = tradenode::currency::of("USD");
      fill.commission = tradenode::money::of("0.00 USD");
      fill.liquidity_side = tradenode::liquidity_side::taker;
      fill.ts_event = fill.ts_init = now;
      self->send(engine, tradenode::order_event{fill});
    },
    [](const tradenode::cancel_order&) {},
    [](const tradenode::modify_order&) {},
    [](const tradenode::cancel_all_orders&) {},
  };
}

inline tradenode::exec_client_factory instant_fills_factory() {
  return [](const tradenode::client_context& ctx)
           -> caf::expected<tradenode::exec_client_actor> {
    return ctx.system.spawn(instant_fills, ctx.exec_engine);
  };
}

/// The node config both examples use: the toy feed and venue, one strategy.
inline const char* config_json = R"({
  "logging": {"level": "warning"},
  "data_clients": {"FEED": {"factory": "wave_feed"}},
  "exec_clients": {"TOY": {"factory": "instant_fills", "venue": "TOY"}},
  "strategies": [{"type": "example", "id": "Example-001"}]
})";

} // namespace toy
