#include <doctest/doctest.h>

#include "message_samples.hpp"
#include "tradenode/messages/order.hpp"

namespace tn = tradenode;
using tn::test::sample_event;

namespace {

tn::order_initialized limit_buy(const char* qty = "2.000") {
  auto init = tn::test::sample_order_initialized();
  init.side = tn::order_side::buy;
  init.order_type = tn::order_type::limit;
  init.quantity = tn::quantity::of(qty);
  init.trigger_price = caf::none;
  init.time_in_force = tn::time_in_force::gtc;
  init.post_only = false;
  init.reduce_only = false;
  return init;
}

tn::order_filled fill(const char* trade, const char* qty, const char* px) {
  auto x = tn::test::sample_order_filled();
  x.trade_id = tn::trade_id::of(trade);
  x.side = tn::order_side::buy;
  x.last_qty = tn::quantity::of(qty);
  x.last_px = tn::price::of(px);
  return x;
}

void require_ok(caf::error err) {
  REQUIRE_MESSAGE(!err, tn::describe(err));
}

tn::order accepted_order(const char* qty = "2.000") {
  tn::order o{limit_buy(qty)};
  require_ok(o.apply(sample_event<tn::order_submitted>(3)));
  require_ok(o.apply(sample_event<tn::order_accepted>(4)));
  return o;
}

} // namespace

TEST_CASE("a new order is INITIALIZED with its specification") {
  tn::order o{limit_buy()};
  CHECK(o.status() == tn::order_status::initialized);
  CHECK(o.quantity() == tn::quantity::of("2"));
  CHECK(o.leaves_qty() == tn::quantity::of("2"));
  CHECK(o.filled_qty().is_zero());
  CHECK(o.events().size() == 1);
  CHECK_FALSE(o.avg_px());
}

TEST_CASE("submit, accept, partial fill, fill: quantities and average price") {
  auto o = accepted_order();
  CHECK(o.status() == tn::order_status::accepted);
  CHECK(o.venue_order_id() == tn::venue_order_id::of("V-1"));
  CHECK(o.is_open());
  require_ok(o.apply(tn::order_event{fill("T-1", "0.500", "100.00")}));
  CHECK(o.status() == tn::order_status::partially_filled);
  CHECK(o.filled_qty() == tn::quantity::of("0.5"));
  CHECK(o.leaves_qty() == tn::quantity::of("1.5"));
  CHECK(to_string(*o.avg_px()) == "100.00");
  require_ok(o.apply(tn::order_event{fill("T-2", "1.500", "101.00")}));
  CHECK(o.status() == tn::order_status::filled);
  CHECK(o.leaves_qty().is_zero());
  // (0.5 * 100 + 1.5 * 101) / 2 = 100.75
  CHECK(to_string(*o.avg_px()) == "100.75");
  CHECK(o.is_closed());
  CHECK(o.events().size() == 5);
  CHECK(o.fill_count() == 2);
  CHECK(o.has_trade(tn::trade_id::of("T-2")));
  CHECK_FALSE(o.has_trade(tn::trade_id::of("T-3")));
}

TEST_CASE("the average fill price is exact to 9 decimals") {
  auto o = accepted_order("3.000");
  require_ok(o.apply(tn::order_event{fill("T-1", "1.000", "100.00")}));
  require_ok(o.apply(tn::order_event{fill("T-2", "2.000", "100.01")}));
  // 300.02 / 3 = 100.006666666...
  CHECK(to_string(*o.avg_px()) == "100.006666667");
}

TEST_CASE("a duplicate fill is refused and changes nothing") {
  auto o = accepted_order();
  require_ok(o.apply(tn::order_event{fill("T-1", "0.500", "100.00")}));
  auto err = o.apply(tn::order_event{fill("T-1", "0.500", "100.00")});
  CHECK(err == caf::make_error(tn::errc::duplicate_fill));
  CHECK(tn::describe(err).find("trade T-1 already applied") != std::string::npos);
  CHECK(o.filled_qty() == tn::quantity::of("0.5"));
  CHECK(o.events().size() == 4);
}

TEST_CASE("an overfill is an error and changes nothing") {
  auto o = accepted_order();
  require_ok(o.apply(tn::order_event{fill("T-1", "1.500", "100.00")}));
  auto err = o.apply(tn::order_event{fill("T-2", "1.000", "100.00")});
  CHECK(err == caf::make_error(tn::errc::overfill));
  CHECK(tn::describe(err).find("would fill 2.500 of 2.000") != std::string::npos);
  CHECK(o.status() == tn::order_status::partially_filled);
  CHECK(o.filled_qty() == tn::quantity::of("1.5"));
}

TEST_CASE("an event the table refuses changes nothing and names both states") {
  auto o = accepted_order();
  require_ok(o.apply(tn::order_event{fill("T-1", "2.000", "100.00")}));
  auto before = o.events().size();
  auto err = o.apply(sample_event<tn::order_accepted>(4));
  CHECK(err == caf::make_error(tn::errc::invalid_state_transition));
  CHECK(tn::describe(err).find("order_accepted refused: FILLED -> ACCEPTED")
        != std::string::npos);
  CHECK(o.status() == tn::order_status::filled);
  CHECK(o.events().size() == before);
}

TEST_CASE("a rejected cancel returns to the status before the request") {
  auto o = accepted_order();
  require_ok(o.apply(sample_event<tn::order_pending_cancel>(10)));
  CHECK(o.status() == tn::order_status::pending_cancel);
  CHECK(o.is_inflight());
  require_ok(o.apply(sample_event<tn::order_cancel_rejected>(12)));
  CHECK(o.status() == tn::order_status::accepted);
}

TEST_CASE("a cancel rejected before the venue accepted returns to SUBMITTED") {
  tn::order o{limit_buy()};
  require_ok(o.apply(sample_event<tn::order_submitted>(3)));
  require_ok(o.apply(sample_event<tn::order_pending_cancel>(10)));
  require_ok(o.apply(sample_event<tn::order_cancel_rejected>(12)));
  CHECK(o.status() == tn::order_status::submitted);
}

TEST_CASE("a rejected modify returns to the status before, even partially filled") {
  auto o = accepted_order();
  require_ok(o.apply(tn::order_event{fill("T-1", "0.500", "100.00")}));
  require_ok(o.apply(sample_event<tn::order_pending_update>(9)));
  require_ok(o.apply(sample_event<tn::order_modify_rejected>(11)));
  CHECK(o.status() == tn::order_status::partially_filled);
}

TEST_CASE("rejected modify or cancel in another status is recorded without a change") {
  auto o = accepted_order();
  require_ok(o.apply(sample_event<tn::order_cancel_rejected>(12)));
  require_ok(o.apply(sample_event<tn::order_modify_rejected>(11)));
  CHECK(o.status() == tn::order_status::accepted);
  CHECK(o.events().size() == 5);
}

TEST_CASE("an update changes quantity and prices and returns from PENDING_UPDATE") {
  auto o = accepted_order();
  require_ok(o.apply(sample_event<tn::order_pending_update>(9)));
  auto update = tn::test::sample_order_updated();
  update.quantity = tn::quantity::of("3.000");
  update.price = tn::price::of("98.00");
  update.trigger_price = caf::none;
  require_ok(o.apply(tn::order_event{update}));
  CHECK(o.status() == tn::order_status::accepted);
  CHECK(o.quantity() == tn::quantity::of("3"));
  CHECK(o.leaves_qty() == tn::quantity::of("3"));
  CHECK(*o.price() == tn::price::of("98"));
}

TEST_CASE("an update below the filled quantity is refused") {
  auto o = accepted_order();
  require_ok(o.apply(tn::order_event{fill("T-1", "1.500", "100.00")}));
  auto update = tn::test::sample_order_updated();
  update.quantity = tn::quantity::of("1.000");
  auto err = o.apply(tn::order_event{update});
  CHECK(err == caf::make_error(tn::errc::invalid_argument));
  CHECK(o.quantity() == tn::quantity::of("2"));
}

TEST_CASE("only stop-limit orders can be triggered") {
  auto o = accepted_order();
  auto err = o.apply(sample_event<tn::order_triggered>(8));
  CHECK(err == caf::make_error(tn::errc::invalid_state_transition));
  CHECK(tn::describe(err).find("only STOP_LIMIT orders can trigger") != std::string::npos);
  auto init = tn::test::sample_order_initialized(); // a STOP_LIMIT order
  tn::order stop{init};
  require_ok(stop.apply(sample_event<tn::order_submitted>(3)));
  require_ok(stop.apply(sample_event<tn::order_accepted>(4)));
  require_ok(stop.apply(sample_event<tn::order_triggered>(8)));
  CHECK(stop.status() == tn::order_status::triggered);
}

TEST_CASE("a fill after cancel is applied, as the venue's fill happened") {
  auto o = accepted_order();
  require_ok(o.apply(sample_event<tn::order_canceled>(6)));
  require_ok(o.apply(tn::order_event{fill("T-1", "2.000", "100.00")}));
  CHECK(o.status() == tn::order_status::filled);
}

TEST_CASE("an event for another order is refused") {
  auto o = accepted_order();
  auto other = sample_event<tn::order_canceled>(6);
  other.client_order_id = tn::client_order_id::of("O-2");
  auto err = o.apply(other);
  CHECK(err == caf::make_error(tn::errc::order_mismatch));
  CHECK(o.status() == tn::order_status::accepted);
}

TEST_CASE("a second order_initialized is refused") {
  tn::order o{limit_buy()};
  CHECK(o.apply(tn::order_event{limit_buy()})
        == caf::make_error(tn::errc::invalid_state_transition));
}
