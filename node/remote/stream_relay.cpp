#include "tradenode/node/remote/stream_relay.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

constexpr auto subscribe_timeout = std::chrono::seconds{10};

struct stream_relay_state {
  using pointer = stream_relay_actor::stateful_pointer<stream_relay_state>;

  static inline const char* name = "stream_relay";

  stream_relay_state() = default;

  void subscribe(data_kind kind, const instrument_id& instrument, caf::optional<bar_type> type) {
    subscribe_data x{kind, instrument, std::move(type), caf::none, uuid4{}, setup.clock->now()};
    self->request(setup.data_engine, subscribe_timeout, x, market_data_sink_actor{self})
      .then([](caf::ok_atom) {},
            [this, instrument](caf::error& err) {
              setup.log->warn("Monitor: no data for {}: {}", instrument.value(), describe(err));
            });
  }

  void subscribe_instruments(const std::vector<instrument>& xs) {
    for (auto& x : xs) {
      if (setup.topics.quotes)
        subscribe(data_kind::quotes, x.id, caf::none);
      if (setup.topics.trades)
        subscribe(data_kind::trades, x.id, caf::none);
    }
  }

  pointer self = nullptr;
  stream_relay_setup setup;
};

stream_relay_actor::behavior_type stream_relay(stream_relay_state::pointer self,
                                               stream_relay_setup setup) {
  auto& st = self->state;
  st.self = self;
  st.setup = std::move(setup);
  auto& topics = st.setup.topics;
  self->monitor(st.setup.sink);
  self->set_down_handler([self](const caf::down_msg& msg) {
    self->state.setup.log->info("Gateway: a monitor detached ({})", to_string(msg.reason));
    self->quit();
  });
  // The monitor learns this relay's handle: its exit messages are not obeyed.
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    if (!msg.source || msg.source.node() == self->node())
      self->quit(msg.reason);
  });
  if (topics.state)
    self->send(st.setup.sink, st.setup.current);
  if (topics.orders || topics.positions)
    self->request(st.setup.exec_engine, subscribe_timeout, caf::add_atom_v, observer_atom_v,
                  execution_event_sink_actor{self})
      .then([](caf::ok_atom) {},
            [self](caf::error& err) {
              self->state.setup.log->warn("Monitor: no order events: {}", describe(err));
            });
  if (topics.quotes || topics.trades)
    self->request(st.setup.data_engine, subscribe_timeout, caf::get_atom_v, instruments_atom_v)
      .then([self](const std::vector<instrument>& xs) { self->state.subscribe_instruments(xs); },
            [self](caf::error& err) {
              self->state.setup.log->warn("Monitor: no instruments: {}", describe(err));
            });
  for (auto& type : topics.bars)
    st.subscribe(data_kind::bars, type.instrument_id, type);
  return {
    [self](const quote_tick& x) { self->send(self->state.setup.sink, x); },
    [self](const trade_tick& x) { self->send(self->state.setup.sink, x); },
    [self](const bar& x) { self->send(self->state.setup.sink, x); },
    [self](const order_event& x) {
      if (self->state.setup.topics.orders)
        self->send(self->state.setup.sink, x);
    },
    [self](const position_event& x) {
      if (self->state.setup.topics.positions)
        self->send(self->state.setup.sink, x);
    },
    [self](node_state x) {
      if (self->state.setup.topics.state)
        self->send(self->state.setup.sink, x);
    },
  };
}

} // namespace

caf::expected<stream_topics> parse_stream_topics(const std::string& text) {
  stream_topics result;
  bool any = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find(',', pos);
    if (end == std::string::npos)
      end = text.size();
    auto topic = text.substr(pos, end - pos);
    pos = end + 1;
    if (topic.empty())
      continue;
    any = true;
    if (topic == "quotes") {
      result.quotes = true;
    } else if (topic == "trades") {
      result.trades = true;
    } else if (topic == "orders") {
      result.orders = true;
    } else if (topic == "positions") {
      result.positions = true;
    } else if (topic == "state") {
      result.state = true;
    } else if (topic.rfind("bars:", 0) == 0) {
      auto type = bar_type::parse(topic.substr(5));
      if (!type)
        return caf::make_error(errc::invalid_argument,
                               "topic \"" + topic + "\": " + context_of(type.error()));
      result.bars.push_back(*type);
    } else {
      return caf::make_error(errc::invalid_argument,
                             "unknown topic \"" + topic
                               + "\" (expected quotes, trades, bars:BAR_TYPE, orders, "
                                 "positions or state)");
    }
  }
  if (!any)
    return caf::make_error(errc::invalid_argument, "no topic given");
  return result;
}

stream_relay_actor spawn_stream_relay(caf::actor_system& sys, stream_relay_setup setup) {
  return sys.spawn(stream_relay, std::move(setup));
}

} // namespace tradenode
