#include "tradenode/actors/portfolio.hpp"

#include <algorithm>

#include "tradenode/messages/reports/position_valuation.hpp"

namespace tradenode {

namespace {

std::vector<account_state> values_of(const std::map<account_id, account_state>& xs) {
  std::vector<account_state> result;
  for (auto& [id, x] : xs)
    result.push_back(x);
  return result;
}

} // namespace

void portfolio_state::on_account(const account_state& x) {
  auto& opening = opening_accounts[x.account_id];
  opening.account_id = x.account_id;
  opening.venue = x.venue;
  for (auto& balance : x.balances) {
    auto same = [&](const account_balance& b) {
      return b.total.ccy().code() == balance.total.ccy().code();
    };
    if (std::none_of(opening.balances.begin(), opening.balances.end(), same))
      opening.balances.push_back(balance);
  }
  auto& known = accounts[x.account_id];
  auto balances = std::move(known.balances);
  known = x;
  for (auto& balance : x.balances) {
    auto same = [&](const account_balance& b) {
      return b.total.ccy().code() == balance.total.ccy().code();
    };
    std::erase_if(balances, same);
    balances.push_back(balance);
  }
  std::sort(balances.begin(), balances.end(), [](auto& a, auto& b) {
    return a.total.ccy().code() < b.total.ccy().code();
  });
  known.balances = std::move(balances);
}

void portfolio_state::on_position(const position_event& x) {
  if (x.kind == position_event_kind::closed) {
    auto [i, added] = closed_realized.try_emplace(x.instrument_id, x.realized_pnl);
    if (!added) {
      auto sum = add(i->second, x.realized_pnl);
      if (sum)
        i->second = *sum;
      else
        lifecycle.log().error("Realized PnL of {} not added: {}", x.instrument_id.value(),
                              describe(sum.error()));
    }
  }
  positions.insert_or_assign(x.position_id, x);
  if (x.kind != position_event_kind::closed && quoted.insert(x.instrument_id).second)
    self->request(data_engine, caf::infinite,
                  subscribe_data{data_kind::quotes, x.instrument_id, caf::none, caf::none,
                                 uuid4{}, 0},
                  market_data_sink_actor{self})
      .then([](caf::ok_atom) {},
            [this, id = x.instrument_id](const caf::error& err) {
              lifecycle.log().warn("No quotes to mark {}: {}", id.value(), describe(err));
            });
}

std::vector<instrument_pnl> portfolio_state::pnl() const {
  std::map<instrument_id, instrument_pnl> result;
  auto accumulate = [this](caf::optional<money>& total, caf::expected<money> part) {
    if (!part) {
      lifecycle.log().error("PnL not computed: {}", describe(part.error()));
      return;
    }
    if (!total) {
      total = *part;
      return;
    }
    auto sum = add(*total, *part);
    if (sum)
      total = *sum;
    else
      lifecycle.log().error("PnL not summed: {}", describe(sum.error()));
  };
  for (auto& [id, x] : closed_realized)
    result[id] = instrument_pnl{id, position_side::flat, quantity{}, x, {}, {}, {}, {}, {}};
  // Signed open quantity per instrument, for the net side.
  std::map<instrument_id, int64_t> net;
  for (auto& [pid, x] : positions) {
    auto& entry = result[x.instrument_id];
    if (entry.instrument_id != x.instrument_id) {
      entry.instrument_id = x.instrument_id;
      entry.realized_pnl = money::zero(x.realized_pnl.ccy());
    }
    if (x.kind == position_event_kind::closed)
      continue;
    caf::optional<money> realized = entry.realized_pnl;
    accumulate(realized, x.realized_pnl);
    entry.realized_pnl = *realized;
    auto raw = x.side == position_side::short_side ? -x.quantity.raw() : x.quantity.raw();
    net[x.instrument_id] += raw;
    auto quote = last_quotes.find(x.instrument_id);
    if (quote == last_quotes.end())
      continue;
    auto mark = mark_price(x.side, quote->second.bid_price, quote->second.ask_price);
    accumulate(entry.unrealized_pnl, unrealized_pnl(x, mark));
    accumulate(entry.net_exposure, net_exposure(x, mark));
    entry.mark_px = mark;
  }
  for (auto& [id, raw] : net) {
    auto& entry = result[id];
    entry.side = raw > 0 ? position_side::long_side
                 : raw < 0 ? position_side::short_side
                           : position_side::flat;
    auto i = instruments.find(id);
    entry.quantity = quantity::exact(raw < 0 ? -raw : raw,
                                     i != instruments.end() ? i->second.size_precision : 0);
  }
  std::vector<instrument_pnl> out;
  for (auto& [id, x] : result) {
    if (auto quote = last_quotes.find(id); quote != last_quotes.end()) {
      x.bid = quote->second.bid_price;
      x.ask = quote->second.ask_price;
    }
    out.push_back(x);
  }
  return out;
}

portfolio_actor::behavior_type portfolio(portfolio_state::pointer self,
                                         std::shared_ptr<spdlog::logger> log,
                                         data_engine_actor data_engine) {
  auto& st = self->state;
  st.self = self;
  st.lifecycle = component_lifecycle{"Portfolio", std::move(log)};
  st.data_engine = std::move(data_engine);
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](initialize_atom) {
      st.initialized = true;
      st.lifecycle.log().info("Portfolio initialized: {} account(s), {} position(s)",
                              st.accounts.size(), st.positions.size());
      return caf::ok_atom_v;
    },
    [&st](caf::add_atom, const std::vector<instrument>& xs) {
      for (auto& x : xs)
        st.instruments.insert_or_assign(x.id, x);
      return caf::ok_atom_v;
    },
    [&st](caf::get_atom, accounts_atom) { return values_of(st.accounts); },
    [&st](caf::get_atom, accounts_atom, opening_atom) { return values_of(st.opening_accounts); },
    [&st](caf::get_atom, pnl_atom) { return st.pnl(); },
    [&st](const position_event& x) { st.on_position(x); },
    [&st](const account_state& x) { st.on_account(x); },
    [&st](const quote_tick& x) { st.last_quotes.insert_or_assign(x.instrument_id, x); },
    [](const trade_tick&) {},
    [](const bar&) {},
  };
}

} // namespace tradenode
