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

/// A venue's view of one position, for reconciliation.
struct position_status_report {
  tradenode::account_id account_id;
  tradenode::instrument_id instrument_id;
  tradenode::position_side side = tradenode::position_side::flat;
  tradenode::quantity quantity;
  caf::optional<tradenode::price> avg_px_open;
  caf::optional<tradenode::position_id> position_id;
  unix_nanos ts_last = 0;
  tradenode::uuid4 report_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const position_status_report&, const position_status_report&) = default;
};

TRADENODE_REFLECT(position_status_report, account_id, instrument_id, side, quantity,
                  avg_px_open, position_id, ts_last, report_id, ts_init)

} // namespace tradenode
