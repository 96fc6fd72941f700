// Embeds the node supervisor in a CAF program that owns its actor_system and
// drives it purely with messages.
#include <chrono>
#include <cstdio>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/node_actor.hpp"

int main() {
  using namespace std::chrono_literals;
  // --(rst-embed-begin)--
  caf::actor_system_config sys_cfg;
  tradenode::register_types(sys_cfg);  // tradenode's type-id block and errors
  caf::actor_system sys{sys_cfg};

  tradenode::node_config cfg;          // or tradenode::load_node_config(path)
  tradenode::factory_registry factories;
  auto node = sys.spawn(tradenode::node_supervisor, cfg, factories);

  caf::scoped_actor self{sys};
  auto fail = [](caf::error& err) {
    std::fprintf(stderr, "%s\n", tradenode::describe(err).c_str());
  };
  self->request(node, 10s, tradenode::build_atom_v).receive([](caf::ok_atom) {}, fail);
  // run's reply comes when the run has finished: await it asynchronously.
  auto await_run = [](caf::event_based_actor* watcher,
                      tradenode::node_actor target) -> caf::behavior {
    watcher->request(target, caf::infinite, tradenode::run_atom_v)
      .then([](caf::ok_atom) { std::puts("run finished"); },
            [](caf::error& err) { std::puts(tradenode::describe(err).c_str()); });
    return {[](caf::unit_t) {}};
  };
  sys.spawn(await_run, node);
  // ... trade; then:
  self->request(node, 60s, tradenode::stop_atom_v).receive([](caf::ok_atom) {}, fail);
  self->request(node, 60s, tradenode::dispose_atom_v).receive([](caf::ok_atom) {}, fail);
  // --(rst-embed-end)--
  return 0;
}
