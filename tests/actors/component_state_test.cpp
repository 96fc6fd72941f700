#include <doctest/doctest.h>

#include <map>

#include "table_file.hpp"

#include "tradenode/messages/component_state.hpp"
#include "tradenode/messages/errc.hpp"

namespace tn = tradenode;

TEST_CASE("all (state, trigger) pairs follow NautilusTrader's component table") {
  std::map<std::pair<tn::component_state, tn::component_trigger>, tn::component_state> table;
  // Named references, not a structured binding: clang 14 cannot capture one
  // in the lambdas doctest's macros make.
  for (auto& row : tn::test::read_table("component_state_table.txt")) {
    const auto& current = row[0];
    const auto& trigger = row[1];
    const auto& next = row[2];
    auto c = tn::parse_enum<tn::component_state>(current);
    auto t = tn::parse_enum<tn::component_trigger>(trigger);
    auto n = tn::parse_enum<tn::component_state>(next);
    REQUIRE_MESSAGE((c && t && n), current << " " << trigger << " " << next);
    table.emplace(std::pair{*c, *t}, *n);
  }
  REQUIRE(table.size() == 26);
  size_t allowed = 0;
  for (size_t i = 0; i < tn::enum_names<tn::component_state>::values.size(); ++i) {
    for (size_t k = 0; k < tn::enum_names<tn::component_trigger>::values.size(); ++k) {
      auto state = static_cast<tn::component_state>(i);
      auto trigger = static_cast<tn::component_trigger>(k);
      CAPTURE(to_string(state));
      CAPTURE(to_string(trigger));
      auto result = tn::transition(state, trigger);
      auto row = table.find({state, trigger});
      if (row == table.end()) {
        REQUIRE_FALSE(result);
        CHECK(tn::context_of(result.error()) == to_string(state) + " -> " + to_string(trigger));
      } else {
        REQUIRE(result);
        CHECK(*result == row->second);
        ++allowed;
      }
    }
  }
  CHECK(allowed == 26);
}

TEST_CASE("a stopped component restarts with RESUME, not START") {
  using enum tn::component_state;
  CHECK_FALSE(tn::transition(stopped, tn::component_trigger::start));
  CHECK(*tn::transition(stopped, tn::component_trigger::resume) == resuming);
  CHECK_FALSE(tn::transition(running, tn::component_trigger::dispose));
  CHECK_FALSE(tn::transition(faulted, tn::component_trigger::reset));
}
