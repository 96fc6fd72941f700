#pragma once

// The one CAF type-id block of tradenode: every type that crosses an actor (or
// process) boundary, and every atom. Register it with register_types().

#include <caf/atom.hpp>
#include <caf/type_id.hpp>

#include "tradenode/messages/commands/cancel_all_orders.hpp"
#include "tradenode/messages/commands/cancel_order.hpp"
#include "tradenode/messages/commands/modify_order.hpp"
#include "tradenode/messages/commands/submit_order.hpp"
#include "tradenode/messages/commands/subscribe_data.hpp"
#include "tradenode/messages/commands/unsubscribe_data.hpp"
#include "tradenode/messages/data/bar.hpp"
#include "tradenode/messages/data/market_data_batch.hpp"
#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"
#include "tradenode/messages/events/account_state.hpp"
#include "tradenode/messages/events/order_event.hpp"
#include "tradenode/messages/events/position_event.hpp"
#include "tradenode/messages/component_state.hpp"
#include "tradenode/messages/instrument.hpp"
#include "tradenode/messages/node_state.hpp"
#include "tradenode/messages/reports/data_flow_stats.hpp"
#include "tradenode/messages/reports/execution_mass_status.hpp"
#include "tradenode/messages/reports/instrument_pnl.hpp"

CAF_BEGIN_TYPE_ID_BLOCK(tradenode, caf::first_custom_type_id)

  // -- value types

  CAF_ADD_TYPE_ID(tradenode, (tradenode::trader_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::strategy_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::instrument_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::venue))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::client_id))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::client_id>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::account_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::client_order_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::venue_order_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::trade_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::position_id))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::price))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::quantity))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::fee_rate))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::currency))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::money))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::uuid4))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::instrument))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::instrument>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::node_state))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::component_state))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::trading_state))

  // -- market data

  CAF_ADD_TYPE_ID(tradenode, (tradenode::quote_tick))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::trade_tick))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::bar_type))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::bar))

  // -- commands

  CAF_ADD_TYPE_ID(tradenode, (tradenode::submit_order))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::cancel_order))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::modify_order))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::cancel_all_orders))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::subscribe_data))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::unsubscribe_data))

  // -- events

  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_initialized))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_denied))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_submitted))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_accepted))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_rejected))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_canceled))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_expired))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_triggered))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_pending_update))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_pending_cancel))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_modify_rejected))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_cancel_rejected))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_updated))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_filled))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_event))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::order_event>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::position_event))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::position_event>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::account_state))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::account_state>))

  // -- reports

  CAF_ADD_TYPE_ID(tradenode, (tradenode::order_status_report))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::order_status_report>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::fill_report))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::position_status_report))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::execution_mass_status))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::execution_mass_status>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::instrument_pnl))
  CAF_ADD_TYPE_ID(tradenode, (std::vector<tradenode::instrument_pnl>))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::data_flow_stats))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::quote_batch))
  CAF_ADD_TYPE_ID(tradenode, (tradenode::trade_batch))

  // -- atoms (text at most 10 characters)

  CAF_ADD_ATOM(tradenode, tradenode, build_atom, "build")
  CAF_ADD_ATOM(tradenode, tradenode, run_atom, "run")
  CAF_ADD_ATOM(tradenode, tradenode, start_atom, "start")
  CAF_ADD_ATOM(tradenode, tradenode, stop_atom, "stop")
  CAF_ADD_ATOM(tradenode, tradenode, dispose_atom, "dispose")
  CAF_ADD_ATOM(tradenode, tradenode, disconnect_atom, "disconnect")
  CAF_ADD_ATOM(tradenode, tradenode, instruments_atom, "instrument")
  CAF_ADD_ATOM(tradenode, tradenode, mass_status_atom, "massstatus")
  CAF_ADD_ATOM(tradenode, tradenode, reconcile_atom, "reconcile")
  CAF_ADD_ATOM(tradenode, tradenode, initialize_atom, "initialize")
  CAF_ADD_ATOM(tradenode, tradenode, inflight_atom, "inflight")
  CAF_ADD_ATOM(tradenode, tradenode, state_atom, "state")
  CAF_ADD_ATOM(tradenode, tradenode, engines_atom, "engines")
  CAF_ADD_ATOM(tradenode, tradenode, deadline_atom, "deadline")
  CAF_ADD_ATOM(tradenode, tradenode, accounts_atom, "accounts")
  CAF_ADD_ATOM(tradenode, tradenode, pnl_atom, "pnl")
  CAF_ADD_ATOM(tradenode, tradenode, timer_atom, "timer")
  CAF_ADD_ATOM(tradenode, tradenode, counts_atom, "counts")
  CAF_ADD_ATOM(tradenode, tradenode, observer_atom, "observer")
  CAF_ADD_ATOM(tradenode, tradenode, attach_atom, "attach")
  CAF_ADD_ATOM(tradenode, tradenode, arrive_atom, "arrive")
  CAF_ADD_ATOM(tradenode, tradenode, topics_atom, "topics")
  CAF_ADD_ATOM(tradenode, tradenode, adopt_atom, "adopt")
  CAF_ADD_ATOM(tradenode, tradenode, kill_atom, "kill")
  CAF_ADD_ATOM(tradenode, tradenode, consumed_atom, "consumed")
  CAF_ADD_ATOM(tradenode, tradenode, pause_atom, "pause")
  CAF_ADD_ATOM(tradenode, tradenode, resume_atom, "resume")
  CAF_ADD_ATOM(tradenode, tradenode, flow_atom, "flow")
  CAF_ADD_ATOM(tradenode, tradenode, cancel_atom, "cancel")
  CAF_ADD_ATOM(tradenode, tradenode, end_atom, "end")
  CAF_ADD_ATOM(tradenode, tradenode, opening_atom, "opening")
  CAF_ADD_ATOM(tradenode, tradenode, batches_atom, "batches")

CAF_END_TYPE_ID_BLOCK(tradenode)
