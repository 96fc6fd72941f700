#include <doctest/doctest.h>

#include "message_samples.hpp"

namespace tn = tradenode;

TEST_CASE("order_event exposes the ids every alternative shares") {
  tn::order_event ev = tn::test::sample<tn::order_filled>();
  CHECK(tn::event_name(ev) == "order_filled");
  CHECK(tn::client_order_id_of(ev) == tn::client_order_id::of("O-1"));
  CHECK(tn::strategy_id_of(ev) == tn::strategy_id::of("EMACross-001"));
  CHECK(tn::ts_event_of(ev) == 141);
  ev = tn::test::sample<tn::order_denied>();
  CHECK(tn::event_name(ev) == "order_denied");
}
