#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// A venue's record of one fill, for reconciliation.
struct fill_report {
  tradenode::account_id account_id;
  tradenode::instrument_id instrument_id;
  tradenode::venue_order_id venue_order_id;
  caf::optional<tradenode::client_order_id> client_order_id;
  tradenode::trade_id trade_id;
  tradenode::order_side side = tradenode::order_side::no_order_side;
  tradenode::quantity last_qty;
  tradenode::price last_px;
  tradenode::money commission;
  tradenode::liquidity_side liquidity_side = tradenode::liquidity_side::no_liquidity_side;
  caf::optional<tradenode::position_id> position_id;
  unix_nanos ts_event = 0;
  tradenode::uuid4 report_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const fill_report&, const fill_report&) = default;
};

TRADENODE_REFLECT(fill_report, account_id, instrument_id, venue_order_id,
                  client_order_id, trade_id, side, last_qty, last_px, commission,
                  liquidity_side, position_id, ts_event, report_id, ts_init)

} // namespace tradenode
