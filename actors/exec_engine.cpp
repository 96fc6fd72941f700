#include "tradenode/actors/exec_engine.hpp"

namespace tradenode {

exec_client_actor exec_engine_state::route(const caf::optional<client_id>& client,
                                           const venue& venue_id) const {
  if (client) {
    auto i = clients.find(*client);
    return i != clients.end() ? i->second : exec_client_actor{};
  }
  auto i = venue_routes.find(venue_id);
  if (i == venue_routes.end())
    return {};
  return clients.at(i->second);
}

caf::result<caf::ok_atom>
exec_engine_state::reconcile(const std::vector<execution_mass_status>& xs) {
  // Aligning orders and positions with these reports comes with the engines
  // issue; for now the engine records that each venue answered.
  for (auto& x : xs)
    lifecycle.log().info("Reconciliation with client {}: {} order(s), {} fill(s), "
                         "{} position(s) reported",
                         x.client_id.value(), x.order_reports.size(),
                         x.fill_reports.size(), x.position_reports.size());
  return caf::ok_atom_v;
}

size_t exec_engine_state::inflight() const {
  return 0;
}

exec_engine_actor::behavior_type
exec_engine(exec_engine_actor::stateful_pointer<exec_engine_state> self,
            std::shared_ptr<spdlog::logger> log) {
  auto& st = self->state;
  st.lifecycle = component_lifecycle{"ExecEngine", std::move(log)};
  // Sends an order command to the client for its instrument's venue (or its
  // explicit client_id).
  auto forward = [self](auto& command, const instrument_id& instrument) {
    auto& state = self->state;
    auto client = state.route(command.client_id, venue_of(instrument));
    if (!client) {
      state.lifecycle.log().error("No execution client for {} (command for {})",
                                  venue_of(instrument).value(), instrument.value());
      return;
    }
    self->send(client, std::move(command));
  };
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](caf::add_atom, const client_id& id, const venue& v, exec_client_actor c) {
      st.clients[id] = std::move(c);
      st.venue_routes[v] = id;
      return caf::ok_atom_v;
    },
    [&st](reconcile_atom, const std::vector<execution_mass_status>& xs) {
      return st.reconcile(xs);
    },
    [self](caf::wait_for_atom, inflight_atom) -> caf::result<caf::ok_atom> {
      if (self->state.inflight() == 0)
        return caf::ok_atom_v;
      auto promise = self->make_response_promise<caf::ok_atom>();
      self->state.inflight_waiters.push_back(promise);
      return promise;
    },
    [forward](submit_order& x) { forward(x, x.order.instrument_id); },
    [forward](cancel_order& x) { forward(x, x.instrument_id); },
    [forward](modify_order& x) { forward(x, x.instrument_id); },
    [forward](cancel_all_orders& x) { forward(x, x.instrument_id); },
    [](const order_event&) {
      // Applying events to orders and positions comes with the engines issue.
    },
  };
}

} // namespace tradenode
