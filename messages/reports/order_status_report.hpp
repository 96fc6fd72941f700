#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/price.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// A venue's view of one order, for reconciliation.
struct order_status_report {
  tradenode::account_id account_id;
  tradenode::instrument_id instrument_id;
  /// Empty for an order the venue knows but tradenode never sent.
  caf::optional<tradenode::client_order_id> client_order_id;
  tradenode::venue_order_id venue_order_id;
  tradenode::order_side side = tradenode::order_side::no_order_side;
  tradenode::order_type order_type = tradenode::order_type::market;
  tradenode::time_in_force time_in_force = tradenode::time_in_force::gtc;
  tradenode::order_status status = tradenode::order_status::accepted;
  tradenode::quantity quantity;
  tradenode::quantity filled_qty;
  caf::optional<tradenode::price> avg_px;
  caf::optional<tradenode::price> price;
  caf::optional<tradenode::price> trigger_price;
  unix_nanos expire_time = 0;
  bool post_only = false;
  bool reduce_only = false;
  unix_nanos ts_accepted = 0;
  unix_nanos ts_last = 0;
  tradenode::uuid4 report_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const order_status_report&, const order_status_report&) = default;
};

TRADENODE_REFLECT(order_status_report, account_id, instrument_id, client_order_id,
                  venue_order_id, side, order_type, time_in_force, status, quantity,
                  filled_qty, avg_px, price, trigger_price, expire_time, post_only,
                  reduce_only, ts_accepted, ts_last, report_id, ts_init)

} // namespace tradenode
