#pragma once

#include <map>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <caf/optional.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode::sandbox {

/// Adds `ccy` to the currencies a publish changed, unless it is there already.
void add_changed(std::vector<currency>& changed, const currency& ccy);

/// A cash account at the simulated venue, one balance per currency.
///
/// Currency pairs settle as spot: a buy spends the quote currency (notional
/// plus commission) and receives the base currency; a sell the reverse.
/// Instruments without a base currency (equities, perpetuals here) move only
/// the settlement currency. Open orders lock what they may spend: a buy its
/// remaining notional at its price (the touch for a market order) plus the
/// taker fee, a spot sell its remaining base quantity; `free` is `total` minus
/// what is locked, and new orders are checked against `free`.
class sandbox_account {
public:
  /// Starts with `balances`; a currency given twice is an error naming the
  /// entry ("[1]: USDT given twice").
  static caf::expected<sandbox_account> make(const std::vector<money>& balances);

  /// Returns why `spec` cannot be afforded at `px` (its limit price, or the
  /// touch for a market order), or none.
  caf::optional<std::string> check(const instrument& instr, const order_initialized& spec,
                                   price px) const;

  /// Books a fill; adds the currencies it changed to `changed` (each once).
  /// The caller keeps `changed` across fills, so that booking allocates nothing.
  void apply(const instrument& instr, const order_filled& fill,
             std::vector<currency>& changed);

  /// The account's balances (all, or only `changed`) as an event.
  account_state state(const account_id& account, const venue& v, unix_nanos now,
                      const std::vector<currency>* changed = nullptr) const;

  /// The balance of `ccy` (zero if never held).
  money balance(const currency& ccy) const;

  /// What open orders lock of `ccy`, and what is free to spend.
  money locked(const currency& ccy) const;
  money free(const currency& ccy) const;

  /// Sets what order `id` locks: `leaves` of `side` at `px`; nothing once
  /// `leaves` is zero. Returns the currency whose lock changed, if any.
  caf::optional<currency> hold(const client_order_id& id, const instrument& instr,
                               order_side side, quantity leaves, price px);

private:
  void credit(const money& delta);
  /// What `qty` of `side` at `px` costs: quote notional plus taker fee for a
  /// buy, the base quantity for a spot sell; none for a sell without a base.
  caf::optional<money> cost(const instrument& instr, order_side side, quantity qty,
                            price px) const;

  std::map<currency, money> balances_;
  std::map<client_order_id, money> held_;
  std::map<currency, money> locked_;
};

/// Reads one balance of a config: "1000000 USDT" (a known currency, in its
/// own precision: "1000000", "1000000.0" and "1000000.00000000" are the same
/// balance, more decimals than the currency has an error), or
/// {"amount": "100", "currency": {"code": "XYZ", "precision": 4}} for another
/// code. Throws json_error saying what is wrong.
money parse_balance(const nlohmann::json& j);

} // namespace tradenode::sandbox
