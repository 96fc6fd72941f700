#include <doctest/doctest.h>

#include "shorthands.hpp"
#include "test_clients.hpp"
#include "tradenode/adapters/sandbox/matching_engine.hpp"

namespace tn = tradenode;
namespace sb = tradenode::sandbox;

namespace {

using tn::test::second;
constexpr tn::unix_nanos day = 86'400 * second;

// One BTCUSDT.SIM book (price step 0.01, size step 0.001, maker 2 bps, taker
// 4 bps); orders are built with `order(...)` and events read by name.
struct book_fixture {
  sb::venue_context ctx{tn::venue::of("SIM"), tn::account_id::of("SIM-001")};
  sb::matching_engine book{tn::test::test_instrument("BTCUSDT", "SIM"), ctx};
  tn::instrument_id btc = tn::instrument_id::of("BTCUSDT.SIM");
  int next = 0;

  book_fixture() {
    ctx.now = 10 * day + 5 * second;
  }

  std::vector<tn::order_event> quote(const char* bid, const char* ask,
                                     const char* bid_size = "1.000",
                                     const char* ask_size = "1.000") {
    return book.on_quote(tn::quote_tick{btc, tn::price::of(bid), tn::price::of(ask),
                                        tn::quantity::of(bid_size),
                                        tn::quantity::of(ask_size), ctx.now, ctx.now});
  }

  tn::submit_order order(tn::order_type type, tn::order_side side, const char* qty,
                         caf::optional<const char*> px = caf::none,
                         tn::time_in_force tif = tn::time_in_force::gtc) {
    tn::order_initialized x;
    x.trader_id = tn::trader_id::of("TRADER-001");
    x.strategy_id = tn::strategy_id::of("S-001");
    x.instrument_id = btc;
    x.client_order_id = tn::client_order_id::of("O-" + std::to_string(++next));
    x.side = side;
    x.order_type = type;
    x.quantity = tn::quantity::of(qty);
    if (px && (type == tn::order_type::limit || type == tn::order_type::stop_limit))
      x.price = tn::price::of(*px);
    x.time_in_force = tif;
    return {x.trader_id, x.strategy_id, x, caf::none, caf::none, tn::uuid4{}, 0};
  }

  tn::submit_order stop(tn::order_type type, tn::order_side side, const char* qty,
                        const char* trigger, caf::optional<const char*> px = caf::none) {
    auto cmd = order(type, side, qty, px);
    cmd.order.trigger_price = tn::price::of(trigger);
    return cmd;
  }

  static std::vector<std::string> names(const std::vector<tn::order_event>& xs) {
    std::vector<std::string> result;
    for (auto& x : xs)
      result.emplace_back(tn::event_name(x));
    return result;
  }

  static const tn::order_filled& fill_at(const std::vector<tn::order_event>& xs, size_t i) {
    return caf::get<tn::order_filled>(xs.at(i));
  }

  template <class Event>
  static std::string reason(const std::vector<tn::order_event>& xs, size_t i = 0) {
    return caf::get<Event>(xs.at(i)).reason;
  }
};

using names_t = std::vector<std::string>;

} // namespace

TEST_CASE_FIXTURE(book_fixture, "a market order takes the touch up to its size, the rest later") {
  quote("99.00", "101.00", "1.000", "0.400");
  auto out = book.submit(order(tn::order_type::market, tn::order_side::buy, "1.000"));
  CHECK_EQ(names(out), (names_t{"order_accepted", "order_filled"}));
  auto& first = fill_at(out, 1);
  CHECK_EQ(first.last_qty, tn::quantity::of("0.400"));
  CHECK_EQ(first.last_px, tn::price::of("101.00"));
  CHECK_EQ(first.liquidity_side, tn::liquidity_side::taker);
  CHECK_EQ(first.commission, tn::money::of("0.01616000 USDT")); // 40.40 * 0.0004
  CHECK_EQ(first.venue_order_id.value(), "SIM-1");
  CHECK_EQ(first.trade_id.value(), "SIM-T-1");
  auto later = quote("100.00", "102.00", "1.000", "5.000");
  CHECK_EQ(names(later), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(later, 0).last_qty, tn::quantity::of("0.600"));
  CHECK_EQ(fill_at(later, 0).last_px, tn::price::of("102.00"));
  CHECK_EQ(book.orders().at(tn::client_order_id::of("O-1")).status,
           tn::order_status::filled);
}

TEST_CASE_FIXTURE(book_fixture, "a market order without a market is rejected") {
  auto out = book.submit(order(tn::order_type::market, tn::order_side::sell, "1.000"));
  CHECK_EQ(names(out), (names_t{"order_rejected"}));
  CHECK_EQ(reason<tn::order_rejected>(out), "no market for BTCUSDT.SIM");
}

TEST_CASE_FIXTURE(book_fixture, "a resting limit order fills at its price when the market reaches it") {
  quote("99.00", "101.00");
  auto out = book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.500", "100.00"));
  CHECK_EQ(names(out), (names_t{"order_accepted"}));
  CHECK(quote("99.50", "100.50").empty());
  auto fills = quote("99.00", "99.80", "1.000", "0.300");
  REQUIRE_EQ(names(fills), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(fills, 0).last_px, tn::price::of("100.00"));
  CHECK_EQ(fill_at(fills, 0).last_qty, tn::quantity::of("0.300"));
  CHECK_EQ(fill_at(fills, 0).liquidity_side, tn::liquidity_side::maker);
  CHECK_EQ(fill_at(fills, 0).commission, tn::money::of("0.00600000 USDT")); // 30 * 0.0002
  CHECK_EQ(names(quote("99.00", "99.90")), (names_t{"order_filled"}));
}

TEST_CASE_FIXTURE(book_fixture, "a trade through a resting limit fills it, up to its size") {
  quote("99.00", "101.00");
  auto buy = book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.500", "100.00"));
  auto sell = book.submit(order(tn::order_type::limit, tn::order_side::sell, "0.500", "100.50"));
  auto trade = [&](const char* px, const char* size) {
    return book.on_trade(tn::trade_tick{btc, tn::price::of(px), tn::quantity::of(size),
                                        tn::aggressor_side::seller, tn::trade_id::of("t"),
                                        ctx.now, ctx.now});
  };
  CHECK(trade("100.00", "1.000").empty()); // at the limit is not through it
  auto fills = trade("99.90", "0.200");
  REQUIRE_EQ(names(fills), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(fills, 0).client_order_id, tn::client_order_id::of("O-1"));
  CHECK_EQ(fill_at(fills, 0).last_px, tn::price::of("100.00")); // its own price
  CHECK_EQ(fill_at(fills, 0).last_qty, tn::quantity::of("0.200")); // the trade's size
  CHECK_EQ(fill_at(fills, 0).liquidity_side, tn::liquidity_side::maker);
  auto rest = trade("99.00", "5.000");
  REQUIRE_EQ(names(rest), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(rest, 0).last_qty, tn::quantity::of("0.300")); // what was left
  auto up = trade("100.60", "0.100");
  REQUIRE_EQ(names(up), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(up, 0).client_order_id, tn::client_order_id::of("O-2"));
  CHECK(names(buy) == names_t{"order_accepted"});
  CHECK(names(sell) == names_t{"order_accepted"});
}

TEST_CASE_FIXTURE(book_fixture, "a crossing limit order takes the touch at the better price") {
  quote("99.00", "101.00");
  auto out = book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.500", "105.00"));
  REQUIRE_EQ(names(out), (names_t{"order_accepted", "order_filled"}));
  CHECK_EQ(fill_at(out, 1).last_px, tn::price::of("101.00"));
  CHECK_EQ(fill_at(out, 1).liquidity_side, tn::liquidity_side::taker);
}

TEST_CASE_FIXTURE(book_fixture, "IOC fills what the touch has and cancels the rest") {
  quote("99.00", "101.00", "0.200", "1.000");
  auto out = book.submit(order(tn::order_type::limit, tn::order_side::sell, "0.500", "98.00",
                               tn::time_in_force::ioc));
  CHECK_EQ(names(out), (names_t{"order_accepted", "order_filled", "order_canceled"}));
  CHECK_EQ(fill_at(out, 1).last_qty, tn::quantity::of("0.200"));
  CHECK_EQ(fill_at(out, 1).last_px, tn::price::of("99.00"));
}

TEST_CASE_FIXTURE(book_fixture, "FOK fills in full at once or is canceled") {
  quote("99.00", "101.00", "1.000", "0.400");
  auto too_big = book.submit(order(tn::order_type::market, tn::order_side::buy, "0.500",
                                   caf::none, tn::time_in_force::fok));
  CHECK_EQ(names(too_big), (names_t{"order_accepted", "order_canceled"}));
  auto fits = book.submit(order(tn::order_type::market, tn::order_side::buy, "0.400",
                                caf::none, tn::time_in_force::fok));
  CHECK_EQ(names(fits), (names_t{"order_accepted", "order_filled"}));
}

TEST_CASE_FIXTURE(book_fixture, "a post-only order that would take is rejected") {
  quote("99.00", "101.00");
  auto out = book.submit([&] {
    auto cmd = order(tn::order_type::limit, tn::order_side::buy, "0.500", "101.00");
    cmd.order.post_only = true;
    return cmd;
  }());
  CHECK_EQ(names(out), (names_t{"order_rejected"}));
  CHECK_EQ(reason<tn::order_rejected>(out), "post-only order would take liquidity");
}

TEST_CASE_FIXTURE(book_fixture, "stop orders trigger at their trigger price") {
  quote("99.00", "101.00");
  auto stop_market = book.submit(
    stop(tn::order_type::stop_market, tn::order_side::buy, "0.100", "102.00"));
  auto stop_limit = book.submit(
    stop(tn::order_type::stop_limit, tn::order_side::sell, "0.100", "98.00", "97.50"));
  CHECK_EQ(names(stop_market), (names_t{"order_accepted"}));
  CHECK_EQ(names(stop_limit), (names_t{"order_accepted"}));
  CHECK(quote("100.00", "101.90").empty());
  auto up = quote("101.00", "102.00");
  REQUIRE_EQ(names(up), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(up, 0).last_px, tn::price::of("102.00"));
  auto down = quote("97.00", "97.40"); // triggers at 98, but 97.00 is below its limit
  CHECK_EQ(names(down), (names_t{"order_triggered"}));
  auto back = quote("97.60", "98.00");
  REQUIRE_EQ(names(back), (names_t{"order_filled"}));
  CHECK_EQ(fill_at(back, 0).last_px, tn::price::of("97.50"));
}

TEST_CASE_FIXTURE(book_fixture, "GTD orders expire at expire_time and DAY orders at midnight UTC") {
  quote("99.00", "101.00");
  auto gtd = order(tn::order_type::limit, tn::order_side::buy, "0.100", "90.00",
                   tn::time_in_force::gtd);
  gtd.order.expire_time = ctx.now + 60 * second;
  book.submit(gtd);
  book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.100", "90.00",
                    tn::time_in_force::day));
  ctx.now += 59 * second;
  CHECK(quote("99.00", "101.00").empty());
  ctx.now += second;
  CHECK_EQ(names(quote("99.00", "101.00")), (names_t{"order_expired"}));
  ctx.now = 11 * day - 1;
  CHECK(quote("99.00", "101.00").empty());
  ctx.now = 11 * day;
  auto expired = quote("99.00", "101.00");
  REQUIRE_EQ(names(expired), (names_t{"order_expired"}));
  CHECK_EQ(tn::client_order_id_of(expired[0]).value(), "O-2");
  auto no_expiry = order(tn::order_type::limit, tn::order_side::buy, "0.100", "90.00",
                         tn::time_in_force::gtd);
  CHECK_EQ(reason<tn::order_rejected>(book.submit(no_expiry)), "GTD order without expire_time");
}

TEST_CASE_FIXTURE(book_fixture, "cancel and modify answer with the right rejections") {
  quote("99.00", "101.00");
  auto resting = order(tn::order_type::limit, tn::order_side::buy, "0.500", "95.00");
  book.submit(resting);
  auto modify = tn::modify_order{resting.trader_id, resting.strategy_id, btc,
                                 resting.order.client_order_id, caf::none,
                                 tn::quantity::of("0.800"), caf::none, caf::none, caf::none,
                                 tn::uuid4{}, 0};
  auto updated = book.modify(modify);
  REQUIRE_EQ(names(updated), (names_t{"order_updated"}));
  CHECK_EQ(caf::get<tn::order_updated>(updated[0]).quantity, tn::quantity::of("0.800"));
  modify.quantity = caf::none;
  modify.price = tn::price::of("95.005");
  CHECK_EQ(reason<tn::order_modify_rejected>(book.modify(modify)),
           "invalid price 95.005 for BTCUSDT.SIM (increment 0.01)");
  modify.price = tn::price::of("102.00"); // now crosses: takes at once
  CHECK_EQ(names(book.modify(modify)), (names_t{"order_updated", "order_filled"}));
  auto cancel = tn::cancel_order{resting.trader_id, resting.strategy_id, btc,
                                 resting.order.client_order_id, caf::none, caf::none,
                                 tn::uuid4{}, 0};
  CHECK_EQ(reason<tn::order_cancel_rejected>(book.cancel(cancel)), "order is already FILLED");
  CHECK_EQ(reason<tn::order_modify_rejected>(book.modify(modify)), "order is already FILLED");
  cancel.client_order_id = tn::client_order_id::of("O-99");
  CHECK_EQ(reason<tn::order_cancel_rejected>(book.cancel(cancel)), "unknown order O-99");
  auto open = order(tn::order_type::limit, tn::order_side::sell, "0.500", "110.00");
  book.submit(open);
  cancel.client_order_id = open.order.client_order_id;
  CHECK_EQ(names(book.cancel(cancel)), (names_t{"order_canceled"}));
}

TEST_CASE_FIXTURE(book_fixture, "bad orders are rejected with the reason") {
  quote("99.00", "101.00");
  CHECK_EQ(reason<tn::order_rejected>(book.submit(
             order(tn::order_type::limit, tn::order_side::buy, "0.0005", "100.00"))),
           "invalid quantity 0.0005 for BTCUSDT.SIM (increment 0.001)");
  CHECK_EQ(reason<tn::order_rejected>(
             book.submit(order(tn::order_type::limit, tn::order_side::buy, "1.000"))),
           "missing price for a LIMIT order");
  auto dup = order(tn::order_type::limit, tn::order_side::buy, "1.000", "90.00");
  book.submit(dup);
  CHECK_EQ(reason<tn::order_rejected>(book.submit(dup)), "duplicate client order id O-3");
}

TEST_CASE_FIXTURE(book_fixture, "the touch size is shared by resting orders, oldest first") {
  quote("99.00", "101.00");
  book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.300", "100.00"));
  book.submit(order(tn::order_type::limit, tn::order_side::buy, "0.300", "100.00"));
  auto fills = quote("98.00", "100.00", "1.000", "0.400");
  REQUIRE_EQ(names(fills), (names_t{"order_filled", "order_filled"}));
  CHECK_EQ(tn::client_order_id_of(fills[0]).value(), "O-1");
  CHECK_EQ(fill_at(fills, 0).last_qty, tn::quantity::of("0.300"));
  CHECK_EQ(fill_at(fills, 1).last_qty, tn::quantity::of("0.100"));
}
