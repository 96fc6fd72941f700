#pragma once

#include <map>
#include <memory>
#include <vector>

#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/exec_client.hpp"

namespace tradenode {

/// Owns the orders: routes commands to execution clients by venue, applies
/// their events, reconciles with the venues' mass status.
using exec_engine_actor = component_actor::extend<
  caf::replies_to<caf::add_atom, client_id, venue, exec_client_actor>::with<caf::ok_atom>,
  caf::replies_to<reconcile_atom,
                  std::vector<execution_mass_status>>::with<caf::ok_atom>,
  caf::replies_to<caf::wait_for_atom, inflight_atom>::with<caf::ok_atom>,
  caf::reacts_to<submit_order>, caf::reacts_to<cancel_order>,
  caf::reacts_to<modify_order>, caf::reacts_to<cancel_all_orders>,
  caf::reacts_to<order_event>>;

/// State of the execution engine actor.
struct exec_engine_state {
  static inline const char* name = "exec_engine";

  /// Returns the client for `venue_id` or the explicit `client`, if known.
  exec_client_actor route(const caf::optional<client_id>& client,
                          const venue& venue_id) const;

  /// Records what the venues report; logs counts per client.
  caf::result<caf::ok_atom> reconcile(const std::vector<execution_mass_status>& xs);

  /// Returns the number of orders awaiting a venue's answer.
  size_t inflight() const;

  component_lifecycle lifecycle;
  std::map<client_id, exec_client_actor> clients;
  std::map<venue, client_id> venue_routes;
  /// Requests waiting for inflight() to reach zero.
  std::vector<caf::typed_response_promise<caf::ok_atom>> inflight_waiters;
};

/// Spawns the execution engine's behavior.
exec_engine_actor::behavior_type
exec_engine(exec_engine_actor::stateful_pointer<exec_engine_state> self,
            std::shared_ptr<spdlog::logger> log);

} // namespace tradenode
