#include <doctest/doctest.h>

#include "tradenode/messages/enums.hpp"

namespace tn = tradenode;

TEST_CASE("enum values print and parse by their NautilusTrader names") {
  CHECK(to_string(tn::order_side::buy) == "BUY");
  CHECK(to_string(tn::order_status::partially_filled) == "PARTIALLY_FILLED");
  CHECK(to_string(tn::position_side::long_side) == "LONG");
  CHECK(*tn::parse_enum<tn::time_in_force>("GTD") == tn::time_in_force::gtd);
  CHECK(*tn::parse_enum<tn::order_type>("STOP_LIMIT") == tn::order_type::stop_limit);
}

TEST_CASE("an unknown enum text is an error listing the valid names") {
  auto side = tn::parse_enum<tn::order_side>("buy");
  REQUIRE_FALSE(side);
  CHECK(tn::describe(side.error())
        == "tradenode: parse_failure (order_side: unknown value \"buy\" "
           "(expected NO_ORDER_SIDE|BUY|SELL))");
}

TEST_CASE("every order status round-trips through its name") {
  CHECK(tn::enum_names<tn::order_status>::values.size() == 14);
  for (size_t i = 0; i < 14; ++i) {
    auto status = static_cast<tn::order_status>(i);
    CHECK(*tn::parse_enum<tn::order_status>(to_string(status)) == status);
  }
  CHECK_FALSE(tn::is_valid_enum(static_cast<tn::order_status>(14)));
  CHECK(tn::enum_name(static_cast<tn::order_status>(200)) == "?");
}

TEST_CASE("opposite swaps buy and sell") {
  CHECK(tn::opposite(tn::order_side::buy) == tn::order_side::sell);
  CHECK(tn::opposite(tn::order_side::sell) == tn::order_side::buy);
  CHECK(tn::opposite(tn::order_side::no_order_side) == tn::order_side::no_order_side);
}
