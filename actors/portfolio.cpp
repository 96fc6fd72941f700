#include "tradenode/actors/portfolio.hpp"

namespace tradenode {

portfolio_actor::behavior_type
portfolio(portfolio_actor::stateful_pointer<portfolio_state> self,
          std::shared_ptr<spdlog::logger> log) {
  auto& st = self->state;
  st.lifecycle = component_lifecycle{"Portfolio", std::move(log)};
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](initialize_atom) {
      // Balances and positions arrive with the engines issue.
      st.initialized = true;
      st.lifecycle.log().info("Portfolio initialized");
      return caf::ok_atom_v;
    },
  };
}

} // namespace tradenode
