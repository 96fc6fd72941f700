#include <doctest/doctest.h>

#include <set>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tn = tradenode;

TEST_CASE("random uuids are version 4 and round-trip through text") {
  std::mt19937_64 gen{42};
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto id = tn::uuid4::random(gen);
    auto text = to_string(id);
    CHECK(text.size() == 36);
    CHECK(text[14] == '4');
    CHECK(std::string{"89ab"}.find(text[19]) != std::string::npos);
    auto parsed = tn::uuid4::parse(text);
    REQUIRE(parsed);
    CHECK(*parsed == id);
    seen.insert(text);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("the same seed gives the same uuids") {
  std::mt19937_64 a{7};
  std::mt19937_64 b{7};
  CHECK(tn::uuid4::random(a) == tn::uuid4::random(b));
}

TEST_CASE("nil uuid round-trips and is nil") {
  tn::uuid4 nil;
  CHECK(nil.is_nil());
  auto parsed = tn::uuid4::parse(to_string(nil));
  REQUIRE(parsed);
  CHECK(parsed->is_nil());
}

TEST_CASE("malformed uuids are parse failures naming the text") {
  for (auto text : {"", "not-a-uuid", "123e4567-e89b-12d3-a456-426614174000",
                    "123e4567-e89b-42d3-c456-426614174000",
                    "123e4567xe89b-42d3-a456-426614174000",
                    "123e4567-e89b-42d3-a456-42661417400g"}) {
    CAPTURE(text);
    auto id = tn::uuid4::parse(text);
    REQUIRE_FALSE(id);
    CHECK(id.error() == caf::make_error(tn::errc::parse_failure));
  }
  CHECK(tn::uuid4::parse("123e4567-e89b-42d3-a456-426614174000"));
}
