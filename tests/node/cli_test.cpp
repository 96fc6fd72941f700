#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <string>

#include "child_process.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;

namespace {

struct cli_result {
  int code;
  std::string output;
};

cli_result run_cli(std::vector<std::string> args, const std::string& name) {
  args.insert(args.begin(), TRADENODE_CLI);
  tn::test::child_process cli{args, "cli_test_" + name + ".out"};
  REQUIRE(cli.started());
  auto code = cli.wait();
  return {code, cli.output()};
}

std::string write_config(const std::string& name, const std::string& text) {
  auto path = "cli_test_" + name + ".json";
  std::ofstream{path} << text;
  return path;
}

} // namespace

TEST_CASE("cli: --help exits 0 with the usage") {
  auto result = run_cli({"--help"}, "help");
  CHECK(result.code == 0);
  CHECK(result.output.find("usage: tradenode") != std::string::npos);
  CHECK(run_cli({"run", "--help"}, "run_help").code == 0);
}

TEST_CASE("cli: bad usage exits 2 naming the problem") {
  auto unknown = run_cli({"trade"}, "unknown");
  CHECK(unknown.code == 2);
  CHECK(unknown.output.find("unknown command \"trade\"") != std::string::npos);
  auto no_config = run_cli({"run"}, "no_config");
  CHECK(no_config.code == 2);
  CHECK(no_config.output.find("run needs --config FILE") != std::string::npos);
  auto bad_duration = run_cli({"run", "--config", "x.json", "--duration", "-1"}, "duration");
  CHECK(bad_duration.code == 2);
  CHECK(bad_duration.output.find("--duration: \"-1\"") != std::string::npos);
  CHECK(run_cli({}, "nothing").code == 2);
  auto kill = run_cli({"kill"}, "kill_no_connect");
  CHECK(kill.code == 2);
  CHECK(kill.output.find("kill needs --connect HOST:PORT") != std::string::npos);
  auto flatten = run_cli({"run", "--config", "x.json", "--flatten"}, "flatten_on_run");
  CHECK(flatten.code == 2);
  CHECK(flatten.output.find("--flatten applies to kill only") != std::string::npos);
  // Nothing listens on port 1: unreachable is exit 3.
  auto unreachable = run_cli({"kill", "--connect", "127.0.0.1:1"}, "kill_unreachable");
  CHECK(unreachable.code == 3);
  CHECK(unreachable.output.find("cannot reach the node at 127.0.0.1:1") != std::string::npos);
}

TEST_CASE("cli: a bad config exits 2 naming the JSON path") {
  auto path = write_config("bad", R"({"timeouts": {"connection": 0}})");
  auto validate = run_cli({"validate", "--config", path}, "bad_validate");
  CHECK(validate.code == 2);
  CHECK(validate.output.find(path + ": timeouts.connection: must be > 0") != std::string::npos);
  auto run = run_cli({"run", "--config", path}, "bad_run");
  CHECK(run.code == 2);
  auto missing = run_cli({"validate", "--config", "no_such_file.json"}, "missing");
  CHECK(missing.code == 2);
  CHECK(missing.output.find("no_such_file.json: cannot open file") != std::string::npos);
}

TEST_CASE("cli: a config naming an unknown factory exits 2") {
  auto path = write_config("factory", R"({"data_clients": {"FEED": {"factory": "nope"}}})");
  auto result = run_cli({"validate", "--config", path}, "factory");
  CHECK(result.code == 2);
  CHECK(result.output.find("data_clients.FEED.factory: no data client factory named \"nope\"")
        != std::string::npos);
}

TEST_CASE("cli: a replay file that does not exist exits 2 naming it") {
  auto path = write_config("replay", R"({"data_clients": {"FEED": {"factory": "replay",
    "settings": {"instruments_file": ")" TRADENODE_TEST_DATA_DIR R"(/replay/instruments.json",
                 "files": ["no_such_quotes.csv"]}}}})");
  auto result = run_cli({"run", "--config", path}, "replay");
  CHECK(result.code == 2);
  CHECK(result.output.find("data_clients.FEED: factory \"replay\" failed: ")
        != std::string::npos);
  CHECK(result.output.find("settings.files[0]: cannot open \"no_such_quotes.csv\"")
        != std::string::npos);
}

TEST_CASE("cli: validate accepts a good config") {
  auto path = write_config("good", R"({"trader_id": "TRADER-007"})");
  auto result = run_cli({"validate", "--config", path}, "good");
  CHECK(result.code == 0);
  CHECK(result.output.find("valid") != std::string::npos);
}

TEST_CASE("cli: run --duration stops the node by itself with exit code 0") {
  auto path = write_config("duration", R"({"logging": {"level": "info"}})");
  auto result = run_cli({"run", "--config", path, "--duration", "0.2"}, "duration_run");
  CHECK(result.code == 0);
  CHECK(result.output.find("TradingNode STOPPED -> DISPOSED") != std::string::npos);
}

TEST_CASE("cli: SIGINT stops tradenode run with exit code 0") {
  auto path = write_config("sigint", R"({})");
  tn::test::child_process cli{{TRADENODE_CLI, "run", "--config", path}, "cli_test_sigint.out"};
  REQUIRE(cli.started());
  REQUIRE(tn::test::wait_until([&] {
    return cli.output().find("TradingNode STARTING -> RUNNING") != std::string::npos;
  }));
  cli.signal(SIGINT);
  CHECK(cli.wait() == 0);
  CHECK(cli.output().find("TradingNode STOPPED -> DISPOSED") != std::string::npos);
}

TEST_CASE("cli: the main job trades EMA cross on the sandbox and closes on stop") {
  std::string config = TRADENODE_EXAMPLES_DIR "/sandbox.json";
  tn::test::child_process cli{{TRADENODE_CLI, "run", "--config", config},
                              "cli_test_sandbox.out"};
  REQUIRE(cli.started());
  // The seeded feed crosses the averages within a few hundred quotes.
  REQUIRE(tn::test::wait_until(
    [&] {
      return cli.output().find("Position BTCUSDT.SIM-EMACross-001 CLOSED")
             != std::string::npos;
    },
    std::chrono::seconds(60)));
  cli.signal(SIGINT);
  CHECK(cli.wait() == 0);
  auto out = cli.output();
  CHECK(out.find("[EMACross-001] O-") != std::string::npos);
  CHECK(out.find(" filled ") != std::string::npos);
  CHECK(out.find("Stop step await_inflight done") != std::string::npos);
  CHECK(out.find("TradingNode STOPPED -> DISPOSED") != std::string::npos);
}
