#include "tradenode/adapters/sandbox/sandbox_account.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode::sandbox {

namespace {

// `qty` of `ccy` as money (a base-currency amount).
money as_money(quantity qty, const currency& ccy) {
  auto amount = money::amount_type::exact(qty.raw(), ccy.precision());
  auto result = money::make(amount, ccy);
  return result ? *result : money::zero(ccy);
}

money negate(const money& x) {
  return *subtract(money::zero(x.ccy()), x);
}

} // namespace

caf::expected<sandbox_account>
sandbox_account::make(const std::vector<std::string>& balances) {
  sandbox_account result;
  for (auto& text : balances) {
    auto x = money::parse(text);
    if (!x)
      return caf::make_error(errc::invalid_config,
                             "balance \"" + text + "\": " + describe(x.error()));
    if (!result.balances_.emplace(x->ccy(), *x).second)
      return caf::make_error(errc::invalid_config, "balance \"" + text + "\": "
                                                     + x->ccy().code() + " given twice");
  }
  return result;
}

money sandbox_account::balance(const currency& ccy) const {
  auto i = balances_.find(ccy);
  return i == balances_.end() ? money::zero(ccy) : i->second;
}

void sandbox_account::credit(const money& delta) {
  auto sum = add(balance(delta.ccy()), delta);
  if (sum)
    balances_.insert_or_assign(delta.ccy(), *sum);
}

caf::optional<std::string> sandbox_account::check(const instrument& instr,
                                                  const order_initialized& spec,
                                                  price px) const {
  auto insufficient = [](const money& need, const money& have) {
    return "insufficient balance: need " + to_string(need) + ", free "
           + to_string(have);
  };
  bool spot = static_cast<bool>(instr.base_currency);
  if (spec.side == order_side::sell && spot) {
    auto need = as_money(spec.quantity, *instr.base_currency);
    auto have = balance(*instr.base_currency);
    if (need.amount().raw() > have.amount().raw())
      return insufficient(need, have);
    return caf::none;
  }
  if (spec.side == order_side::sell)
    return caf::none; // selling without a base currency only receives cash
  auto value = notional(px, spec.quantity, instr.quote_currency);
  if (!value)
    return describe(value.error());
  auto commission = fee(*value, instr.taker_fee);
  auto need = commission ? add(*value, *commission) : caf::expected<money>{*value};
  auto have = balance(instr.quote_currency);
  if (!need || need->amount().raw() > have.amount().raw())
    return insufficient(need ? *need : *value, have);
  return caf::none;
}

std::set<currency> sandbox_account::apply(const instrument& instr, const order_filled& fill) {
  std::set<currency> changed;
  auto value = notional(fill.last_px, fill.last_qty, instr.quote_currency);
  if (!value)
    return changed;
  bool buy = fill.side == order_side::buy;
  credit(buy ? negate(*value) : *value);
  credit(negate(fill.commission));
  changed.insert(instr.quote_currency);
  changed.insert(fill.commission.ccy());
  if (instr.base_currency) {
    auto qty = as_money(fill.last_qty, *instr.base_currency);
    credit(buy ? qty : negate(qty));
    changed.insert(*instr.base_currency);
  }
  return changed;
}

account_state sandbox_account::state(const account_id& account, const venue& v,
                                     unix_nanos now,
                                     const std::set<currency>* changed) const {
  account_state x;
  x.account_id = account;
  x.venue = v;
  for (auto& [ccy, total] : balances_)
    if (changed == nullptr || changed->count(ccy) != 0)
      x.balances.push_back(account_balance{total, money::zero(ccy), total});
  x.reported = true;
  x.ts_event = x.ts_init = now;
  return x;
}

} // namespace tradenode::sandbox
