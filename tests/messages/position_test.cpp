#include <doctest/doctest.h>

#include "message_samples.hpp"
#include "shorthands.hpp"
#include "tradenode/messages/position.hpp"

namespace tn = tradenode;

namespace {

// A spot pair settled in USD (2 decimals), so PnL figures are easy to check by hand.
tn::instrument ethusd() {
  auto x = tn::test::sample_instrument();
  x.id = tn::instrument_id::of("ETHUSD.SIM");
  x.kind = tn::instrument_kind::currency_pair;
  x.base_currency = tn::currency::of("ETH");
  x.quote_currency = tn::currency::of("USD");
  x.settlement_currency = tn::currency::of("USD");
  x.price_increment = tn::price::of("0.01");
  return x;
}

tn::order_filled fill(const char* order, tn::order_side side, const char* qty,
                      const char* px, const char* fee) {
  auto x = tn::test::sample_order_filled();
  x.instrument_id = tn::instrument_id::of("ETHUSD.SIM");
  x.client_order_id = tn::client_order_id::of(order);
  x.trade_id = tn::trade_id::of(std::string{"T-"} + order);
  x.side = side;
  x.last_qty = tn::quantity::of(qty);
  x.last_px = tn::price::of(px);
  x.commission = tn::money::of(fee);
  x.ts_event = 1000;
  return x;
}

std::vector<tn::position_event> apply(tn::position& p, const tn::order_filled& f) {
  auto events = p.apply(f);
  REQUIRE_MESSAGE(events, (events ? std::string{} : tn::describe(events.error())));
  return *events;
}

using tn::test::buy;
using tn::test::sell;
using kind = tn::position_event_kind;

} // namespace

TEST_CASE("netting position opens, adds, partly closes, flips and closes with exact PnL") {
  auto id = tn::netting_position_id(tn::instrument_id::of("ETHUSD.SIM"),
                                    tn::strategy_id::of("EMACross-001"));
  CHECK_EQ(id.value(), "ETHUSD.SIM-EMACross-001");
  tn::position p{id, ethusd()};
  CHECK_FALSE(p.is_open());

  auto ev = apply(p, fill("O-1", buy, "1.000", "100.00", "0.10 USD"));
  REQUIRE_EQ(ev.size(), 1u);
  CHECK_EQ(ev[0].kind, kind::opened);
  CHECK_EQ(ev[0].side, tn::position_side::long_side);
  CHECK_EQ(ev[0].quantity, tn::quantity::of("1"));
  CHECK_EQ(to_string(ev[0].avg_px_open), "100.00");
  CHECK_EQ(to_string(ev[0].realized_pnl), "-0.10 USD");
  CHECK_EQ(ev[0].opening_order_id.value(), "O-1");

  ev = apply(p, fill("O-2", buy, "1.000", "110.00", "0.10 USD"));
  REQUIRE_EQ(ev.size(), 1u);
  CHECK_EQ(ev[0].kind, kind::changed);
  CHECK_EQ(ev[0].quantity, tn::quantity::of("2"));
  CHECK_EQ(to_string(ev[0].avg_px_open), "105.00");
  CHECK_EQ(to_string(ev[0].realized_pnl), "-0.20 USD");

  // Sell half a unit at 120: (120 - 105) * 0.5 = 7.50, less 0.05 commission.
  ev = apply(p, fill("O-3", sell, "0.500", "120.00", "0.05 USD"));
  REQUIRE_EQ(ev.size(), 1u);
  CHECK_EQ(ev[0].kind, kind::changed);
  CHECK_EQ(ev[0].quantity, tn::quantity::of("1.5"));
  CHECK_EQ(to_string(ev[0].realized_pnl), "7.25 USD");
  CHECK_EQ(to_string(*ev[0].avg_px_close), "120.00");
  CHECK_EQ(p.signed_raw(), 1'500'000'000);

  // Sell 2.5 at 100: closes 1.5 ((100 - 105) * 1.5 = -7.50, fee share
  // 0.25 * 1.5 / 2.5 = 0.15) and opens 1.0 short (fee 0.10).
  ev = apply(p, fill("O-4", sell, "2.500", "100.00", "0.25 USD"));
  REQUIRE_EQ(ev.size(), 2u);
  CHECK_EQ(ev[0].kind, kind::closed);
  CHECK_EQ(ev[0].side, tn::position_side::flat);
  CHECK_EQ(ev[0].last_qty, tn::quantity::of("1.5"));
  CHECK_EQ(to_string(ev[0].realized_pnl), "-0.40 USD");
  CHECK_EQ(to_string(*ev[0].avg_px_close), "105.00");
  CHECK_EQ(ev[0].closing_order_id, tn::client_order_id::of("O-4"));
  CHECK_EQ(ev[0].ts_closed, 1000u);
  CHECK_EQ(ev[1].kind, kind::opened);
  CHECK_EQ(ev[1].side, tn::position_side::short_side);
  CHECK_EQ(ev[1].entry, sell);
  CHECK_EQ(ev[1].quantity, tn::quantity::of("1"));
  CHECK_EQ(ev[1].last_qty, tn::quantity::of("1.0"));
  CHECK_EQ(to_string(ev[1].avg_px_open), "100.00");
  CHECK_EQ(to_string(ev[1].realized_pnl), "-0.10 USD");
  CHECK_EQ(ev[1].opening_order_id.value(), "O-4");
  CHECK_EQ(p.side(), tn::position_side::short_side);

  // Buy back 1.0 at 90: (100 - 90) * 1 = 10.00, less 0.10 + 0.10.
  ev = apply(p, fill("O-5", buy, "1.000", "90.00", "0.10 USD"));
  REQUIRE_EQ(ev.size(), 1u);
  CHECK_EQ(ev[0].kind, kind::closed);
  CHECK_EQ(to_string(ev[0].realized_pnl), "9.80 USD");
  CHECK_FALSE(p.is_open());
  CHECK_EQ(p.last_event()->kind, kind::closed);
}

TEST_CASE("netting position leaves commissions in another currency out of its PnL") {
  tn::position p{tn::position_id::of("P-1"), ethusd()};
  auto ev = apply(p, fill("O-1", buy, "1.000", "100.00", "0.001 ETH"));
  CHECK_EQ(to_string(ev[0].realized_pnl), "0.00 USD");
}

TEST_CASE("netting position refuses a fill of another instrument and stays unchanged") {
  tn::position p{tn::position_id::of("P-1"), ethusd()};
  (void) apply(p, fill("O-1", buy, "1.000", "100.00", "0.10 USD"));
  auto other = fill("O-2", buy, "1.000", "100.00", "0.10 USD");
  other.instrument_id = tn::instrument_id::of("BTCUSD.SIM");
  auto result = p.apply(other);
  REQUIRE_FALSE(result);
  CHECK_EQ(tn::context_of(result.error()),
           "position P-1: fill T-O-2 is for BTCUSD.SIM");
  CHECK_EQ(p.quantity(), tn::quantity::of("1"));
}
