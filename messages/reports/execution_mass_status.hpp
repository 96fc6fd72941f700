#pragma once

#include <vector>

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/reports/fill_report.hpp"
#include "tradenode/messages/reports/order_status_report.hpp"
#include "tradenode/messages/reports/position_status_report.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// Everything an execution client reports at reconciliation: orders, fills, positions.
struct execution_mass_status {
  tradenode::client_id client_id;
  tradenode::account_id account_id;
  tradenode::venue venue;
  std::vector<tradenode::order_status_report> order_reports;
  std::vector<tradenode::fill_report> fill_reports;
  std::vector<tradenode::position_status_report> position_reports;
  tradenode::uuid4 report_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const execution_mass_status&, const execution_mass_status&) = default;
};

TRADENODE_REFLECT(execution_mass_status, client_id, account_id, venue, order_reports,
                  fill_reports, position_reports, report_id, ts_init)

} // namespace tradenode
