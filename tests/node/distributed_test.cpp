// Distributed nodes, each part in its own process on loopback: a node with its
// gateway, remote strategies (`tradenode attach`), monitors (`tradenode
// monitor`) and feeds (`tradenode feed`). Every wait is for an event in a
// process's output, with generous deadlines.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <map>
#include <set>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Writes the file whole, then renames it into place: CTest runs test cases as
// parallel processes that each write the shared token files at start, and a
// child process reading one must never find it truncated.
std::string write_file(const std::string& name, const std::string& text) {
  auto path = "distributed_test_" + name;
  auto partial = path + "." + std::to_string(::getpid());
  std::ofstream{partial} << text;
  std::filesystem::rename(partial, path);
  return path;
}

const std::string token_path = write_file("token", "let-me-in\n");
const std::string wrong_token_path = write_file("wrong_token", "guess\n");

json instrument_json() {
  return json{{"id", "BTCUSDT.SIM"},         {"raw_symbol", "BTCUSDT"},
              {"kind", "CURRENCY_PAIR"},     {"base_currency", "BTC"},
              {"quote_currency", "USDT"},    {"settlement_currency", "USDT"},
              {"price_precision", 2},        {"size_precision", 3},
              {"price_increment", "0.01"},   {"size_increment", "0.001"},
              {"maker_fee", "0.0002"},       {"taker_fee", "0.0004"}};
}

json synthetic_client() {
  return json{{"factory", "synthetic"},
              {"settings",
               {{"seed", 7},
                {"rate", 200},
                {"step_ticks", 3},
                {"start_prices", {{"BTCUSDT.SIM", "50000.00"}}},
                {"instruments", json::array({instrument_json()})}}}};
}

json sandbox_client() {
  return json{{"factory", "sandbox"},
              {"settings", {{"balances", {"1000000.00000000 USDT", "10.00000000 BTC"}}}}};
}

// A node config: synthetic quotes or `data_client`, the sandbox, no local
// strategy unless given, and the gateway on a free loopback port.
json node_config(const std::string& name, json remote, json data_client = synthetic_client(),
                 json strategies = json::array()) {
  return json{{"report", {{"status_interval", 1}, {"output_dir", "distributed_test_" + name}}},
              {"data_clients", {{"DATA", std::move(data_client)}}},
              {"exec_clients", {{"SIM", sandbox_client()}}},
              {"strategies", std::move(strategies)},
              {"remote", std::move(remote)}};
}

json gateway(const std::string& token_file = token_path) {
  return json{{"enabled", true}, {"port", 0}, {"token_file", token_file}};
}

json ema_cross_strategy() {
  return json{{"type", "ema_cross"},
              {"id", "EMACross-001"},
              {"settings",
               {{"instrument_id", "BTCUSDT.SIM"},
                {"trade_size", "0.100"},
                {"fast_period", 3},
                {"slow_period", 6}}},
              {"close_positions_on_stop", true}};
}

// A market maker whose post-only limits rest far from the market.
json resting_market_maker() {
  return json{{"type", "market_maker"},
              {"id", "MarketMaker-001"},
              {"settings",
               {{"instrument_id", "BTCUSDT.SIM"},
                {"trade_size", "0.010"},
                {"offset_ticks", 2000},
                {"requote_ticks", 10000}}}};
}

std::string write_json(const std::string& name, const json& j) {
  return write_file(name, j.dump(2));
}

// A tradenode process and what it printed.
struct cli_process {
  tn::test::child_process process;

  cli_process(std::vector<std::string> args, const std::string& name)
    : process(with_cli(std::move(args)), "distributed_test_" + name + ".out") {
    REQUIRE(process.started());
  }

  static std::vector<std::string> with_cli(std::vector<std::string> args) {
    args.insert(args.begin(), TRADENODE_CLI);
    return args;
  }

  bool printed(const std::string& text) const {
    return process.output().find(text) != std::string::npos;
  }

  // Waits until the output has `text`; shows the output on a failure.
  void expect(const std::string& text, std::chrono::milliseconds deadline = 60s) {
    bool seen = tn::test::wait_until([&] { return printed(text); }, deadline);
    INFO("waiting for \"" << text << "\" in:\n" << process.output());
    REQUIRE(seen);
  }

  // Waits for `pattern` and returns its first group.
  std::string capture(const std::string& pattern) {
    std::regex re{pattern};
    std::string group; // copied out: a match points into the text it searched
    bool seen = tn::test::wait_until(
      [&] {
        auto out = process.output();
        std::smatch match;
        if (!std::regex_search(out, match, re))
          return false;
        group = match[1].str();
        return true;
      },
      60s);
    INFO("waiting for /" << pattern << "/ in:\n" << process.output());
    REQUIRE(seen);
    return group;
  }

  size_t count(const std::string& text) const {
    auto out = process.output();
    size_t n = 0;
    for (auto pos = out.find(text); pos != std::string::npos; pos = out.find(text, pos + 1))
      ++n;
    return n;
  }
};

// `tradenode run` with `cfg`, and the address its gateway listens on.
struct node_process : cli_process {
  std::string address;

  node_process(const std::string& name, const json& cfg)
    : cli_process({"run", "--config", write_json(name + ".json", cfg)}, name + "_node") {
    address = "127.0.0.1:" + capture("Gateway listening on 127\\.0\\.0\\.1:([0-9]+)");
    expect("TradingNode STARTING -> RUNNING");
  }
};

std::string strategies_file(const std::string& name, json strategy,
                            const std::string& token_file = token_path) {
  return write_json(name + "_strategies.json",
                    json{{"token_file", token_file}, {"strategies", json::array({strategy})}});
}

std::string peer_file(const std::string& name, const std::string& token_file = token_path) {
  return write_json(name + "_peer.json", json{{"token_file", token_file}});
}

json read_json(const std::string& path) {
  std::ifstream in{path};
  REQUIRE(in);
  return json::parse(in);
}

} // namespace

TEST_CASE("a remote strategy trades through the node and a monitor sees every order event") {
  node_process node{"trade", node_config("trade", gateway())};
  cli_process monitor{{"monitor", "--connect", node.address, "--config", peer_file("trade"),
                       "--jsonl", "distributed_test_trade.jsonl"},
                      "trade_monitor"};
  monitor.expect("following orders,positions,state");
  node.expect("Gateway: a monitor attached");
  cli_process strategy{{"attach", "--connect", node.address, "--config",
                        strategies_file("trade", ema_cross_strategy())},
                       "trade_strategy"};
  strategy.expect("Strategy EMACross-001 attached to the node at " + node.address);
  node.expect("Remote strategy EMACross-001 attached and RUNNING");
  // Its orders pass the node's engines and the sandbox; the fills come back.
  REQUIRE(tn::test::wait_until([&] { return strategy.count(" filled ") >= 3; }, 60s));
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
  // The node stopped the strategy (it closed its position), then ended the session.
  strategy.expect("EMA cross stopping after");
  CHECK(strategy.process.wait() == 0);
  CHECK(strategy.printed("the node at " + node.address + " ended the session"));
  CHECK(monitor.process.wait() == 0);
  CHECK(monitor.printed("the node ended the session"));
  // The monitor's stream against the node's own report: every order, every fill.
  auto report = read_json("distributed_test_trade/latest/report.json");
  std::set<std::string> orders;
  size_t fills = 0;
  std::vector<std::string> states;
  std::ifstream lines{"distributed_test_trade.jsonl"};
  for (std::string line; std::getline(lines, line);) {
    auto j = json::parse(line);
    if (j["topic"] == "state")
      states.push_back(j["data"]);
    if (j["topic"] != "orders")
      continue;
    CHECK(j["data"]["strategy_id"] == "EMACross-001");
    if (j["data"]["type"] == "order_initialized")
      orders.insert(j["data"]["client_order_id"].get<std::string>());
    if (j["data"]["type"] == "order_filled")
      ++fills;
  }
  CHECK(orders.size() > 0);
  CHECK(orders.size() == report["orders"].size());
  CHECK(fills == report["fills"].size());
  // DISPOSED comes after the gateway is gone.
  CHECK(states == std::vector<std::string>{"RUNNING", "STOPPING", "STOPPED"});
}

TEST_CASE("a strategy process killed with SIGKILL: the node cancels its orders and trades on") {
  node_process node{"kill_strategy", node_config("kill_strategy", gateway())};
  cli_process strategy{{"attach", "--connect", node.address, "--config",
                        strategies_file("kill_strategy", resting_market_maker())},
                       "kill_strategy_strategy"};
  node.expect("Remote strategy MarketMaker-001 attached and RUNNING");
  // Two resting quotes, a bid and an ask.
  node.expect("2 orders (2 open)");
  strategy.process.signal(SIGKILL);
  node.expect("Remote strategy MarketMaker-001 lost");
  node.expect("Remote strategy MarketMaker-001: canceling its open orders on 1 instrument(s)");
  node.expect("2 orders (0 open)");
  node.expect("strategy MarketMaker-001 terminated abnormally");
  // The node is still running: it reports status and stops normally.
  auto statuses = node.count("Status:");
  REQUIRE(tn::test::wait_until([&] { return node.count("Status:") > statuses; }, 60s));
  CHECK_FALSE(node.printed("TradingNode RUNNING -> STOPPING"));
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
  node.expect("2 orders (0 open at the end)");
}

TEST_CASE("a strategy process that goes silent is lost after the connection timeout") {
  auto remote = gateway();
  remote["heartbeat_interval"] = 0.5;
  remote["connection_timeout"] = 2;
  node_process node{"silent", node_config("silent", remote)};
  cli_process strategy{{"attach", "--connect", node.address, "--config",
                        strategies_file("silent", resting_market_maker())},
                       "silent_strategy"};
  node.expect("2 orders (2 open)");
  // Stopped, not dead: the connection stays open, only the heartbeats end.
  strategy.process.signal(SIGSTOP);
  node.expect("Remote strategy MarketMaker-001 lost");
  node.expect("2 orders (0 open)");
  strategy.process.signal(SIGKILL);
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
}

TEST_CASE("a node killed with SIGKILL: the strategy process stops and says so") {
  node_process node{"kill_node", node_config("kill_node", gateway())};
  cli_process strategy{{"attach", "--connect", node.address, "--config",
                        strategies_file("kill_node", resting_market_maker())},
                       "kill_node_strategy"};
  strategy.expect("attached to the node at " + node.address);
  node.process.signal(SIGKILL);
  CHECK(strategy.process.wait() == 3);
  CHECK(strategy.printed("lost the node at " + node.address));
  CHECK(strategy.printed("the strategies stopped"));
}

TEST_CASE("a peer with a wrong token is refused and logged") {
  node_process node{"token", node_config("token", gateway())};
  cli_process strategy{{"attach", "--connect", node.address, "--config",
                        strategies_file("token", resting_market_maker(), wrong_token_path)},
                       "token_strategy"};
  CHECK(strategy.process.wait() == 2);
  CHECK(strategy.printed("wrong token"));
  node.expect("Gateway: refused a strategy from node");
  cli_process monitor{{"monitor", "--connect", node.address, "--config",
                       peer_file("token", wrong_token_path)},
                      "token_monitor"};
  CHECK(monitor.process.wait() == 2);
  CHECK(monitor.printed("wrong token"));
  node.expect("Gateway: refused a monitor from node");
  // The node trades on, untouched.
  CHECK_FALSE(node.printed("TradingNode RUNNING -> STOPPING"));
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
}

TEST_CASE("listening beyond loopback without TLS and a token is refused") {
  auto remote = json{{"enabled", true}, {"host", "0.0.0.0"}, {"port", 0}};
  auto path = write_json("open.json", node_config("open", remote));
  for (auto command : {"validate", "run"}) {
    CAPTURE(command);
    cli_process cli{{command, "--config", path}, std::string{"open_"} + command};
    CHECK(cli.process.wait() == 2);
    CHECK(cli.printed("remote.host: listening on \"0.0.0.0\" (beyond loopback) needs "
                      "remote.tls (certificate, key, ca_file: mutual TLS) and "
                      "remote.token_file"));
  }
  auto feed = write_json("open_feed.json", json{{"factory", "synthetic"},
                                                {"settings", synthetic_client()["settings"]}});
  cli_process cli{{"feed", "--port", "0", "--host", "0.0.0.0", "--config", feed}, "open_feed"};
  CHECK(cli.process.wait() == 2);
  CHECK(cli.printed("(beyond loopback) needs \"tls\""));
}

TEST_CASE("a remote replay feed drives a local strategy") {
  auto data = std::string{TRADENODE_EXAMPLES_DIR} + "/data/BTCUSDT-quotes.csv.gz";
  auto instruments = std::string{TRADENODE_EXAMPLES_DIR} + "/instruments.json";
  auto feed_cfg = write_json("replay_source.json",
                             json{{"factory", "replay"},
                                  {"token_file", token_path},
                                  {"settings",
                                   {{"files", {data}},
                                    {"speed", 0},
                                    {"instruments_file", instruments}}}});
  cli_process feed{{"feed", "--port", "0", "--config", feed_cfg}, "replay_feed"};
  auto port = feed.capture("feed replay listening on 127\\.0\\.0\\.1:([0-9]+)");
  auto client = json{{"factory", "remote_feed"},
                     {"settings", {{"connect", "127.0.0.1:" + port}, {"token_file", token_path}}}};
  node_process node{"replay", node_config("replay", gateway(), client,
                                          json::array({ema_cross_strategy()}))};
  node.expect("Attached to the feed at 127.0.0.1:" + port + ": 1 instrument(s)");
  feed.expect("replay finished: 1217 quotes");
  node.expect("EMACross-001] O-"); // the strategy traded on the replayed quotes
  // A whole status interval without events: the node has had every quote.
  auto quiet = node.count("Status: 0 events/s");
  REQUIRE(tn::test::wait_until([&] { return node.count("Status: 0 events/s") > quiet; }, 60s));
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
  // Every replayed quote reached the node's data engine.
  auto report = read_json("distributed_test_replay/latest/report.json");
  CHECK(report["summary"]["market_events"] == 1217);
  feed.process.signal(SIGTERM);
  CHECK(feed.process.wait() == 0);
}

TEST_CASE("a lost feed marks its instruments stale and the node reconnects with backoff") {
  auto feed_cfg = write_json("lost_feed_source.json", json{{"factory", "synthetic"},
                                                    {"token_file", token_path},
                                                    {"settings", synthetic_client()["settings"]}});
  auto port = std::string{};
  auto client = json{};
  std::unique_ptr<node_process> node;
  {
    cli_process feed{{"feed", "--port", "0", "--config", feed_cfg}, "lost_feed_1"};
    port = feed.capture("feed synthetic listening on 127\\.0\\.0\\.1:([0-9]+)");
    client = json{{"factory", "remote_feed"},
                  {"settings", {{"connect", "127.0.0.1:" + port}, {"token_file", token_path}}}};
    node = std::make_unique<node_process>(
      "lost_feed", node_config("lost_feed", gateway(), client, json::array({ema_cross_strategy()})));
    node->expect("EMACross-001] O-");
    feed.process.signal(SIGKILL);
    node->expect("Feed at 127.0.0.1:" + port + " lost");
    node->expect("its instrument(s) BTCUSDT.SIM are stale until it is back");
    node->expect("Reconnecting to the feed at 127.0.0.1:" + port + " in 1000 ms");
  }
  // The feed comes back on the same port; the node finds it and trades on.
  cli_process feed{{"feed", "--port", port, "--config", feed_cfg}, "lost_feed_2"};
  node->expect("Feed at 127.0.0.1:" + port + " is back: 1 instrument(s) fresh, 2 subscription(s) restored");
  feed.expect("Feed: a node attached");
  auto orders = node->count("EMACross-001] O-");
  REQUIRE(tn::test::wait_until([&] { return node->count("EMACross-001] O-") > orders; }, 60s));
  node->process.signal(SIGTERM);
  CHECK(node->process.wait() == 0);
  feed.process.signal(SIGTERM);
  CHECK(feed.process.wait() == 0);
}

namespace {

// Runs the openssl CLI; certificates for the TLS test, made in the test.
void openssl(const std::string& args) {
  auto command = "openssl " + args + " >distributed_test_openssl.out 2>&1";
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
}

// A CA and a certificate it signed for `name`; returns the tls settings.
json make_certificates(const std::string& ca, const std::vector<std::string>& names,
                       std::map<std::string, json>& out) {
  auto prefix = "distributed_test_" + ca;
  openssl("req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=" + ca + " -keyout " + prefix
          + "_ca.key -out " + prefix + "_ca.pem");
  for (auto& name : names) {
    auto base = prefix + "_" + name;
    openssl("req -newkey rsa:2048 -nodes -subj /CN=" + name + " -keyout " + base
            + ".key -out " + base + ".csr");
    openssl("x509 -req -days 2 -in " + base + ".csr -CA " + prefix + "_ca.pem -CAkey " + prefix
            + "_ca.key -CAcreateserial -out " + base + ".pem");
    out[name] = json{{"certificate", base + ".pem"}, {"key", base + ".key"},
                     {"ca_file", prefix + "_ca.pem"}};
  }
  return out[names.front()];
}

} // namespace

TEST_CASE("mutual TLS: only peers with a certificate of the node's CA get through") {
  std::map<std::string, json> tls;
  make_certificates("ca", {"node", "peer"}, tls);
  make_certificates("rogue_ca", {"rogue"}, tls);
  auto remote = gateway();
  remote["tls"] = tls["node"];
  node_process node{"tls", node_config("tls", remote)};
  node.expect("(mutual TLS)");
  auto peer = [&](const std::string& name, const json& settings) {
    auto j = json{{"token_file", token_path}};
    if (!settings.is_null())
      j["tls"] = settings;
    return write_json("tls_" + name + "_peer.json", j);
  };
  cli_process trusted{{"monitor", "--connect", node.address, "--config", peer("trusted", tls["peer"]),
                       "--topics", "state"},
                      "tls_trusted"};
  trusted.expect("{\"data\":\"RUNNING\",\"topic\":\"state\"}");
  trusted.process.signal(SIGTERM);
  CHECK(trusted.process.wait() == 0);
  // Without TLS, or with a certificate of another CA, the handshake fails.
  cli_process plain{{"monitor", "--connect", node.address, "--config", peer("plain", json{})},
                    "tls_plain"};
  CHECK(plain.process.wait() == 3);
  CHECK(plain.printed("cannot reach the node at " + node.address));
  cli_process rogue{{"monitor", "--connect", node.address, "--config", peer("rogue", tls["rogue"])},
                    "tls_rogue"};
  CHECK(rogue.process.wait() == 3);
  CHECK(rogue.printed("cannot reach the node at " + node.address));
  CHECK(node.count("Gateway: a monitor attached") == 1); // the trusted one only
  node.process.signal(SIGTERM);
  CHECK(node.process.wait() == 0);
}

TEST_CASE("tradenode kill: the node cancels its orders, flattens and stops") {
  // A market maker quoting at the touch, which leaves its orders and position
  // alone when stopped: only the emergency cleans up.
  auto maker = json{{"type", "market_maker"},
                    {"id", "MarketMaker-001"},
                    {"cancel_orders_on_stop", false},
                    {"close_positions_on_stop", false},
                    {"settings",
                     {{"instrument_id", "BTCUSDT.SIM"},
                      {"trade_size", "0.010"},
                      {"offset_ticks", 0}}}};
  node_process node{"kill", node_config("kill", gateway(), synthetic_client(),
                                        json::array({maker}))};
  node.expect("Position BTCUSDT.SIM-MarketMaker-001 OPENED");
  // A wrong token changes nothing.
  cli_process refused{{"kill", "--connect", node.address, "--config",
                       peer_file("kill_wrong", wrong_token_path)},
                      "kill_refused"};
  CHECK(refused.process.wait() == 2);
  CHECK(refused.printed("unauthorized"));
  cli_process kill{{"kill", "--connect", node.address, "--config", peer_file("kill"),
                    "--flatten"},
                   "kill_cli"};
  CHECK(kill.process.wait() == 0);
  CHECK(kill.printed("the node at " + node.address
                     + " canceled its open orders, flattened its positions and stopped"));
  CHECK(node.process.wait() == 0);
  CHECK(node.printed("Gateway: emergency kill (flatten) from node"));
  CHECK(node.printed("Emergency: canceling"));
  CHECK(node.printed("Stop step kill_orders done"));
  auto report = read_json("distributed_test_kill/latest/report.json");
  for (auto& o : report["orders"])
    CHECK_MESSAGE(o["status"] != "ACCEPTED", o.dump());
  REQUIRE(report["positions"].size() > 0);
  CHECK(report["positions"].back()["side"] == "FLAT");
}
