// A node in its own process, for the signal tests: one data and one execution
// client (scripted test actors), logging to the file named by argv[1]. With
// "hang" as argv[2] the execution client never answers disconnect and the
// disconnection timeout is 60 s, so only a forced dispose ends the stop early.
// Exits 0 after an orderly run, 1 after a failed one.
#include <chrono>
#include <cstdio>
#include <string>

#include "test_clients.hpp"
#include "tradenode/node/trading_node.hpp"

int main(int argc, char** argv) {
  namespace tn = tradenode;
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s LOG_FILE [hang]\n", argv[0]);
    return 2;
  }
  tn::test::client_script exec_script;
  if (argc == 3 && std::string{argv[2]} == "hang")
    exec_script.disconnect = tn::test::disconnect_mode::hang;
  tn::node_config cfg;
  cfg.logging.console = false;
  cfg.logging.file = argv[1];
  cfg.timeout_disconnection = std::chrono::seconds(60);
  cfg.data_clients.emplace(tn::client_id::of("DATA"), tn::client_config{"data", {}, {}});
  cfg.exec_clients.emplace(tn::client_id::of("EXEC"), tn::client_config{"exec", {}, {}});
  try {
    tn::trading_node node{cfg};
    node.add_data_client_factory("data", tn::test::scripted_data_client({}));
    node.add_exec_client_factory("exec", tn::test::scripted_exec_client(exec_script));
    node.build();
    node.run(true);
    node.dispose();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "node_process: %s\n", e.what());
    return 1;
  }
}
