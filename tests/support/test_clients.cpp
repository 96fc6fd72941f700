#include "test_clients.hpp"

#include <stdexcept>

#include <caf/event_based_actor.hpp>

namespace tradenode::test {

namespace {

// A test client: the real client interface plus a timer message for "late".
template <class Interface>
using scripted = typename Interface::template extend<caf::reacts_to<caf::tick_atom>>;

template <class Interface>
struct scripted_state {
  static inline const char* name = "scripted_client";
  client_script script;
  std::string id;
  caf::typed_response_promise<caf::ok_atom> pending_connect;
  std::vector<caf::typed_response_promise<caf::ok_atom>> pending_disconnects;
};

// The handlers both client kinds share.
template <class Interface, class Self>
auto common_handlers(Self* self) {
  return std::make_tuple(
    [self](caf::connect_atom) -> caf::result<caf::ok_atom> {
      auto& st = self->state;
      st.script.record->add(st.id + " connect");
      switch (st.script.connect) {
        case connect_mode::at_once:
          return caf::ok_atom_v;
        case connect_mode::late:
          st.pending_connect = self->template make_response_promise<caf::ok_atom>();
          self->delayed_send(self, st.script.delay, caf::tick_atom_v);
          return st.pending_connect;
        case connect_mode::never:
          st.pending_connect = self->template make_response_promise<caf::ok_atom>();
          return st.pending_connect;
        case connect_mode::throws:
          throw std::runtime_error("test client " + st.id + " exploded in connect");
      }
      return caf::ok_atom_v;
    },
    [self](caf::tick_atom) {
      auto& st = self->state;
      st.script.record->add(st.id + " connected late");
      st.pending_connect.deliver(caf::ok_atom_v);
    },
    [self](disconnect_atom) -> caf::result<caf::ok_atom> {
      auto& st = self->state;
      st.script.record->add(st.id + " disconnect");
      if (st.script.disconnect == disconnect_mode::hang) {
        st.pending_disconnects.push_back(
          self->template make_response_promise<caf::ok_atom>());
        return st.pending_disconnects.back();
      }
      return caf::ok_atom_v;
    });
}

template <class Interface, class Self>
void install_exit_policy(Self* self) {
  if (self->state.script.disconnect == disconnect_mode::hang)
    self->set_exit_handler([self](caf::exit_msg& msg) {
      self->state.script.record->add(self->state.id + " ignored exit");
      if (msg.reason == caf::exit_reason::kill)
        self->quit(msg.reason);
    });
}

// "QUOTES BTCUSDT.SIM", or "BARS <bar type>".
template <class Command>
std::string topic_of(const Command& x) {
  if (x.bar_type)
    return "BARS " + to_string(*x.bar_type);
  return std::string{to_string(x.kind)} + " " + x.instrument_id.value();
}

using data_self = typename scripted<data_client_actor>::template stateful_pointer<
  scripted_state<data_client_actor>>;

typename scripted<data_client_actor>::behavior_type
scripted_data(data_self self, client_script script, std::string id) {
  self->state.script = std::move(script);
  self->state.id = std::move(id);
  install_exit_policy<data_client_actor>(self);
  auto [connect, tick, disconnect] = common_handlers<data_client_actor>(self);
  return {
    connect,
    tick,
    disconnect,
    [self](caf::get_atom, instruments_atom) {
      self->state.script.record->add(self->state.id + " instruments");
      return self->state.script.instruments;
    },
    [self](const subscribe_data& x) {
      self->state.script.record->add(self->state.id + " subscribe " + topic_of(x));
    },
    [self](const unsubscribe_data& x) {
      self->state.script.record->add(self->state.id + " unsubscribe " + topic_of(x));
    },
    [self](pause_atom) { self->state.script.record->add(self->state.id + " pause"); },
    [self](resume_atom) { self->state.script.record->add(self->state.id + " resume"); },
  };
}

using exec_self = typename scripted<exec_client_actor>::template stateful_pointer<
  scripted_state<exec_client_actor>>;

typename scripted<exec_client_actor>::behavior_type
scripted_exec(exec_self self, client_script script, std::string id) {
  self->state.script = std::move(script);
  self->state.id = std::move(id);
  install_exit_policy<exec_client_actor>(self);
  auto [connect, tick, disconnect] = common_handlers<exec_client_actor>(self);
  return {
    connect,
    tick,
    disconnect,
    [self](caf::get_atom, mass_status_atom) {
      auto& st = self->state;
      st.script.record->add(st.id + " mass_status");
      auto status = *st.script.reports;
      status.client_id = client_id::of(st.id);
      status.account_id = account_id::of(st.id + "-001");
      status.venue = venue::of(st.id);
      return status;
    },
    [self](const submit_order&) { self->state.script.record->add(self->state.id + " submit"); },
    [self](const cancel_order&) { self->state.script.record->add(self->state.id + " cancel"); },
    [self](const modify_order&) { self->state.script.record->add(self->state.id + " modify"); },
    [self](const cancel_all_orders&) {
      self->state.script.record->add(self->state.id + " cancel_all");
    },
  };
}

struct recording_strategy_state {
  static inline const char* name = "recording_strategy";
  std::shared_ptr<event_record> record;
  component_state state = component_state::ready;
};

// A strategy written as a plain actor: it speaks the strategy interface and
// ignores market data and order events.
strategy_actor::behavior_type
recording(strategy_actor::stateful_pointer<recording_strategy_state> self,
          std::shared_ptr<event_record> record, std::string id) {
  self->state.record = std::move(record);
  return {
    [self, id](start_atom) {
      self->state.record->add(id + " start");
      self->state.state = component_state::running;
      return caf::ok_atom_v;
    },
    [self, id](stop_atom) {
      self->state.record->add(id + " stop");
      self->state.state = component_state::stopped;
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, state_atom) { return self->state.state; },
    [](const quote_tick&) {},
    [](const trade_tick&) {},
    [](const bar&) {},
    [](const order_event&) {},
    [](const position_event&) {},
  };
}

market_data_sink_actor::behavior_type
recording_sink_behavior(market_data_sink_actor::pointer,
                        std::shared_ptr<received_market_data> log) {
  return {
    [log](const quote_tick& x) { log->quotes.push_back(x); },
    [log](const trade_tick& x) { log->trades.push_back(x); },
    [log](const bar& x) { log->bars.push_back(x); },
  };
}

execution_event_sink_actor::behavior_type
recording_execution_sink_behavior(execution_event_sink_actor::pointer,
                                  std::shared_ptr<received_execution_events> log) {
  return {
    [log](const order_event& x) { log->orders.push_back(x); },
    [log](const position_event& x) { log->positions.push_back(x); },
  };
}

} // namespace

execution_event_sink_actor
recording_execution_sink(caf::actor_system& sys,
                         std::shared_ptr<received_execution_events> log) {
  return sys.spawn(recording_execution_sink_behavior, std::move(log));
}

market_data_sink_actor recording_sink(caf::actor_system& sys,
                                      std::shared_ptr<received_market_data> log) {
  return sys.spawn(recording_sink_behavior, std::move(log));
}

data_client_factory scripted_data_client(client_script script) {
  return [script](const client_context& ctx) -> caf::expected<data_client_actor> {
    auto handle = ctx.system.spawn(scripted_data, script, ctx.id.value());
    script.spawned->push_back(caf::actor_cast<caf::actor>(handle));
    return handle;
  };
}

exec_client_factory scripted_exec_client(client_script script) {
  return [script](const client_context& ctx) -> caf::expected<exec_client_actor> {
    auto handle = ctx.system.spawn(scripted_exec, script, ctx.id.value());
    script.spawned->push_back(caf::actor_cast<caf::actor>(handle));
    return handle;
  };
}

strategy_factory recording_strategy(std::shared_ptr<event_record> record) {
  return [record](const strategy_context& ctx) -> caf::expected<strategy_actor> {
    return ctx.system.spawn(recording, record, ctx.id.value());
  };
}

instrument test_instrument(const std::string& symbol, const std::string& venue_name) {
  instrument x;
  x.id = instrument_id::of(symbol + "." + venue_name);
  x.raw_symbol = symbol;
  x.kind = instrument_kind::currency_pair;
  x.base_currency = currency::of("BTC");
  x.quote_currency = currency::of("USDT");
  x.settlement_currency = currency::of("USDT");
  x.price_precision = 2;
  x.size_precision = 3;
  x.price_increment = price::of("0.01");
  x.size_increment = quantity::of("0.001");
  x.maker_fee = fee_rate::of("0.0002");
  x.taker_fee = fee_rate::of("0.0004");
  return x;
}

} // namespace tradenode::test
