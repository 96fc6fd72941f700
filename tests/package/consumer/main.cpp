#include <cstdio>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "tradenode/messages/price.hpp"
#include "tradenode/messages/register_types.hpp"

int main() {
  caf::actor_system_config cfg;
  tradenode::register_types(cfg);
  caf::actor_system sys{cfg};
  auto px = tradenode::price::parse("101.25");
  if (!px || to_string(*px) != "101.25") {
    std::fputs("consumer: price round trip failed\n", stderr);
    return 1;
  }
  std::printf("consumer: linked tradenode, price %s\n", to_string(*px).c_str());
  return 0;
}
