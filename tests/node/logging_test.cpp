#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/logging.hpp"

namespace tn = tradenode;

TEST_CASE("JSON-lines logging writes one parseable object per record") {
  std::string path = "logging_test.jsonl";
  std::remove(path.c_str());
  tn::logging_config cfg;
  cfg.console = false;
  cfg.file = path;
  cfg.json = true;
  auto sinks = tn::make_log_sinks(cfg);
  REQUIRE(sinks);
  {
    auto log = tn::make_logger("DataEngine", *sinks, spdlog::level::debug);
    log->info("Client \"FEED\" connected");
    log->debug("second line");
    log->trace("below the level");
    log->flush();
  }
  std::ifstream in{path};
  std::string line;
  std::vector<nlohmann::json> records;
  while (std::getline(in, line))
    records.push_back(nlohmann::json::parse(line));
  REQUIRE(records.size() == 2);
  CHECK(records[0]["logger"] == "DataEngine");
  CHECK(records[0]["level"] == "info");
  CHECK(records[0]["msg"] == "Client \"FEED\" connected");
  CHECK(records[0]["time"].get<std::string>().back() == 'Z');
  CHECK(records[1]["level"] == "debug");
}

TEST_CASE("a log file that cannot be opened is a config error naming it") {
  tn::logging_config cfg;
  cfg.console = false;
  cfg.file = "/dev/null/node.log";
  auto sinks = tn::make_log_sinks(cfg);
  REQUIRE_FALSE(sinks);
  CHECK(sinks.error() == caf::make_error(tn::errc::invalid_config));
  CHECK(tn::context_of(sinks.error()).find("logging.file: cannot open \"/dev/null/node.log\"")
        == 0);
}
