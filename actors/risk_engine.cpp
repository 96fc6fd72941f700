#include "tradenode/actors/risk_engine.hpp"

namespace tradenode {

risk_engine_actor::behavior_type
risk_engine(risk_engine_actor::stateful_pointer<risk_engine_state> self,
            std::shared_ptr<spdlog::logger> log, exec_engine_actor exec_engine) {
  auto& st = self->state;
  st.lifecycle = component_lifecycle{"RiskEngine", std::move(log)};
  st.exec_engine = std::move(exec_engine);
  // Pre-trade checks come with the engines issue; until then every command
  // passes straight through.
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [self](submit_order& x) { self->send(self->state.exec_engine, std::move(x)); },
    [self](cancel_order& x) { self->send(self->state.exec_engine, std::move(x)); },
    [self](modify_order& x) { self->send(self->state.exec_engine, std::move(x)); },
    [self](cancel_all_orders& x) { self->send(self->state.exec_engine, std::move(x)); },
  };
}

} // namespace tradenode
