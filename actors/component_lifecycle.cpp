#include "tradenode/actors/component_lifecycle.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

component_lifecycle::component_lifecycle()
  : component_lifecycle("unnamed", std::make_shared<spdlog::logger>("unnamed")) {
  // nop
}

component_lifecycle::component_lifecycle(std::string name,
                                         std::shared_ptr<spdlog::logger> log)
  : name_(std::move(name)), log_(std::move(log)) {
  (void) apply(component_trigger::initialize);
}

caf::error component_lifecycle::apply(component_trigger trigger) {
  auto next = transition(state_, trigger);
  if (!next) {
    log_->error("Component {} refused {}: {}", name_, to_string(trigger),
                describe(next.error()));
    return std::move(next.error());
  }
  log_->debug("Component {} {} -> {}", name_, to_string(state_), to_string(*next));
  state_ = *next;
  return caf::none;
}

caf::error component_lifecycle::run_step(const step_fn& step, component_trigger done) {
  if (step) {
    if (auto err = step()) {
      (void) fault();
      return err;
    }
  }
  return apply(done);
}

caf::error component_lifecycle::fault() {
  if (auto err = apply(component_trigger::fault))
    return err;
  log_->error("Component {} FAULTED", name_);
  return apply(component_trigger::fault_completed);
}

caf::result<caf::ok_atom> component_lifecycle::start(const step_fn& on_starting) {
  using trigger = component_trigger;
  if (state_ == component_state::running)
    return caf::ok_atom_v;
  // A stopped component restarts with RESUME, as NautilusTrader's table says.
  auto [begin, done] = state_ == component_state::stopped
                         ? std::pair{trigger::resume, trigger::resume_completed}
                         : std::pair{trigger::start, trigger::start_completed};
  if (auto err = apply(begin))
    return err;
  if (auto err = run_step(on_starting, done))
    return err;
  log_->info("Component {} RUNNING", name_);
  return caf::ok_atom_v;
}

caf::result<caf::ok_atom> component_lifecycle::stop(const step_fn& on_stopping) {
  if (state_ == component_state::stopped)
    return caf::ok_atom_v;
  if (auto err = apply(component_trigger::stop))
    return err;
  if (auto err = run_step(on_stopping, component_trigger::stop_completed))
    return err;
  log_->info("Component {} STOPPED", name_);
  return caf::ok_atom_v;
}

} // namespace tradenode
