#include <doctest/doctest.h>

#include <chrono>

#include "deterministic_fixture.hpp"
#include "tradenode/actors/node_clock.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

constexpr tn::unix_nanos start = 1'582'329'601'096'000'000; // 2020-02-22T00:00:01.096Z

} // namespace

TEST_CASE("the system clock reads the time of day and converts no delay") {
  auto& clock = tn::node_clock::system();
  CHECK_FALSE(clock->follows_data());
  // 2026-01-01 .. 2100-01-01: the system clock, not a data clock.
  CHECK_GT(clock->now(), 1'767'225'600'000'000'000u);
  CHECK_LT(clock->now(), 4'102'444'800'000'000'000u);
  CHECK_EQ(clock->delay(250ms), caf::timespan{250ms});
}

TEST_CASE_FIXTURE(tn::test::deterministic_fixture,
                  "a data clock stands at the data's start until the replay runs it") {
  auto data = tn::node_clock::data(sched.clock(), start);
  CHECK(data->follows_data());
  sched.clock().advance_time(5s);
  CHECK_EQ(data->now(), start);
  // At speed 4: one actor-clock second is four data seconds, and a timer of
  // two data seconds waits half a second.
  data->run_from(start, 4);
  sched.clock().advance_time(1s);
  CHECK_EQ(data->now(), start + 4'000'000'000u);
  CHECK_EQ(data->delay(2s), caf::timespan{500ms});
  CHECK_EQ(data->delay_until(start + 6'000'000'000u), caf::timespan{500ms});
  CHECK_EQ(data->delay_until(start), caf::timespan{0});
  // Paused: time stands, whatever the actor clock does; resumed from there.
  data->hold();
  sched.clock().advance_time(10s);
  CHECK_EQ(data->now(), start + 4'000'000'000u);
  data->run_from(0, 4);
  sched.clock().advance_time(250ms);
  CHECK_EQ(data->now(), start + 5'000'000'000u);
}

TEST_CASE_FIXTURE(tn::test::deterministic_fixture,
                  "a data clock stepped event by event never goes back") {
  auto data = tn::node_clock::data(sched.clock(), start);
  data->step_to(start + 100);
  CHECK_EQ(data->now(), start + 100);
  data->step_to(start + 50);
  CHECK_EQ(data->now(), start + 100);
  // Standing time does not scale delays: they stay actor-clock time.
  CHECK_EQ(data->delay(1s), caf::timespan{1s});
}

TEST_CASE_FIXTURE(tn::test::deterministic_fixture,
                  "a simulated clock makes the same ids every run, a live one does not") {
  auto first = tn::node_clock::data(sched.clock(), start, true);
  auto again = tn::node_clock::data(sched.clock(), start, true);
  CHECK(first->simulated());
  CHECK_EQ(first->id_generator("ExecEngine")(), again->id_generator("ExecEngine")());
  CHECK_NE(first->id_generator("ExecEngine")(), first->id_generator("SIM")());
  auto& live = tn::node_clock::system();
  CHECK_NE(live->id_generator("ExecEngine")(), live->id_generator("ExecEngine")());
}
