#pragma once

#include <map>
#include <memory>
#include <set>
#include <vector>

#include <spdlog/logger.h>

#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/data_engine.hpp"

namespace tradenode {

/// Tracks account balances per venue and currency (from account_state), and
/// realized and unrealized PnL and net exposure per instrument (from position
/// events, marked to the last quote it subscribes to for open positions).
using portfolio_actor = component_actor::extend<
  caf::replies_to<initialize_atom>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, std::vector<instrument>>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, accounts_atom>::with<std::vector<account_state>>,
  caf::replies_to<caf::get_atom, accounts_atom, opening_atom>::with<std::vector<account_state>>,
  caf::replies_to<caf::get_atom, pnl_atom>::with<std::vector<instrument_pnl>>,
  caf::reacts_to<position_event>, caf::reacts_to<account_state>,
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>>;

/// State of the portfolio actor.
struct portfolio_state {
  using pointer = portfolio_actor::stateful_pointer<portfolio_state>;

  static inline const char* name = "portfolio";

  /// Merges the balances an account reports into what is known of it.
  void on_account(const account_state& x);
  /// Keeps a position's latest event; the first open position of an
  /// instrument subscribes the portfolio to its quotes.
  void on_position(const position_event& x);
  /// Returns one entry per instrument that had a position, by instrument id.
  std::vector<instrument_pnl> pnl() const;

  pointer self = nullptr;
  component_lifecycle lifecycle;
  data_engine_actor data_engine;
  bool initialized = false;
  std::map<instrument_id, instrument> instruments;
  std::map<account_id, account_state> accounts;
  /// Each account's first reported balance per currency: the capital a run's
  /// returns are measured against.
  std::map<account_id, account_state> opening_accounts;
  /// The latest event of each position.
  std::map<position_id, position_event> positions;
  /// Realized PnL of position lives that have closed, per instrument.
  std::map<instrument_id, money> closed_realized;
  std::map<instrument_id, quote_tick> last_quotes;
  std::set<instrument_id> quoted;
};

/// Spawns the portfolio's behavior; it subscribes to quotes at `data_engine`.
portfolio_actor::behavior_type portfolio(portfolio_state::pointer self,
                                         std::shared_ptr<spdlog::logger> log,
                                         data_engine_actor data_engine);

} // namespace tradenode
