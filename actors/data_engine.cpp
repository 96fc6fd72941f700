#include "tradenode/actors/data_engine.hpp"

namespace tradenode {

caf::result<caf::ok_atom> data_engine_state::load(const client_id& client,
                                                  const std::vector<instrument>& xs) {
  for (auto& x : xs) {
    if (auto err = validate(x)) {
      lifecycle.log().error("Instrument from client {} refused: {}", client.value(),
                            describe(err));
      return err;
    }
  }
  for (auto& x : xs) {
    instruments[x.id] = x;
    routes[x.id] = client;
  }
  lifecycle.log().info("Loaded {} instrument(s) from client {}", xs.size(),
                       client.value());
  return caf::ok_atom_v;
}

data_engine_actor::behavior_type
data_engine(data_engine_actor::stateful_pointer<data_engine_state> self,
            std::shared_ptr<spdlog::logger> log) {
  auto& st = self->state;
  st.lifecycle = component_lifecycle{"DataEngine", std::move(log)};
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](caf::add_atom, const client_id& id, data_client_actor client) {
      st.clients[id] = std::move(client);
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, const client_id& id, const std::vector<instrument>& xs) {
      return st.load(id, xs);
    },
    [&st](caf::get_atom, instruments_atom) {
      std::vector<instrument> result;
      for (auto& [id, x] : st.instruments)
        result.push_back(x);
      return result;
    },
    [&st](const quote_tick& x) { st.last_quotes[x.instrument_id] = x; },
    [&st](const trade_tick& x) { st.last_trades[x.instrument_id] = x; },
    [](const bar&) {
      // Bars reach strategies once subscriptions exist (engines issue).
    },
  };
}

} // namespace tradenode
