// Runs a trading node through the trading_node facade for two seconds.
// Usage: facade_node [CONFIG.json]
#include <chrono>
#include <cstdio>
#include <thread>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/trading_node.hpp"

int main(int argc, char** argv) {
  // --(rst-facade-begin)--
  auto cfg = argc > 1 ? tradenode::load_node_config(argv[1])
                      : tradenode::parse_node_config(nlohmann::json::object());
  if (!cfg) {
    std::fprintf(stderr, "%s\n", tradenode::describe(cfg.error()).c_str());
    return 2;
  }
  try {
    tradenode::trading_node node{*cfg};  // knows the built-in clients and strategies
    // node.add_data_client_factory("my_feed", my_feed_factory); ...
    node.build();                        // throws tradenode::node_error, e.g. bad settings
    auto finished = node.run_async();    // or node.run(): blocks until SIGINT/SIGTERM
    std::this_thread::sleep_for(std::chrono::seconds(2));
    node.stop();
    finished.get();                      // throws tradenode::node_error if the run failed
    node.dispose();
  } catch (const tradenode::node_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  // --(rst-facade-end)--
  return 0;
}
