#include "tradenode/actors/risk_engine.hpp"

#include <cstdlib>

namespace tradenode {

namespace {

std::string check_quantity(const instrument& x, quantity qty, const char* what) {
  if (!qty.is_positive())
    return std::string{what} + " " + to_string(qty) + " must be positive";
  if (!is_valid_quantity(x, qty))
    return std::string{what} + " " + to_string(qty) + " does not fit size increment "
           + to_string(x.size_increment) + " of " + x.id.value();
  if (x.min_quantity && qty < *x.min_quantity)
    return std::string{what} + " " + to_string(qty) + " below min_quantity "
           + to_string(*x.min_quantity) + " of " + x.id.value();
  if (x.max_quantity && qty > *x.max_quantity)
    return std::string{what} + " " + to_string(qty) + " above max_quantity "
           + to_string(*x.max_quantity) + " of " + x.id.value();
  return {};
}

std::string check_price(const instrument& x, const caf::optional<price>& px,
                        const char* what) {
  if (px && !is_valid_price(x, *px))
    return std::string{what} + " " + to_string(*px) + " does not fit price increment "
           + to_string(x.price_increment) + " of " + x.id.value();
  return {};
}

} // namespace

int64_t risk_engine_state::position_of(const instrument_id& id,
                                       const strategy_id* strategy) const {
  int64_t result = 0;
  for (auto& [key, qty] : positions)
    if (key.first == id && (!strategy || key.second == *strategy))
      result += qty;
  return result;
}

void risk_engine_state::load(const std::vector<instrument>& xs) {
  for (auto& x : xs) {
    instruments.insert_or_assign(x.id, x);
    if (cfg.max_notional_per_order.count(x.id) == 0)
      continue;
    self->request(data_engine, caf::infinite,
                  subscribe_data{data_kind::quotes, x.id, caf::none, caf::none, uuid4{}, 0},
                  market_data_sink_actor{self})
      .then([](caf::ok_atom) {},
            [this, id = x.id](const caf::error& err) {
              lifecycle.log().warn("No quotes of {} to value market orders: {}", id.value(),
                                   describe(err));
            });
  }
}

void risk_engine_state::on_position(const position_event& ev) {
  auto raw = ev.quantity.raw();
  positions[{ev.instrument_id, ev.strategy_id}]
    = ev.side == position_side::short_side ? -raw : raw;
}

std::string risk_engine_state::check_submit(const submit_order& cmd,
                                            unix_nanos now) {
  auto& o = cmd.order;
  if (state == trading_state::halted)
    return "trading state is HALTED";
  auto i = instruments.find(o.instrument_id);
  if (i == instruments.end())
    return "unknown instrument " + o.instrument_id.value();
  auto& x = i->second;
  for (auto reason : {check_quantity(x, o.quantity, "quantity"),
                      check_price(x, o.price, "price"),
                      check_price(x, o.trigger_price, "trigger_price")})
    if (!reason.empty())
      return reason;
  if (auto limit = cfg.max_notional_per_order.find(o.instrument_id);
      limit != cfg.max_notional_per_order.end()) {
    auto px = o.price ? o.price : o.trigger_price;
    if (!px) {
      // A market order is valued at the touch it would take.
      auto quote = last_quotes.find(o.instrument_id);
      if (quote == last_quotes.end())
        return "no quote of " + x.id.value() + " to check max_notional_per_order";
      px = o.side == order_side::buy ? quote->second.ask_price : quote->second.bid_price;
    }
    {
      auto value = notional(*px, o.quantity, x.quote_currency);
      if (!value)
        return "notional of " + to_string(o.quantity) + " at " + to_string(*px)
               + " overflows";
      if (value->amount().raw() > limit->second.raw())
        return "notional " + to_string(*value) + " above max_notional_per_order "
               + to_string(limit->second) + " for " + x.id.value();
    }
  }
  auto order_qty = o.side == order_side::sell ? -o.quantity.raw() : o.quantity.raw();
  // An order increases a position when it is on the position's side or flips it.
  auto increases = [order_qty](int64_t position) {
    return position == 0 || (position > 0) == (order_qty > 0)
           || std::llabs(order_qty) > std::llabs(position);
  };
  if (o.reduce_only && increases(position_of(o.instrument_id, &o.strategy_id)))
    return "reduce-only order would increase the position";
  if (state == trading_state::reducing && increases(position_of(o.instrument_id, nullptr)))
    return "trading state is REDUCING and the order would increase the position";
  if (!submit_rate.try_acquire(now))
    return "submit rate above " + to_string(submit_rate.rate());
  return {};
}

std::string risk_engine_state::check_modify(const modify_order& cmd,
                                            unix_nanos now) {
  auto i = instruments.find(cmd.instrument_id);
  if (i == instruments.end())
    return "unknown instrument " + cmd.instrument_id.value();
  auto& x = i->second;
  if (cmd.quantity)
    if (auto reason = check_quantity(x, *cmd.quantity, "quantity"); !reason.empty())
      return reason;
  for (auto reason : {check_price(x, cmd.price, "price"),
                      check_price(x, cmd.trigger_price, "trigger_price")})
    if (!reason.empty())
      return reason;
  if (!modify_rate.try_acquire(now))
    return "modify rate above " + to_string(modify_rate.rate());
  return {};
}

risk_engine_actor::behavior_type risk_engine(risk_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, exec_engine_actor exec_engine,
                                             data_engine_actor data_engine,
                                             risk_engine_config cfg) {
  auto& st = self->state;
  st.self = self;
  st.clock = std::move(clock);
  st.data_engine = std::move(data_engine);
  st.lifecycle = component_lifecycle{"RiskEngine", std::move(log)};
  st.exec_engine = std::move(exec_engine);
  st.submit_rate = rate_limiter{cfg.max_order_submit};
  st.modify_rate = rate_limiter{cfg.max_order_modify};
  st.cfg = std::move(cfg);
  if (st.cfg.bypass)
    st.lifecycle.log().warn("Pre-trade checks are bypassed");
  // Passes a command on, or hands it back with the reason it failed a check.
  auto pass_or_refuse = [self](auto& cmd, std::string reason) {
    if (reason.empty())
      self->send(self->state.exec_engine, std::move(cmd));
    else
      self->send(self->state.exec_engine, std::move(cmd), std::move(reason));
  };
  return {
    [&st](start_atom) { return st.lifecycle.start(); },
    [&st](stop_atom) { return st.lifecycle.stop(); },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](caf::add_atom, const std::vector<instrument>& xs) {
      st.load(xs);
      return caf::ok_atom_v;
    },
    // Commands the strategies sent before asking reach the execution engine
    // first: the wait goes behind them, so they count as in flight.
    [self](caf::wait_for_atom, inflight_atom, caf::timespan timeout) {
      return self->delegate(self->state.exec_engine, caf::wait_for_atom_v, inflight_atom_v,
                            timeout);
    },
    [self](cancel_atom, const strategy_id& id) {
      return self->delegate(self->state.exec_engine, cancel_atom_v, id);
    },
    // The emergency too: a strategy's last orders are canceled with the rest.
    [self](kill_atom, bool flatten, caf::timespan settle) {
      return self->delegate(self->state.exec_engine, kill_atom_v, flatten, settle);
    },
    [&st](caf::put_atom, trading_state next) {
      st.lifecycle.log().warn("Trading state {} -> {}", to_string(st.state), to_string(next));
      st.state = next;
      return caf::ok_atom_v;
    },
    [&st, pass_or_refuse](submit_order& x) {
      pass_or_refuse(x, st.cfg.bypass ? std::string{} : st.check_submit(x, st.clock->now()));
    },
    [&st, pass_or_refuse](modify_order& x) {
      pass_or_refuse(x, st.cfg.bypass ? std::string{} : st.check_modify(x, st.clock->now()));
    },
    [self, &st](cancel_order& x) { self->send(st.exec_engine, std::move(x)); },
    [self, &st](cancel_all_orders& x) { self->send(st.exec_engine, std::move(x)); },
    [&st](const position_event& x) { st.on_position(x); },
    [&st](const quote_tick& x) { st.last_quotes.insert_or_assign(x.instrument_id, x); },
    [](const trade_tick&) {},
    [](const bar&) {},
    [](const account_state&) {
      // Balance checks are not made yet; positions are enough for the checks above.
    },
  };
}

} // namespace tradenode
