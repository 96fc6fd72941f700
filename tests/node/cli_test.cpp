#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <sstream>
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

TEST_CASE("cli: --help exits 0 with the usage, each subcommand with its own options") {
  auto result = run_cli({"--help"}, "help");
  CHECK(result.code == 0);
  CHECK(result.output.find("Usage: tradenode [OPTIONS] SUBCOMMAND") != std::string::npos);
  CHECK(result.output.find("4  the run ended, but a strategy failed to start")
        != std::string::npos);
  auto run = run_cli({"run", "--help"}, "run_help");
  CHECK(run.code == 0);
  CHECK(run.output.find("--duration") != std::string::npos);
  CHECK(run.output.find("--flatten") == std::string::npos);
  auto kill = run_cli({"kill", "--help"}, "kill_help");
  CHECK(kill.code == 0);
  CHECK(kill.output.find("--flatten") != std::string::npos);
  auto version = run_cli({"--version"}, "version");
  CHECK(version.code == 0);
  CHECK(version.output.find("tradenode 0.") != std::string::npos);
}

TEST_CASE("cli: bad usage exits 2 naming the problem") {
  auto unknown = run_cli({"vaildate"}, "unknown");
  CHECK(unknown.code == 2);
  CHECK(unknown.output.find("unknown command \"vaildate\" (did you mean \"validate\"? "
                            "expected one of: attach, backtest, feed, kill, monitor, run, validate, venue)")
        != std::string::npos);
  auto no_config = run_cli({"run"}, "no_config");
  CHECK(no_config.code == 2);
  CHECK(no_config.output.find("--config is required") != std::string::npos);
  auto bad_duration = run_cli({"run", "--config", "x.json", "--duration", "-1"}, "duration");
  CHECK(bad_duration.code == 2);
  CHECK(bad_duration.output.find("must be a positive number of seconds, got \"-1\"")
        != std::string::npos);
  CHECK(run_cli({}, "nothing").code == 2);
  auto kill = run_cli({"kill"}, "kill_no_connect");
  CHECK(kill.code == 2);
  CHECK(kill.output.find("--connect is required") != std::string::npos);
  auto flatten = run_cli({"run", "--config", "x.json", "--flatten"}, "flatten_on_run");
  CHECK(flatten.code == 2);
  CHECK(flatten.output.find("The following argument was not expected: --flatten")
        != std::string::npos);
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
  CHECK(result.output.find("tradenode: " + path + ": data_clients.FEED.settings.files[0]: "
                           "cannot open \"no_such_quotes.csv\"")
        != std::string::npos);
}

TEST_CASE("cli: validate names every problem once, each on its own line, no nesting") {
  auto path = std::string{TRADENODE_TEST_DATA_DIR "/bad_input/checks/many_problems.json"};
  auto result = run_cli({"validate", "--config", path}, "many_problems");
  CHECK(result.code == 2);
  size_t lines = 0;
  std::istringstream in{result.output};
  for (std::string line; std::getline(in, line);) {
    CHECK_MESSAGE(line.rfind("tradenode: " + path + ": ", 0) == 0, line);
    CHECK_MESSAGE(line.find("tradenode: tradenode") == std::string::npos, line);
    CHECK_MESSAGE(line.find("invalid_") == std::string::npos, line);
    ++lines;
  }
  CHECK_EQ(lines, 7u);
  // run refuses the same config with the same lines, before starting anything.
  auto run = run_cli({"run", "--config", path}, "many_problems_run");
  CHECK(run.code == 2);
  CHECK_EQ(run.output, result.output);
}

TEST_CASE("cli: a strategy on an instrument nobody provides is refused by validate") {
  auto path = write_config("no_instrument", R"({
    "logging": {"level": "info"},
    "data_clients": {"SYNTH": {"factory": "synthetic", "settings": {
      "instruments_file": ")" TRADENODE_EXAMPLES_DIR R"(/instruments.json", "count": 5}}},
    "strategies": [
      {"type": "ema_cross", "id": "EMACross-001",
       "settings": {"instrument_id": "BTCUSDT.SIM", "trade_size": "0.010"}},
      {"type": "ema_cross", "id": "EMACross-002",
       "settings": {"instrument_id": "BTCUSDT-PERP.BINANCE", "trade_size": "0.010"}}]})");
  auto validate = run_cli({"validate", "--config", path}, "no_instrument_validate");
  CHECK(validate.code == 2);
  CHECK(validate.output.find("strategies[1].settings: instrument BTCUSDT-PERP.BINANCE is not "
                             "provided by any data client (they provide: BTCUSDT.SIM)")
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

TEST_CASE("cli: a strategy whose start subscription is refused makes run exit 4") {
  // A factory without a settings check: only the start finds the problem.
  // The node runs the other strategy and stops at the end of its data.
  auto path = write_config("start_refused", R"({
    "logging": {"level": "info"},
    "data_clients": {"REPLAY": {"factory": "replay", "settings": {
      "instruments_file": ")" TRADENODE_TEST_DATA_DIR R"(/replay/instruments.json",
      "files": [")" TRADENODE_TEST_DATA_DIR R"(/replay/quotes_ETHUSDT.csv"]}}},
    "strategies": [
      {"type": "subscriber", "id": "Subscriber-001",
       "settings": {"instrument_id": "ETHUSDT.SIM"}},
      {"type": "subscriber", "id": "Subscriber-002",
       "settings": {"instrument_id": "BTCUSDT-PERP.BINANCE"}}]})");
  tn::test::child_process cli{{TRADENODE_TEST_CLI_PROCESS, "run", "--config", path},
                              "cli_test_start_refused.out"};
  REQUIRE(cli.started());
  CHECK(cli.wait() == 4);
  auto out = cli.output();
  CHECK(out.find("Start step start_strategies: strategy Subscriber-002: subscription to QUOTES "
                 "BTCUSDT-PERP.BINANCE: no data client provides the instrument (not started)")
        != std::string::npos);
  CHECK(out.find("The data of REPLAY ended: stopping") != std::string::npos);
  CHECK(out.find("TradingNode STOPPED -> DISPOSED") != std::string::npos);
}

TEST_CASE("cli: a burst of signals at any moment of run ends it with exit code 0") {
  // The CLI handles SIGINT and SIGTERM for its whole life: before the node is
  // built, between build and run, while running, and while it disposes (a
  // late signal once met the default action: exit 130 or 143).
  auto path = write_config("burst", R"({
    "logging": {"level": "info"},
    "data_clients": {"SYNTH": {"factory": "synthetic", "settings": {
      "instruments_file": ")" TRADENODE_EXAMPLES_DIR R"(/instruments.json", "rate": 100}}},
    "exec_clients": {"SIM": {"factory": "sandbox"}}})");
  // The line after which each burst goes out.
  const char* moments[] = {"Scheduler: ", "Building node", "CREATED -> BUILT",
                           "BUILT -> STARTING", "STARTING -> RUNNING", "RUNNING -> STOPPING"};
  for (int round = 0; round < 3; ++round) {
    for (auto* moment : moments) {
      CAPTURE(round);
      CAPTURE(moment);
      tn::test::child_process cli{{TRADENODE_CLI, "run", "--config", path},
                                  "cli_test_burst.out"};
      REQUIRE(cli.started());
      bool stopping = std::string{moment} == "RUNNING -> STOPPING";
      bool seen = tn::test::wait_until(
        [&] {
          return cli.output().find(stopping ? "STARTING -> RUNNING" : moment)
                 != std::string::npos;
        },
        std::chrono::seconds(60));
      if (stopping && seen) {
        // Stop it first; the burst then meets the stop and the disposal.
        cli.signal(SIGTERM);
        seen = tn::test::wait_until(
          [&] { return cli.output().find(moment) != std::string::npos; },
          std::chrono::seconds(60));
      }
      REQUIRE_MESSAGE(seen, cli.output());
      for (int i = 0; i < 5; ++i)
        cli.signal(i % 2 == 0 ? SIGINT : SIGTERM);
      auto code = cli.wait();
      CHECK_MESSAGE(code == 0, cli.output());
    }
  }
}

TEST_CASE("cli: every example node config validates, from another folder") {
  // Files a config names resolve against the config's folder: these ran only
  // from the checkout before (remote.token_file: cannot read "examples/remote.token").
  for (auto name : {"sandbox.json", "market_maker.json", "replay.json", "sandbox_redis.json",
                    "sandbox_remote.json", "remote_node.json", "remote_feed_node.json"}) {
    CAPTURE(name);
    auto result = run_cli({"validate", "--config", std::string{TRADENODE_EXAMPLES_DIR "/"} + name},
                          "examples");
    CHECK_MESSAGE(result.code == 0, result.output);
  }
}
