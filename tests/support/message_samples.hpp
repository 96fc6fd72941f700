#pragma once

// One sample of every message type, with every field set to a value other
// than its default, so that a field missing from a round trip is noticed.

#include <random>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode::test {

inline uuid4 sample_uuid(uint64_t seed) {
  std::mt19937_64 gen{seed};
  return uuid4::random(gen);
}

inline instrument sample_instrument() {
  instrument x;
  x.id = instrument_id::of("BTCUSDT-PERP.BINANCE");
  x.raw_symbol = "BTCUSDT";
  x.kind = instrument_kind::perpetual;
  x.base_currency = currency::of("BTC");
  x.quote_currency = currency::of("USDT");
  x.settlement_currency = currency::of("USDC");
  x.price_precision = 2;
  x.size_precision = 3;
  x.price_increment = price::of("0.10");
  x.size_increment = quantity::of("0.001");
  x.min_quantity = quantity::of("0.001");
  x.max_quantity = quantity::of("1000.000");
  x.maker_fee = fee_rate::of("-0.0001");
  x.taker_fee = fee_rate::of("0.0004");
  x.ts_event = 11;
  x.ts_init = 12;
  return x;
}

inline quote_tick sample_quote_tick() {
  return {instrument_id::of("BTCUSDT.BINANCE"), price::of("100.10"),
          price::of("100.20"), quantity::of("1.5"), quantity::of("2.5"), 21, 22};
}

inline trade_tick sample_trade_tick() {
  return {instrument_id::of("BTCUSDT.BINANCE"), price::of("100.15"),
          quantity::of("0.25"), aggressor_side::seller, trade_id::of("T-987"), 31, 32};
}

inline bar_type sample_bar_type() {
  return {instrument_id::of("BTCUSDT.BINANCE"), 5, bar_aggregation::second,
          price_type::mid, aggregation_source::internal};
}

inline bar sample_bar() {
  return {sample_bar_type(), price::of("1.01"), price::of("1.05"), price::of("0.99"),
          price::of("1.02"), quantity::of("12.5"), 41, 42};
}

inline order_initialized sample_order_initialized() {
  order_initialized x;
  x.trader_id = trader_id::of("TRADER-001");
  x.strategy_id = strategy_id::of("EMACross-001");
  x.instrument_id = instrument_id::of("BTCUSDT.BINANCE");
  x.client_order_id = client_order_id::of("O-1");
  x.side = order_side::sell;
  x.order_type = order_type::stop_limit;
  x.quantity = quantity::of("2.000");
  x.price = price::of("99.50");
  x.trigger_price = price::of("99.75");
  x.time_in_force = time_in_force::gtd;
  x.expire_time = 123;
  x.post_only = true;
  x.reduce_only = true;
  x.event_id = sample_uuid(1);
  x.ts_event = 51;
  x.ts_init = 52;
  return x;
}

// Fills the fields every order event shares.
template <class Event>
Event sample_event(uint64_t seed) {
  Event x;
  x.trader_id = trader_id::of("TRADER-001");
  x.strategy_id = strategy_id::of("EMACross-001");
  x.instrument_id = instrument_id::of("BTCUSDT.BINANCE");
  x.client_order_id = client_order_id::of("O-1");
  x.event_id = sample_uuid(seed);
  x.ts_event = seed * 10 + 1;
  x.ts_init = seed * 10 + 2;
  if constexpr (requires { x.reconciliation; })
    x.reconciliation = true;
  if constexpr (requires { x.venue_order_id = venue_order_id::of("V-1"); })
    x.venue_order_id = venue_order_id::of("V-1");
  if constexpr (requires { x.account_id = account_id::of("SANDBOX-001"); })
    x.account_id = account_id::of("SANDBOX-001");
  if constexpr (requires { x.reason; })
    x.reason = "because " + std::to_string(seed);
  return x;
}

inline order_updated sample_order_updated() {
  auto x = sample_event<order_updated>(13);
  x.quantity = quantity::of("3.000");
  x.price = price::of("99.40");
  x.trigger_price = price::of("99.60");
  return x;
}

inline order_filled sample_order_filled() {
  auto x = sample_event<order_filled>(14);
  x.trade_id = trade_id::of("T-1");
  x.position_id = position_id::of("P-1");
  x.side = order_side::sell;
  x.order_type = order_type::limit;
  x.last_qty = quantity::of("0.500");
  x.last_px = price::of("99.55");
  x.currency = currency::of("USDT");
  x.commission = money::of("0.02000000 USDT");
  x.liquidity_side = liquidity_side::maker;
  return x;
}

inline submit_order sample_submit_order() {
  return {trader_id::of("TRADER-001"), strategy_id::of("EMACross-001"),
          sample_order_initialized(), position_id::of("P-1"), client_id::of("SANDBOX"),
          sample_uuid(20), 201};
}

inline cancel_order sample_cancel_order() {
  return {trader_id::of("TRADER-001"), strategy_id::of("EMACross-001"),
          instrument_id::of("BTCUSDT.BINANCE"), client_order_id::of("O-1"),
          venue_order_id::of("V-1"), client_id::of("SANDBOX"), sample_uuid(21), 211};
}

inline modify_order sample_modify_order() {
  return {trader_id::of("TRADER-001"), strategy_id::of("EMACross-001"),
          instrument_id::of("BTCUSDT.BINANCE"), client_order_id::of("O-1"),
          venue_order_id::of("V-1"), quantity::of("1.000"), price::of("99.00"),
          price::of("99.10"), client_id::of("SANDBOX"), sample_uuid(22), 221};
}

inline cancel_all_orders sample_cancel_all_orders() {
  return {trader_id::of("TRADER-001"), strategy_id::of("EMACross-001"),
          instrument_id::of("BTCUSDT.BINANCE"), order_side::buy,
          client_id::of("SANDBOX"), sample_uuid(23), 231};
}

inline subscribe_data sample_subscribe_data() {
  return {data_kind::bars, instrument_id::of("BTCUSDT.BINANCE"), sample_bar_type(),
          client_id::of("REPLAY"), sample_uuid(24), 241};
}

inline unsubscribe_data sample_unsubscribe_data() {
  return {data_kind::trades, instrument_id::of("BTCUSDT.BINANCE"), sample_bar_type(),
          client_id::of("REPLAY"), sample_uuid(25), 251};
}

inline order_status_report sample_order_status_report() {
  return {account_id::of("SANDBOX-001"), instrument_id::of("BTCUSDT.BINANCE"),
          client_order_id::of("O-1"), venue_order_id::of("V-1"), order_side::sell,
          order_type::limit, time_in_force::ioc, order_status::partially_filled,
          quantity::of("2.000"), quantity::of("0.500"), price::of("99.55"),
          price::of("99.50"), price::of("99.70"), 301, true, true, 302, 303,
          sample_uuid(30), 304};
}

inline fill_report sample_fill_report() {
  return {account_id::of("SANDBOX-001"), instrument_id::of("BTCUSDT.BINANCE"),
          venue_order_id::of("V-1"), client_order_id::of("O-1"), trade_id::of("T-1"),
          order_side::sell, quantity::of("0.500"), price::of("99.55"),
          money::of("0.02000000 USDT"), liquidity_side::taker, position_id::of("P-1"),
          311, sample_uuid(31), 312};
}

inline position_status_report sample_position_status_report() {
  return {account_id::of("SANDBOX-001"), instrument_id::of("BTCUSDT.BINANCE"),
          position_side::short_side, quantity::of("0.500"), price::of("99.55"),
          position_id::of("P-1"), 321, sample_uuid(32), 322};
}

inline execution_mass_status sample_execution_mass_status() {
  return {client_id::of("SANDBOX"),
          account_id::of("SANDBOX-001"),
          venue::of("SANDBOX"),
          {sample_order_status_report(), sample_order_status_report()},
          {sample_fill_report()},
          {sample_position_status_report()},
          sample_uuid(33),
          331};
}

inline position_event sample_position_event() {
  position_event x;
  x.kind = position_event_kind::closed;
  x.trader_id = trader_id::of("TRADER-001");
  x.strategy_id = strategy_id::of("EMACross-001");
  x.instrument_id = instrument_id::of("BTCUSDT.BINANCE");
  x.position_id = position_id::of("BTCUSDT.BINANCE-EMACross-001");
  x.account_id = account_id::of("BINANCE-001");
  x.opening_order_id = client_order_id::of("O-1");
  x.closing_order_id = client_order_id::of("O-2");
  x.entry = order_side::sell;
  x.side = position_side::short_side;
  x.quantity = quantity::of("0.5");
  x.last_qty = quantity::of("0.25");
  x.last_px = price::of("101.5");
  x.avg_px_open = price::of("100.25");
  x.avg_px_close = price::of("101.5");
  x.realized_pnl = money::of("-0.31 USDT");
  x.ts_opened = 51;
  x.ts_closed = 52;
  x.event_id = sample_uuid(50);
  x.ts_event = 53;
  x.ts_init = 54;
  return x;
}

inline account_state sample_account_state() {
  return {account_id::of("BINANCE-001"),
          venue::of("BINANCE"),
          {{money::of("100.00 USDT"), money::of("25.00 USDT"), money::of("75.00 USDT")},
           {money::of("1.5 BTC"), money::of("0.0 BTC"), money::of("1.5 BTC")}},
          false,
          sample_uuid(60),
          61,
          62};
}

inline instrument_pnl sample_instrument_pnl() {
  return {instrument_id::of("BTCUSDT.BINANCE"), position_side::long_side,
          quantity::of("1.5"),                  money::of("-12.5 USDT"),
          money::of("30.25 USDT"),              money::of("150030.25 USDT"),
          price::of("100020.17"),               price::of("100020.17"),
          price::of("100020.18")};
}

/// Returns the sample of `T`.
template <class T>
T sample();

#define TRADENODE_SAMPLE(type, expr)                                           \
  template <>                                                                  \
  inline type sample<type>() {                                                 \
    return expr;                                                               \
  }

TRADENODE_SAMPLE(trader_id, trader_id::of("TRADER-001"))
TRADENODE_SAMPLE(strategy_id, strategy_id::of("EMACross-001"))
TRADENODE_SAMPLE(instrument_id, instrument_id::of("BTCUSDT.BINANCE"))
TRADENODE_SAMPLE(venue, venue::of("BINANCE"))
TRADENODE_SAMPLE(client_id, client_id::of("SANDBOX"))
TRADENODE_SAMPLE(std::vector<client_id>, (std::vector<client_id>{client_id::of("REPLAY"), client_id::of("FEED")}))
TRADENODE_SAMPLE(account_id, account_id::of("SANDBOX-001"))
TRADENODE_SAMPLE(client_order_id, client_order_id::of("O-1"))
TRADENODE_SAMPLE(venue_order_id, venue_order_id::of("V-1"))
TRADENODE_SAMPLE(trade_id, trade_id::of("T-1"))
TRADENODE_SAMPLE(position_id, position_id::of("P-1"))
TRADENODE_SAMPLE(price, price::of("-123.456"))
TRADENODE_SAMPLE(quantity, quantity::of("0.000000001"))
TRADENODE_SAMPLE(fee_rate, fee_rate::of("0.00025"))
TRADENODE_SAMPLE(currency, currency::of("JPY"))
TRADENODE_SAMPLE(money, money::of("-1.23 EUR"))
TRADENODE_SAMPLE(uuid4, sample_uuid(99))
TRADENODE_SAMPLE(instrument, sample_instrument())
TRADENODE_SAMPLE(std::vector<instrument>, (std::vector<instrument>{sample_instrument(),
                                                                   sample_instrument()}))
TRADENODE_SAMPLE(node_state, node_state::stopping)
TRADENODE_SAMPLE(component_state, component_state::degraded)
TRADENODE_SAMPLE(trading_state, trading_state::reducing)
TRADENODE_SAMPLE(quote_tick, sample_quote_tick())
TRADENODE_SAMPLE(trade_tick, sample_trade_tick())
TRADENODE_SAMPLE(bar_type, sample_bar_type())
TRADENODE_SAMPLE(bar, sample_bar())
TRADENODE_SAMPLE(submit_order, sample_submit_order())
TRADENODE_SAMPLE(cancel_order, sample_cancel_order())
TRADENODE_SAMPLE(modify_order, sample_modify_order())
TRADENODE_SAMPLE(cancel_all_orders, sample_cancel_all_orders())
TRADENODE_SAMPLE(subscribe_data, sample_subscribe_data())
TRADENODE_SAMPLE(unsubscribe_data, sample_unsubscribe_data())
TRADENODE_SAMPLE(order_initialized, sample_order_initialized())
TRADENODE_SAMPLE(order_denied, sample_event<order_denied>(2))
TRADENODE_SAMPLE(order_submitted, sample_event<order_submitted>(3))
TRADENODE_SAMPLE(order_accepted, sample_event<order_accepted>(4))
TRADENODE_SAMPLE(order_rejected, sample_event<order_rejected>(5))
TRADENODE_SAMPLE(order_canceled, sample_event<order_canceled>(6))
TRADENODE_SAMPLE(order_expired, sample_event<order_expired>(7))
TRADENODE_SAMPLE(order_triggered, sample_event<order_triggered>(8))
TRADENODE_SAMPLE(order_pending_update, sample_event<order_pending_update>(9))
TRADENODE_SAMPLE(order_pending_cancel, sample_event<order_pending_cancel>(10))
TRADENODE_SAMPLE(order_modify_rejected, sample_event<order_modify_rejected>(11))
TRADENODE_SAMPLE(order_cancel_rejected, sample_event<order_cancel_rejected>(12))
TRADENODE_SAMPLE(order_updated, sample_order_updated())
TRADENODE_SAMPLE(order_filled, sample_order_filled())
TRADENODE_SAMPLE(order_event, order_event{sample_order_filled()})
TRADENODE_SAMPLE(std::vector<order_event>,
                 (std::vector<order_event>{sample_order_initialized(), sample_order_filled()}))
TRADENODE_SAMPLE(position_event, sample_position_event())
TRADENODE_SAMPLE(std::vector<position_event>,
                 std::vector<position_event>{sample_position_event()})
TRADENODE_SAMPLE(account_state, sample_account_state())
TRADENODE_SAMPLE(std::vector<account_state>, std::vector<account_state>{sample_account_state()})
TRADENODE_SAMPLE(order_status_report, sample_order_status_report())
TRADENODE_SAMPLE(std::vector<order_status_report>,
                 std::vector<order_status_report>{sample_order_status_report()})
TRADENODE_SAMPLE(fill_report, sample_fill_report())
TRADENODE_SAMPLE(position_status_report, sample_position_status_report())
TRADENODE_SAMPLE(execution_mass_status, sample_execution_mass_status())
TRADENODE_SAMPLE(std::vector<execution_mass_status>,
                 std::vector<execution_mass_status>{sample_execution_mass_status()})

TRADENODE_SAMPLE(instrument_pnl, sample_instrument_pnl())
TRADENODE_SAMPLE(std::vector<instrument_pnl>, std::vector<instrument_pnl>{sample_instrument_pnl()})
TRADENODE_SAMPLE(data_flow_stats, (data_flow_stats{3, 5, 7, 11}))
TRADENODE_SAMPLE(quote_batch, (quote_batch{{sample_quote_tick(), sample_quote_tick()}}))
TRADENODE_SAMPLE(trade_batch, (trade_batch{{sample_trade_tick()}}))

#undef TRADENODE_SAMPLE

} // namespace tradenode::test
