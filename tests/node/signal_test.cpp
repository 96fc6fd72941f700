#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <string>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wait_until.hpp"

extern char** environ;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in{path};
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Starts the node process, waits until it runs, sends `signo`, and returns
// its exit status with its log.
std::pair<int, std::string> signal_running_node(int signo, const std::string& log_path) {
  std::remove(log_path.c_str());
  std::string exe = TRADENODE_TEST_NODE_PROCESS;
  char* args[] = {exe.data(), const_cast<char*>(log_path.c_str()), nullptr};
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, exe.c_str(), nullptr, nullptr, args, environ) == 0);
  auto running = tradenode::test::wait_until([&] {
    return read_file(log_path).find("TradingNode STARTING -> RUNNING") != std::string::npos;
  });
  if (!running)
    kill(pid, SIGKILL);
  REQUIRE_MESSAGE(running, read_file(log_path));
  REQUIRE(kill(pid, signo) == 0);
  int status = 0;
  auto exited = tradenode::test::wait_until([&] { return waitpid(pid, &status, WNOHANG) == pid; });
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  REQUIRE_MESSAGE(exited, "node process did not exit after the signal");
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), read_file(log_path)};
}

void check_orderly_shutdown(const std::string& log) {
  auto stopping = log.find("TradingNode RUNNING -> STOPPING");
  auto stopped = log.find("TradingNode STOPPING -> STOPPED");
  auto disposed = log.find("TradingNode STOPPED -> DISPOSED");
  CHECK(stopping != std::string::npos);
  CHECK(log.find("Disconnected data client DATA") > stopping);
  CHECK(stopped != std::string::npos);
  CHECK(stopped > stopping);
  CHECK(disposed != std::string::npos);
  CHECK(disposed > stopped);
}

} // namespace

TEST_CASE("SIGINT stops a node process in order with exit code 0") {
  auto [code, log] = signal_running_node(SIGINT, "signal_test_sigint.log");
  CHECK(code == 0);
  check_orderly_shutdown(log);
}

TEST_CASE("SIGTERM stops a node process in order with exit code 0") {
  auto [code, log] = signal_running_node(SIGTERM, "signal_test_sigterm.log");
  CHECK(code == 0);
  check_orderly_shutdown(log);
}
