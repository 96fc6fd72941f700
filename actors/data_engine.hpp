#pragma once

#include <map>
#include <memory>
#include <vector>

#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/data_client.hpp"

namespace tradenode {

/// Keeps the instruments and the latest market data, and connects strategies'
/// subscriptions to the data clients.
using data_engine_actor = component_actor::extend<
  caf::replies_to<caf::add_atom, client_id, data_client_actor>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, client_id, std::vector<instrument>>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, instruments_atom>::with<std::vector<instrument>>,
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>>;

/// State of the data engine actor.
struct data_engine_state {
  static inline const char* name = "data_engine";

  /// Adds instruments served by `client`; a bad instrument is refused, naming it.
  caf::result<caf::ok_atom> load(const client_id& client,
                                 const std::vector<instrument>& xs);

  component_lifecycle lifecycle;
  std::map<client_id, data_client_actor> clients;
  std::map<instrument_id, instrument> instruments;
  /// Which client serves each instrument.
  std::map<instrument_id, client_id> routes;
  std::map<instrument_id, quote_tick> last_quotes;
  std::map<instrument_id, trade_tick> last_trades;
};

/// Spawns the data engine's behavior; `log` is its component logger.
data_engine_actor::behavior_type
data_engine(data_engine_actor::stateful_pointer<data_engine_state> self,
            std::shared_ptr<spdlog::logger> log);

} // namespace tradenode
