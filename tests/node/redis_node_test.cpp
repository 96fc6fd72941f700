#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "child_process.hpp"
#include "journaled_orders.hpp"
#include "redis_server.hpp"
#include "tradenode/adapters/redis/redis_journal.hpp"

// The main job with its journal in Redis and its events streamed there
// (examples/sandbox_redis.json), against a redis-server of the test's own.

namespace tn = tradenode;
using json = nlohmann::json;

namespace {

// examples/sandbox_redis.json, pointed at `port`, written to `name`.json (one
// file per test case: CTest runs them in parallel).
std::string config_for(uint16_t port, const std::string& name) {
  std::ifstream in{TRADENODE_EXAMPLES_DIR "/sandbox_redis.json"};
  auto j = json::parse(in);
  j["persistence"]["database"]["port"] = port;
  j["streaming"]["database"]["port"] = port;
  j["report"].erase("output_dir");
  auto path = name + ".json";
  std::ofstream{path} << j.dump(2);
  return path;
}

// The value of `field` in each entry of stream `key`.
std::vector<std::string> field_of_entries(tn::redis_connection& conn, const std::string& key,
                                          const std::string& field) {
  std::vector<std::string> out;
  auto reply = conn.command({"XRANGE", key, "-", "+"});
  REQUIRE(reply);
  for (auto& entry : reply->elements) {
    auto& xs = entry.elements[1].elements;
    for (size_t i = 0; i + 1 < xs.size(); i += 2)
      if (xs[i].text == field)
        out.push_back(xs[i + 1].text);
  }
  return out;
}

} // namespace

TEST_CASE("cli: the main job journals to Redis and streams its orders and positions there") {
  tn::test::redis_server server{"redis_node_test_server"};
  REQUIRE_MESSAGE(server.running(), server.output());
  auto config = config_for(server.port(), "redis_node_test_main_job");
  tn::test::child_process first{{TRADENODE_CLI, "run", "--config", config, "--duration", "4"},
                                "redis_node_test_first.out"};
  REQUIRE(first.started());
  REQUIRE(first.wait(std::chrono::seconds{120}) == 0);
  auto out = first.output();
  INFO(out);
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex{"Run report: .* (\\d+) orders \\((\\d+) open at "
                                               "the end\\), (\\d+) fills, (\\d+) positions"}));
  auto orders = std::stoul(m[1].str());
  auto fills = std::stoul(m[3].str());
  CHECK(fills > 0);
  CHECK(out.find("Journal redis 127.0.0.1:" + std::to_string(server.port())
                 + " tradenode:TRADER-001:journal: 0 record(s) to recover")
        != std::string::npos);
  CHECK(out.find("0 not delivered, 0 dropped, 0 refused") != std::string::npos);
  // The streams: every event in order, as many orders and fills as the report.
  tn::redis_connection conn{server.config()};
  auto types = field_of_entries(conn, "tradenode:TRADER-001:orders", "type");
  auto seqs = field_of_entries(conn, "tradenode:TRADER-001:orders", "seq");
  for (size_t i = 0; i < seqs.size(); ++i)
    REQUIRE(seqs[i] == std::to_string(i + 1));
  CHECK(std::count(types.begin(), types.end(), "order_initialized") == orders);
  CHECK(std::count(types.begin(), types.end(), "order_filled") == fills);
  auto positions = field_of_entries(conn, "tradenode:TRADER-001:positions", "type");
  CHECK(std::count(positions.begin(), positions.end(), "position_opened") >= 1);
  // The journal: each order rebuilt through the state table, its fills as streamed.
  auto journaled = tn::test::read_journal_orders(
    tn::redis_journal_config(server.config(), "tradenode:TRADER-001:journal"));
  CHECK(journaled.orders.size() == orders);
  CHECK(journaled.fills_by_trade.size() == fills);
  for (auto& entry : journaled.fills_by_trade)
    CHECK_MESSAGE(entry.second == 1, entry.first);
  // A second run recovers the first one's orders from Redis.
  tn::test::child_process second{{TRADENODE_CLI, "run", "--config", config, "--duration", "1"},
                                 "redis_node_test_second.out"};
  REQUIRE(second.started());
  REQUIRE(second.wait(std::chrono::seconds{120}) == 0);
  CHECK(second.output().find("recovered " + std::to_string(orders) + " order(s)")
        != std::string::npos);
}

TEST_CASE("cli: a node whose journal's Redis is not there fails its run naming it") {
  auto port = tn::test::free_loopback_port();
  auto config = config_for(port, "redis_node_test_absent");
  tn::test::child_process node{{TRADENODE_CLI, "run", "--config", config, "--duration", "1"},
                               "redis_node_test_absent.out"};
  REQUIRE(node.started());
  auto code = node.wait(std::chrono::seconds{120});
  auto out = node.output();
  INFO(out);
  CHECK(code == 1);
  CHECK(out.find("cannot read: redis 127.0.0.1:" + std::to_string(port) + ": cannot connect")
        != std::string::npos);
}
