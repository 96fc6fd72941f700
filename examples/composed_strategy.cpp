// A strategy composed of several actors: a signal actor reads quotes, an
// execution actor places orders, and a front actor speaks the node's strategy
// interface for both. It trades on the toy feed and venue of toy_venue.hpp.
#include <chrono>
#include <cstdio>
#include <future>

#include <caf/typed_event_based_actor.hpp>

#include "toy_venue.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/node/trading_node.hpp"
#include "tradenode/strategies/indicators.hpp"

namespace {

std::promise<void> traded;

namespace tn = tradenode;

// The execution half: told which position to hold (1 lot long, or flat) and
// the quote that decided it; places IOC limit orders at the touch.
using execution_actor
  = caf::typed_actor<caf::reacts_to<caf::put_atom, int32_t, tn::quote_tick>,
                     caf::reacts_to<tn::order_event>, caf::reacts_to<tn::position_event>>;

struct execution_state {
  execution_state() = default;
  std::unique_ptr<tn::order_factory> orders;
  /// The position: long `held`, or flat (it never sells more than it holds).
  tn::quantity held;
  bool long_side = false;
  bool order_open = false;
  int round_trips = 0;
};

execution_actor::behavior_type
execution(execution_actor::stateful_pointer<execution_state> self,
          tn::order_command_actor risk_engine, tn::trader_id trader, tn::strategy_id id) {
  self->state.orders = std::make_unique<tn::order_factory>(trader, id, [] { return tn::node_clock::system()->now(); });
  auto submit = [self, risk_engine, trader, id](tn::order_initialized order) {
    self->state.order_open = true;
    self->send(risk_engine, tn::submit_order{trader, id, std::move(order), caf::none,
                                             caf::none, tn::uuid4{}, tn::node_clock::system()->now()});
  };
  return {
    [self, submit](caf::put_atom, int32_t target, const tn::quote_tick& q) {
      auto& st = self->state;
      if (st.order_open)
        return;
      auto lot = tn::quantity::of("0.100");
      if (target == 1 && !st.long_side)
        submit(st.orders->limit(q.instrument_id, tn::order_side::buy, lot, q.ask_price,
                                tn::time_in_force::ioc));
      else if (target == 0 && st.long_side)
        submit(st.orders->limit(q.instrument_id, tn::order_side::sell, st.held, q.bid_price,
                                tn::time_in_force::ioc, 0, false, true));
    },
    [self](const tn::order_event& ev) {
      // Any answer that closes the order frees the next decision (a fill's
      // position event has arrived before the fill).
      auto name = tn::event_name(ev);
      if (name == "order_filled" || name == "order_canceled" || name == "order_rejected"
          || name == "order_denied" || name == "order_expired")
        self->state.order_open = false;
    },
    [self](const tn::position_event& ev) {
      self->state.held = ev.quantity;
      self->state.long_side = ev.side == tn::position_side::long_side;
      if (ev.kind == tn::position_event_kind::closed) {
        std::printf("round trip %d closed, realized %s\n", ++self->state.round_trips,
                    to_string(ev.realized_pnl).c_str());
        if (self->state.round_trips == 3)
          traded.set_value();
      }
    },
  };
}

// The signal half: a moving average of the mid; long 1.00 below it, flat 1.00 above.
struct signal_state {
  signal_state() = default;
  tn::indicators::ema average{19}; // alpha 2 / (19 + 1) = 0.1
  int32_t target = 0;
};

tn::market_data_sink_actor::behavior_type
signal(tn::market_data_sink_actor::stateful_pointer<signal_state> self,
       execution_actor exec) {
  return {
    [self, exec](const tn::quote_tick& q) {
      auto& st = self->state;
      st.average.handle(q);
      auto mid = tn::indicators::mid_of(q);
      if (mid < st.average.value() - 1.0)
        st.target = 1;
      else if (mid > st.average.value() + 1.0)
        st.target = 0;
      self->send(exec, caf::put_atom_v, st.target, q);
    },
    [](const tn::trade_tick&) {},
    [](const tn::bar&) {},
  };
}

// The front: the node starts, stops and queries it, and sends it the
// strategy's order and position events; it spawns the halves, linked to it
// so that they share its fate, and subscribes the signal half to quotes.
struct front_state {
  front_state() = default;
  tn::component_state state = tn::component_state::ready;
};

tn::strategy_actor::behavior_type
front(tn::strategy_actor::stateful_pointer<front_state> self, tn::strategy_context ctx) {
  auto exec = self->spawn<caf::linked>(execution, tn::order_command_actor{ctx.risk_engine},
                                       ctx.trader, ctx.id);
  auto sig = self->spawn<caf::linked>(signal, exec);
  auto data = ctx.data_engine;
  auto quotes = tn::subscribe_data{tn::data_kind::quotes, toy::btcusd().id, caf::none,
                                   caf::none, tn::uuid4{}, 0};
  return {
    [self, data, sig, quotes](tn::start_atom) -> caf::result<caf::ok_atom> {
      auto rp = self->make_response_promise<caf::ok_atom>();
      self->request(data, std::chrono::seconds(5), quotes, tn::market_data_sink_actor{sig})
        .then(
          [self, rp](caf::ok_atom) mutable {
            self->state.state = tn::component_state::running;
            rp.deliver(caf::ok_atom_v);
          },
          [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
      return rp;
    },
    [self](tn::stop_atom) {
      self->state.state = tn::component_state::stopped; // IOC orders: nothing rests
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, tn::state_atom) { return self->state.state; },
    [sig](const tn::quote_tick& x) { caf::anon_send(sig, x); },
    [sig](const tn::trade_tick& x) { caf::anon_send(sig, x); },
    [sig](const tn::bar& x) { caf::anon_send(sig, x); },
    [exec](const tn::order_event& x) { caf::anon_send(exec, x); },
    [exec](const tn::position_event& x) { caf::anon_send(exec, x); },
  };
}

tn::strategy_factory composed_factory() {
  return [](const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
    return ctx.system.spawn(front, ctx);
  };
}

} // namespace

int main() {
  auto cfg = tradenode::parse_node_config(nlohmann::json::parse(toy::config_json));
  if (!cfg)
    return 2;
  tradenode::trading_node node{*cfg};
  node.add_data_client_factory("wave_feed", toy::wave_feed_factory(5000));
  node.add_exec_client_factory("instant_fills", toy::instant_fills_factory());
  node.add_strategy_factory("example", composed_factory());
  node.build();
  auto finished = node.run_async();
  auto ok = traded.get_future().wait_for(std::chrono::seconds(60))
            == std::future_status::ready;
  node.stop();
  finished.get();
  node.dispose();
  if (!ok)
    std::fputs("no round trip within 60 s\n", stderr);
  return ok ? 0 : 1;
}
