#pragma once

#include <deque>
#include <map>
#include <variant>
#include <memory>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/market_data_sink.hpp"
#include "tradenode/adapters/sandbox/matching_engine.hpp"
#include "tradenode/adapters/sandbox/sandbox_account.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/actors/client_factory.hpp"

namespace tradenode::sandbox {

/// Where a sandbox venue sends order events and account states: the
/// execution engine (in-process), or the client attached over the network.
using venue_listener_actor
  = caf::typed_actor<caf::reacts_to<order_event>, caf::reacts_to<account_state>>;

/// The sandbox venue: an execution client that is also a subscriber of the
/// quotes and trades its matching engines fill against. In a venue process
/// (`tradenode venue`) a node's client attaches to it (`attach`: the sender
/// becomes the listener) and hands it the instruments (`add`).
using sandbox_exec_client_actor = exec_client_actor::extend<
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::replies_to<attach_atom>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, std::vector<instrument>>::with<caf::ok_atom>,
  caf::reacts_to<arrive_atom>>;

/// An order command on its way to the venue.
using venue_command = std::variant<submit_order, cancel_order, modify_order, cancel_all_orders>;

/// State of the sandbox: one matching engine per instrument of its venue, a
/// cash account, and the fills it reports for reconciliation.
///
/// In-process, the books are made when the node asks for the mass status (its
/// reconciliation step, after the instruments are loaded): the sandbox then
/// fetches the instruments of its venue from the data engine and subscribes
/// to their quotes and trades. In a venue process the attached client sends
/// the instruments and forwards the market data. Order commands take effect
/// `latency_ms` after they were sent (order_submitted is reported at once).
struct sandbox_state {
  using pointer = sandbox_exec_client_actor::stateful_pointer<sandbox_state>;

  static inline const char* name = "sandbox_exec_client";

  explicit sandbox_state(pointer self_ptr) : self(self_ptr) {
  }

  /// Sends `events` of book `b` to the listener, booking fills and the
  /// orders' locks in the account (and reporting the balances they changed).
  void publish(matching_engine& b, const std::vector<order_event>& events);
  /// Sets what an order locks from its state in `b`; the currency changed.
  caf::optional<currency> update_lock(const matching_engine& b,
                                      const client_order_id& order_id);
  /// Takes a command in after the venue's latency (at once without one).
  void receive(venue_command cmd);
  void execute(const venue_command& cmd);
  void submit(const submit_order& cmd);
  void cancel_all(const cancel_all_orders& cmd);
  /// Why a reduce-only order would not reduce the venue's net position, if so.
  caf::optional<std::string> reduce_only_problem(const order_initialized& spec,
                                                 const instrument& traded) const;
  execution_mass_status mass_status() const;
  void add_books(const std::vector<instrument>& instruments);
  matching_engine* book(const instrument_id& id);
  void stamp();

  /// Sends `x` to the listener, if one is attached.
  template <class T>
  void tell(const T& x) {
    if (listener)
      self->send(listener, x);
  }

  pointer self;
  client_id id;
  std::shared_ptr<spdlog::logger> log;
  /// Null in a venue process: there the attached client feeds the books.
  data_engine_actor data_engine;
  venue_listener_actor listener;
  std::unique_ptr<venue_context> ctx;
  sandbox_account account;
  /// The currencies the events being published changed; kept between
  /// publishes so that its buffer is reused, not reallocated on every fill.
  std::vector<currency> changed_currencies;
  std::map<instrument_id, std::unique_ptr<matching_engine>> books;
  std::vector<fill_report> fills;
  /// Net position per instrument from the fills (raw quantity, short negative).
  std::map<instrument_id, int64_t> net;
  caf::timespan latency{0};
  /// The node's clock (the venue process's own: the system clock).
  node_clock_ptr clock;
  /// Commands sent but not yet arrived, oldest first.
  std::deque<venue_command> in_flight;
};

/// Subscribes `sink` to the quotes and trades of `id` (quotes move a book's
/// touch; trades fill resting limits they go through); a refusal is logged.
template <class Self>
void subscribe_market_data(Self* self, const data_engine_actor& data_engine,
                           const instrument_id& id, const market_data_sink_actor& sink,
                           std::mt19937_64& ids, unix_nanos now, spdlog::logger& log) {
  for (auto kind : {data_kind::quotes, data_kind::trades})
    self->request(data_engine, caf::infinite,
                  subscribe_data{kind, id, caf::none, caf::none, uuid4::random(ids),
                                 now},
                  sink)
      .then([](caf::ok_atom) {},
            [&log, id, kind](const caf::error& err) {
              log.error("Sandbox: no {} for {}: {}", to_string(kind), id.value(),
                        describe(err));
            });
}

/// The venue's own settings: its account and starting balances.
struct sandbox_settings {
  tradenode::account_id account;
  sandbox_account cash;
  /// How long order commands take to reach the venue.
  caf::timespan latency{0};
};

/// Parses `balances` (["1000000 USD"]: starting balance per currency),
/// `account_id` ("<NAME>-001") and `latency_ms` (0); `extra_keys` are left to the caller. Errors
/// are errc::invalid_config naming the key.
caf::expected<sandbox_settings> parse_sandbox_settings(const nlohmann::json& settings,
                                                       const std::string& name,
                                                       std::vector<const char*> extra_keys
                                                       = {});

/// Spawns a sandbox venue named `venue_id` that sends its events to
/// `listener` (may be null until a client attaches) and, when `data_engine`
/// is set, takes instruments and market data from it; its times and its
/// latency are on `clock`.
sandbox_exec_client_actor spawn_sandbox_venue(caf::actor_system& sys, client_id id,
                                              std::shared_ptr<spdlog::logger> log,
                                              venue venue_id, sandbox_settings settings,
                                              data_engine_actor data_engine,
                                              venue_listener_actor listener,
                                              node_clock_ptr clock);

/// Returns the factory of sandbox execution clients. Settings (all optional):
/// `balances` and `account_id` (see parse_sandbox_settings) for a venue in the
/// node's process, or `connect` ("HOST:PORT") for a venue running in its own
/// process (`tradenode venue`), which keeps its state when the node stops.
exec_client_factory sandbox_exec_client_factory();

} // namespace tradenode::sandbox
