#include "tradenode/adapters/sandbox/sandbox_account.hpp"

#include <algorithm>

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

caf::expected<sandbox_account> sandbox_account::make(const std::vector<money>& balances) {
  sandbox_account result;
  for (size_t i = 0; i < balances.size(); ++i) {
    auto& x = balances[i];
    if (!result.balances_.emplace(x.ccy(), x).second)
      return caf::make_error(errc::invalid_config, "[" + std::to_string(i) + "]: "
                                                     + x.ccy().code() + " given twice");
  }
  return result;
}

money parse_balance(const nlohmann::json& j) {
  if (j.is_string()) {
    auto& text = j.get_ref<const std::string&>();
    auto space = text.find(' ');
    auto code = space == std::string::npos ? std::string{} : text.substr(space + 1);
    // A balance's currency must be the one instruments quote in: a code the
    // table does not know needs its precision spelled out.
    if (!code.empty() && !currency::is_known(code))
      throw json_error("", "unknown currency \"" + code + "\": write {\"amount\": \""
                             + text.substr(0, space) + "\", \"currency\": {\"code\": \"" + code
                             + "\", \"precision\": N}}");
  }
  return j.get<money>();
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

caf::optional<money> sandbox_account::cost(const instrument& instr, order_side side,
                                           quantity qty, price px) const {
  if (side == order_side::sell)
    return instr.base_currency ? caf::optional<money>{as_money(qty, *instr.base_currency)}
                               : caf::none; // selling without a base only receives cash
  auto value = notional(px, qty, instr.quote_currency);
  if (!value)
    return caf::none;
  auto commission = fee(*value, instr.taker_fee);
  auto total = commission ? add(*value, *commission) : caf::expected<money>{*value};
  return total ? caf::optional<money>{*total} : caf::optional<money>{*value};
}

money sandbox_account::locked(const currency& ccy) const {
  auto i = locked_.find(ccy);
  return i == locked_.end() ? money::zero(ccy) : i->second;
}

money sandbox_account::free(const currency& ccy) const {
  auto x = subtract(balance(ccy), locked(ccy));
  return x ? *x : money::zero(ccy);
}

caf::optional<currency> sandbox_account::hold(const client_order_id& id,
                                              const instrument& instr, order_side side,
                                              quantity leaves, price px) {
  caf::optional<money> now = leaves.raw() > 0 ? cost(instr, side, leaves, px) : caf::none;
  auto before = held_.find(id);
  if (before == held_.end() && !now)
    return caf::none;
  if (before != held_.end() && now && before->second == *now)
    return caf::none;
  caf::optional<currency> changed;
  if (before != held_.end()) {
    auto ccy = before->second.ccy();
    locked_.insert_or_assign(ccy, *subtract(locked(ccy), before->second));
    changed = ccy;
    held_.erase(before);
  }
  if (now) {
    auto ccy = now->ccy();
    locked_.insert_or_assign(ccy, *add(locked(ccy), *now));
    held_.emplace(id, *now);
    changed = ccy;
  }
  return changed;
}

caf::optional<std::string> sandbox_account::check(const instrument& instr,
                                                  const order_initialized& spec,
                                                  price px) const {
  auto need = cost(instr, spec.side, spec.quantity, px);
  if (!need && spec.side == order_side::buy)
    return "order value of " + to_string(spec.quantity) + " @ " + to_string(px)
           + " is out of range";
  if (!need)
    return caf::none;
  auto have = free(need->ccy());
  if (need->amount().raw() > have.amount().raw())
    return "insufficient balance: need " + to_string(*need) + ", free " + to_string(have);
  return caf::none;
}

void add_changed(std::vector<currency>& changed, const currency& ccy) {
  if (std::find(changed.begin(), changed.end(), ccy) == changed.end())
    changed.push_back(ccy);
}

void sandbox_account::apply(const instrument& instr, const order_filled& fill,
                            std::vector<currency>& changed) {
  auto value = notional(fill.last_px, fill.last_qty, instr.quote_currency);
  if (!value)
    return;
  bool buy = fill.side == order_side::buy;
  credit(buy ? negate(*value) : *value);
  credit(negate(fill.commission));
  add_changed(changed, instr.quote_currency);
  add_changed(changed, fill.commission.ccy());
  if (instr.base_currency) {
    auto qty = as_money(fill.last_qty, *instr.base_currency);
    credit(buy ? qty : negate(qty));
    add_changed(changed, *instr.base_currency);
  }
}

account_state sandbox_account::state(const account_id& account, const venue& v,
                                     unix_nanos now,
                                     const std::vector<currency>* changed) const {
  account_state x;
  x.account_id = account;
  x.venue = v;
  for (auto& [ccy, total] : balances_)
    if (changed == nullptr || std::find(changed->begin(), changed->end(), ccy) != changed->end())
      x.balances.push_back(account_balance{total, locked(ccy), free(ccy)});
  x.reported = true;
  x.ts_event = x.ts_init = now;
  return x;
}

} // namespace tradenode::sandbox
