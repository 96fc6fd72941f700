#pragma once

#include <vector>

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/money.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// One currency's balance in an account: total = locked + free.
struct account_balance {
  money total;
  /// Reserved by open orders.
  money locked;
  money free;

  friend bool operator==(const account_balance&, const account_balance&) = default;
};

TRADENODE_REFLECT(account_balance, total, locked, free)

/// A venue reported (or the sandbox computed) an account's balances.
struct account_state {
  tradenode::account_id account_id;
  tradenode::venue venue;
  /// One entry per currency; the balances of currencies not listed are unchanged.
  std::vector<account_balance> balances;
  /// Whether the venue reported it (false: calculated locally).
  bool reported = true;
  tradenode::uuid4 event_id;
  unix_nanos ts_event = 0;
  unix_nanos ts_init = 0;

  friend bool operator==(const account_state&, const account_state&) = default;
};

TRADENODE_REFLECT(account_state, account_id, venue, balances, reported, event_id,
                  ts_event, ts_init)

} // namespace tradenode
