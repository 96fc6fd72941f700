#include <doctest/doctest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/sec.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"

namespace tn = tradenode;

TEST_CASE("errors compare by code and category, ignoring context") {
  auto err = caf::make_error(tn::errc::invalid_config, "timeouts.connection: must be > 0");
  CHECK(err == caf::make_error(tn::errc::invalid_config));
  CHECK(err != caf::make_error(tn::errc::invalid_state));
  CHECK(err.category() == tn::error_category);
}

TEST_CASE("describe renders category, code and context") {
  auto err = caf::make_error(tn::errc::invalid_config, "timeouts.connection: must be > 0");
  CHECK(tn::describe(err)
        == "tradenode: invalid_config (timeouts.connection: must be > 0)");
  CHECK(tn::describe(caf::make_error(caf::sec::request_timeout))
        == "system: request_timeout");
  CHECK(tn::describe(caf::error{}) == "no error");
}

TEST_CASE("an actor system with registered types renders tradenode errors") {
  caf::actor_system_config cfg;
  tn::register_types(cfg);
  caf::actor_system sys{cfg};
  auto err = caf::make_error(tn::errc::overfill, "order O-1: too much");
  CHECK(sys.render(err) == "tradenode: overfill (order O-1: too much)");
}
