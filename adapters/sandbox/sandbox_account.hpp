#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <caf/optional.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode::sandbox {

/// A cash account at the simulated venue, one balance per currency.
///
/// Currency pairs settle as spot: a buy spends the quote currency (notional
/// plus commission) and receives the base currency; a sell the reverse.
/// Instruments without a base currency (equities, perpetuals here) move only
/// the settlement currency. Nothing is locked by open orders: `free` equals
/// `total`.
class sandbox_account {
public:
  /// Starts with `balances` ("100000 USDT", ...); a repeated or malformed
  /// entry is an error naming it.
  static caf::expected<sandbox_account> make(const std::vector<std::string>& balances);

  /// Returns why `spec` cannot be afforded at `px` (its limit price, or the
  /// touch for a market order), or none.
  caf::optional<std::string> check(const instrument& instr, const order_initialized& spec,
                                   price px) const;

  /// Books a fill; returns the currencies it changed.
  std::set<currency> apply(const instrument& instr, const order_filled& fill);

  /// The account's balances (all, or only `changed`) as an event.
  account_state state(const account_id& account, const venue& v, unix_nanos now,
                      const std::set<currency>* changed = nullptr) const;

  /// The balance of `ccy` (zero if never held).
  money balance(const currency& ccy) const;

private:
  void credit(const money& delta);

  std::map<currency, money> balances_;
};

} // namespace tradenode::sandbox
