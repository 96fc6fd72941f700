#include <doctest/doctest.h>

#include "message_samples.hpp"
#include "tradenode/actors/inflight_commands.hpp"

namespace tn = tradenode;
using command = tn::inflight_commands::command;

namespace {

const auto sim = tn::client_id::of("SIM");
constexpr tn::unix_nanos t0 = 3'600'000'000'000;
constexpr tn::unix_nanos one_second = 1'000'000'000;

template <class Event>
tn::order_event event_of(const char* id) {
  auto x = tn::test::sample_event<Event>(1);
  x.client_order_id = tn::client_order_id::of(id);
  return tn::order_event{x};
}

} // namespace

TEST_CASE("each command of an order waits for an answer of its own kind") {
  tn::inflight_commands x;
  x.sent(tn::client_order_id::of("O-1"), command::submit, sim, t0);
  x.sent(tn::client_order_id::of("O-1"), command::cancel, sim, t0 + one_second);
  CHECK_FALSE(x.answer(event_of<tn::order_submitted>("O-1"), false)); // no answer
  CHECK(x.answer(event_of<tn::order_accepted>("O-1"), false));        // the submit's
  REQUIRE_EQ(x.size(), 1u);
  auto* left = x.find(tn::client_order_id::of("O-1"));
  REQUIRE(left != nullptr);
  REQUIRE_EQ(left->commands.size(), 1u);
  CHECK_EQ(left->commands[0].awaited, command::cancel);
  CHECK_EQ(left->oldest(), t0 + one_second);
  CHECK_FALSE(x.answer(event_of<tn::order_updated>("O-1"), false)); // answers no modify
  CHECK(x.answer(event_of<tn::order_cancel_rejected>("O-1"), false));
  CHECK(x.empty());
}

TEST_CASE("a closed order has nothing left to answer") {
  tn::inflight_commands x;
  x.sent(tn::client_order_id::of("O-1"), command::submit, sim, t0);
  x.sent(tn::client_order_id::of("O-1"), command::modify, sim, t0);
  x.sent(tn::client_order_id::of("O-1"), command::cancel, sim, t0);
  CHECK(x.answer(event_of<tn::order_filled>("O-1"), true));
  CHECK(x.empty());
  CHECK_FALSE(x.answer(event_of<tn::order_canceled>("O-2"), true)); // never sent
}

TEST_CASE("unanswered commands are named oldest first, up to a limit") {
  tn::inflight_commands x;
  x.sent(tn::client_order_id::of("O-2"), command::submit, sim, t0 + one_second);
  x.sent(tn::client_order_id::of("O-1"), command::cancel, sim, t0);
  x.sent(tn::client_order_id::of("O-3"), command::modify, tn::client_id::of("OTHER"),
         t0 + 2 * one_second);
  CHECK_EQ(x.describe(), "cancel of O-1 at client SIM, submit of O-2 at client SIM, modify of "
                         "O-3 at client OTHER");
  CHECK_EQ(x.describe(1), "cancel of O-1 at client SIM and 2 more");
  CHECK(x.forget(tn::client_order_id::of("O-1")));
  CHECK_FALSE(x.forget(tn::client_order_id::of("O-1")));
  CHECK_EQ(x.size(), 2u);
}
