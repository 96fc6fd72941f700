#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <string>

#include "child_process.hpp"

namespace tn = tradenode;

namespace {

// Starts the node process, waits until it runs, sends `signo`, and returns
// its exit code and its log.
std::pair<int, std::string> signal_running_node(int signo, const std::string& log_path) {
  std::remove(log_path.c_str());
  tn::test::child_process node{{TRADENODE_TEST_NODE_PROCESS, log_path}, log_path + ".out"};
  REQUIRE(node.started());
  auto running = tn::test::wait_until([&] {
    return tn::test::read_file(log_path).find("TradingNode STARTING -> RUNNING")
           != std::string::npos;
  });
  REQUIRE_MESSAGE(running, tn::test::read_file(log_path) << node.output());
  node.signal(signo);
  auto code = node.wait();
  return {code, tn::test::read_file(log_path)};
}

void check_orderly_shutdown(const std::string& log) {
  auto stopping = log.find("TradingNode RUNNING -> STOPPING");
  auto stopped = log.find("TradingNode STOPPING -> STOPPED");
  auto disposed = log.find("TradingNode STOPPED -> DISPOSED");
  REQUIRE(stopping != std::string::npos);
  CHECK(log.find("Disconnected data client DATA") > stopping);
  REQUIRE(stopped != std::string::npos);
  CHECK(stopped > stopping);
  REQUIRE(disposed != std::string::npos);
  CHECK(disposed > stopped);
}

} // namespace

TEST_CASE("SIGINT stops a node process in order with exit code 0") {
  auto [code, log] = signal_running_node(SIGINT, "signal_test_sigint.log");
  CHECK(code == 0);
  check_orderly_shutdown(log);
}

TEST_CASE("a second SIGINT during a hung stop forces dispose at once") {
  std::string log_path = "signal_test_forced.log";
  std::remove(log_path.c_str());
  tn::test::child_process node{{TRADENODE_TEST_NODE_PROCESS, log_path, "hang"},
                               log_path + ".out"};
  REQUIRE(node.started());
  auto log_has = [&](const char* text) {
    return tn::test::wait_until([&] {
      return tn::test::read_file(log_path).find(text) != std::string::npos;
    });
  };
  REQUIRE(log_has("TradingNode STARTING -> RUNNING"));
  node.signal(SIGINT);
  // The stop now waits up to 60 s for the hung client to disconnect.
  REQUIRE(log_has("Stop step await_inflight done"));
  auto started = std::chrono::steady_clock::now();
  node.signal(SIGINT);
  CHECK(node.wait(std::chrono::seconds(30)) == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
  auto log = tn::test::read_file(log_path);
  CHECK(log.find("Forced dispose while stopping") != std::string::npos);
  CHECK(log.find("Killing exec client EXEC: forced dispose") != std::string::npos);
  CHECK(log.find("-> DISPOSED") != std::string::npos);
}

TEST_CASE("SIGTERM stops a node process in order with exit code 0") {
  auto [code, log] = signal_running_node(SIGTERM, "signal_test_sigterm.log");
  CHECK(code == 0);
  check_orderly_shutdown(log);
}
