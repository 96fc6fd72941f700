#include "tradenode/node/worker_thread.hpp"

#include <thread>

#include <caf/actor_system.hpp>
#include <caf/policy/work_sharing.hpp>
#include <caf/policy/work_stealing.hpp>
#include <caf/scheduler/coordinator.hpp>

namespace tradenode {

namespace {

template <class Policy>
bool is_worker_of(caf::scheduler::abstract_coordinator& sched) {
  auto* coordinator = dynamic_cast<caf::scheduler::coordinator<Policy>*>(&sched);
  if (coordinator == nullptr)
    return false;
  auto me = std::this_thread::get_id();
  for (size_t i = 0; i < coordinator->num_workers(); ++i)
    if (coordinator->worker_by_id(i)->get_thread().get_id() == me)
      return true;
  return false;
}

} // namespace

bool on_worker_thread(caf::actor_system& sys) {
  auto& sched = sys.scheduler();
  return is_worker_of<caf::policy::work_stealing>(sched)
         || is_worker_of<caf::policy::work_sharing>(sched);
}

} // namespace tradenode
