#include <doctest/doctest.h>

#include "test_clients.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/node/factory_registry.hpp"

namespace tn = tradenode;

TEST_CASE("factories are found by name") {
  tn::factory_registry registry;
  REQUIRE_FALSE(registry.add_data_client_factory("feed", tn::test::scripted_data_client({})));
  REQUIRE_FALSE(registry.add_exec_client_factory("venue", tn::test::scripted_exec_client({})));
  CHECK(registry.data_client("feed") != nullptr);
  CHECK(registry.exec_client("venue") != nullptr);
  CHECK(registry.data_client("venue") == nullptr);
  CHECK(registry.strategy("feed") == nullptr);
}

TEST_CASE("a duplicate, empty or null factory is an error naming it") {
  tn::factory_registry registry;
  REQUIRE_FALSE(registry.add_data_client_factory("feed", tn::test::scripted_data_client({})));
  auto duplicate = registry.add_data_client_factory("feed", tn::test::scripted_data_client({}));
  CHECK(duplicate == caf::make_error(tn::errc::invalid_factory));
  CHECK(tn::context_of(duplicate) == "data client factory \"feed\" is already registered");
  auto empty = registry.add_exec_client_factory("", tn::test::scripted_exec_client({}));
  CHECK(tn::context_of(empty) == "exec client factory name must not be empty");
  auto null = registry.add_strategy_factory("s", tn::strategy_factory{});
  CHECK(tn::context_of(null) == "strategy factory \"s\" is empty");
}
