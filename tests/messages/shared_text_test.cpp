#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/shared_text.hpp"

namespace tn = tradenode;

TEST_CASE("a copy of shared text shares the characters instead of copying them") {
  tn::shared_text original{std::string(40, 'x')};
  auto copy = original;
  CHECK(&copy.str() == &original.str());
  CHECK(copy == original);
  CHECK(copy.hash() == std::hash<std::string>{}(std::string(40, 'x')));
}

TEST_CASE("shared text compares by its characters, not by its block") {
  tn::shared_text a{std::string{"O-1"}};
  tn::shared_text also_a{std::string{"O-1"}};
  tn::shared_text b{std::string{"O-2"}};
  CHECK(&a.str() != &also_a.str());
  CHECK(a == also_a);
  CHECK(a != b);
  CHECK(a < b);
  CHECK((a <=> also_a) == std::strong_ordering::equal);
}

TEST_CASE("empty shared text holds no block and reads as an empty string") {
  tn::shared_text none;
  tn::shared_text from_empty{std::string{}};
  CHECK(none.empty());
  CHECK(from_empty.empty());
  CHECK(none.str().empty());
  CHECK(none == from_empty);
  CHECK(none < tn::shared_text{std::string{"A"}});
}

TEST_CASE("moving shared text leaves the source empty, and assignment keeps the text alive") {
  tn::shared_text a{std::string{"POSITION-1"}};
  auto moved = std::move(a);
  CHECK(a.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
  CHECK(moved.str() == "POSITION-1");
  tn::shared_text target{std::string{"OTHER"}};
  target = moved;
  moved = tn::shared_text{};
  CHECK(target.str() == "POSITION-1");
  auto& same = target;
  target = same;
  CHECK(target.str() == "POSITION-1");
}

TEST_CASE("copies of one text made and dropped on many threads leave it intact") {
  tn::shared_text shared{std::string{"O-20261208-000000-001-001-1"}};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&shared] {
      for (int i = 0; i < 100000; ++i) {
        auto copy = shared;
        tn::shared_text other;
        other = copy;
      }
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(shared.str() == "O-20261208-000000-001-001-1");
}

TEST_CASE("an identifier is one pointer wide and its copies share the text") {
  static_assert(sizeof(tn::client_order_id) == sizeof(void*));
  auto id = tn::client_order_id::of("O-20261208-000000-001-001-1");
  auto copy = id;
  CHECK(&copy.value() == &id.value());
  CHECK(std::hash<tn::client_order_id>{}(id)
        == std::hash<std::string>{}("O-20261208-000000-001-001-1"));
}
