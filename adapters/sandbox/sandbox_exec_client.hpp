#pragma once

#include <map>
#include <memory>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/market_data_sink.hpp"
#include "tradenode/adapters/sandbox/matching_engine.hpp"
#include "tradenode/adapters/sandbox/sandbox_account.hpp"
#include "tradenode/node/factory_registry.hpp"

namespace tradenode::sandbox {

/// The sandbox venue's execution client: an execution client that is also a
/// subscriber of the quotes its matching engines fill against.
using sandbox_exec_client_actor = exec_client_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>>;

/// State of the sandbox: one matching engine per instrument of its venue, a
/// cash account, and the fills it reports for reconciliation.
///
/// The books are made when the node asks for the mass status (its
/// reconciliation step, after the instruments are loaded): the sandbox then
/// fetches the instruments of its venue from the data engine and subscribes
/// to their quotes. Every command is answered at once (no simulated latency).
struct sandbox_state {
  using pointer = sandbox_exec_client_actor::stateful_pointer<sandbox_state>;

  static inline const char* name = "sandbox_exec_client";

  explicit sandbox_state(pointer self_ptr) : self(self_ptr) {
  }

  /// Sends `events` to the execution engine, booking fills in the account.
  void publish(const std::vector<order_event>& events);
  void submit(const submit_order& cmd);
  execution_mass_status mass_status() const;
  void add_books(const std::vector<instrument>& instruments);
  matching_engine* book(const instrument_id& id);
  void stamp();

  pointer self;
  client_id id;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  exec_engine_actor exec_engine;
  std::unique_ptr<venue_context> ctx;
  sandbox_account account;
  std::map<instrument_id, std::unique_ptr<matching_engine>> books;
  std::vector<fill_report> fills;
};

/// Returns the factory of sandbox execution clients. Settings (all optional):
/// `balances` (["1000000 USD"]: starting balance per currency), `account_id`
/// ("<CLIENT>-001").
exec_client_factory sandbox_exec_client_factory();

} // namespace tradenode::sandbox
