#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "child_process.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/node_config.hpp"

// The user documentation cannot drift from the code: the configuration
// reference lists exactly the keys the parsers take, and every code snippet
// the docs quote is the compiled example it names.

namespace tn = tradenode;
using nlohmann::json;

namespace {

const std::string source_dir = TRADENODE_SOURCE_DIR;

// A file the test names must be there: read_file alone would return "".
std::string read_text(const std::string& path) {
  REQUIRE_MESSAGE(std::filesystem::is_regular_file(path), path);
  return tn::test::read_file(path);
}

// The keys in the first column of every table of docs/configuration.md.
std::set<std::string> documented_keys() {
  std::set<std::string> result;
  std::regex row{R"(^\| `([^`]+)` \|)"};
  std::istringstream in{read_text(source_dir + "/docs/configuration.md")};
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, row))
      result.insert(m[1].str());
  return result;
}

// The keys a parser takes, as its unknown-key error lists them.
std::vector<std::string> listed_keys(const std::string& message) {
  auto at = message.find("expected one of: ");
  REQUIRE_MESSAGE(at != std::string::npos, message);
  auto end = message.find(')', at);
  std::vector<std::string> keys;
  std::istringstream in{message.substr(at + 17, end - at - 17)};
  for (std::string key; std::getline(in, key, ',');)
    keys.push_back(key.substr(key.find_first_not_of(' ')));
  return keys;
}

std::string node_config_error(const json& j) {
  auto cfg = tn::parse_node_config(j);
  REQUIRE_FALSE(cfg);
  return tn::context_of(cfg.error());
}

// Whether `scope.key` is a row, or the parent of rows (`scope.key.x`, `scope.key[i].x`).
bool documents(const std::set<std::string>& rows, const std::string& scope,
               const std::string& key) {
  auto name = scope.empty() ? key : scope + "." + key;
  for (auto& row : rows)
    if (row == name || row.rfind(name + ".", 0) == 0 || row.rfind(name + "[", 0) == 0)
      return true;
  return false;
}

void check_scope(const std::set<std::string>& rows, const std::string& scope,
                 const std::vector<std::string>& keys, std::set<std::string>& covered) {
  CAPTURE(scope);
  for (auto& key : keys) {
    CHECK_MESSAGE(documents(rows, scope, key),
                  "docs/configuration.md lacks " << (scope.empty() ? "" : scope + ".") << key);
    covered.insert(scope.empty() ? key : scope + "." + key);
  }
}

} // namespace

TEST_CASE("the configuration reference lists exactly the keys the parsers take") {
  auto rows = documented_keys();
  REQUIRE_GT(rows.size(), 60u);
  std::set<std::string> covered;
  // The node's sections: an unknown key in each makes its parser list them.
  check_scope(rows, "", listed_keys(node_config_error({{"zzz", 1}})), covered);
  for (auto section : {"logging", "timeouts", "report", "data_engine", "risk_engine",
                       "exec_engine", "scheduler", "remote", "persistence"})
    check_scope(rows, section, listed_keys(node_config_error({{section, {{"zzz", 1}}}})),
                covered);
  check_scope(rows, "remote.tls",
              listed_keys(node_config_error(
                {{"remote", {{"tls", {{"certificate", "c"}, {"key", "k"}, {"ca_file", "a"},
                                      {"zzz", 1}}}}}})),
              covered);
  check_scope(rows, "report.statistics",
              listed_keys(node_config_error({{"report", {{"statistics", {{"zzz", 1}}}}}})),
              covered);
  check_scope(rows, "persistence.database",
              listed_keys(node_config_error(
                {{"persistence", {{"database", {{"type", "redis"}, {"zzz", 1}}}}}})),
              covered);
  // streaming.database is the same object as persistence.database.
  auto streaming = listed_keys(node_config_error(
    {{"streaming", {{"zzz", 1}, {"database", {{"type", "redis"}}}}}}));
  check_scope(rows, "streaming", streaming, covered);
  check_scope(rows, "data_clients.NAME",
              listed_keys(node_config_error({{"data_clients", {{"F", {{"zzz", 1}}}}}})),
              covered);
  check_scope(rows, "exec_clients.NAME",
              listed_keys(node_config_error({{"exec_clients", {{"F", {{"zzz", 1}}}}}})),
              covered);
  check_scope(rows, "strategies[i]",
              listed_keys(node_config_error({{"strategies", {{{"zzz", 1}}}}})), covered);
  // The built-in factories' settings, through their checks.
  auto factories = tn::builtin_factories();
  json settings = {{"zzz", 1}};
  for (auto name : factories.data_client_names()) {
    auto checked = factories.data_client(name)->check(
      tn::client_settings{tn::client_id::of("X"), settings, tn::venue::of("X"), {}});
    REQUIRE_FALSE(checked);
    check_scope(rows, name, listed_keys(tn::context_of(checked.error())), covered);
  }
  for (auto name : factories.exec_client_names()) {
    auto checked = factories.exec_client(name)->check(
      tn::client_settings{tn::client_id::of("X"), settings, tn::venue::of("X"), {}});
    REQUIRE_FALSE(checked);
    auto keys = listed_keys(tn::context_of(checked.error()));
    keys.push_back("connect"); // the sandbox's other form
    check_scope(rows, name, keys, covered);
  }
  for (auto name : factories.strategy_names()) {
    auto checked = factories.strategy(name)->check(
      tn::strategy_settings_view{tn::strategy_id::of("X-001"), settings, {}});
    REQUIRE_FALSE(checked);
    check_scope(rows, name, listed_keys(tn::context_of(checked.error())), covered);
  }
  // And no row the parsers do not take.
  for (auto& row : rows) {
    bool known = covered.count(row) > 0
                 || (row.rfind("streaming.database.", 0) == 0
                     && covered.count("persistence.database." + row.substr(19)) > 0);
    CHECK_MESSAGE(known, "docs/configuration.md lists " << row << ", which no parser takes");
  }
}

TEST_CASE("every snippet the docs quote from an example is that example's code") {
  std::string docs;
  for (auto& entry : std::filesystem::directory_iterator{source_dir + "/docs"})
    docs += read_text(entry.path().string());
  docs += read_text(source_dir + "/README.md");
  std::regex marker{R"(// --\(rst-([a-z-]+)-begin\)--\n([\s\S]*?)\n[ \t]*// --\(rst-\1-end\)--)"};
  size_t snippets = 0;
  for (auto& entry : std::filesystem::directory_iterator{source_dir + "/examples"}) {
    if (entry.path().extension() != ".cpp")
      continue;
    auto code = read_text(entry.path().string());
    for (std::sregex_iterator i{code.begin(), code.end(), marker}, end; i != end; ++i) {
      CAPTURE(entry.path().filename().string());
      CAPTURE((*i)[1].str());
      // The lines between the markers, without their common indentation.
      std::vector<std::string> lines;
      std::istringstream in{(*i)[2].str()};
      size_t indent = std::string::npos;
      for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(' ') != std::string::npos)
          indent = std::min(indent, line.find_first_not_of(' '));
        lines.push_back(line);
      }
      std::string snippet;
      for (auto& line : lines)
        snippet += (line.size() > indent ? line.substr(indent) : std::string{}) + "\n";
      CHECK_MESSAGE(docs.find("```cpp\n" + snippet + "```") != std::string::npos,
                    "the docs do not quote this snippet as it is:\n" << snippet);
      ++snippets;
    }
  }
  CHECK_GE(snippets, 4u);
}
