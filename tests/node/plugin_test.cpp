// Plugins: the example plugin run by the stock CLI, and each way a plugin is
// refused, naming the file and the reason.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "child_process.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/plugin_loader.hpp"
#include "tradenode/node/version.hpp"

namespace tn = tradenode;
namespace fs = std::filesystem;

namespace {

std::string load_error(const std::string& path) {
  auto registry = tn::builtin_factories();
  auto loaded = tn::load_plugins({path}, registry);
  REQUIRE_FALSE(loaded);
  CHECK(registry.loaded_plugins().empty());
  return tn::context_of(loaded.error());
}

// A backtest of the example data with `strategy` and `plugins`.
std::string write_plugin_config(const std::string& name, const nlohmann::json& plugins,
                         const nlohmann::json& strategy) {
  const std::string examples = TRADENODE_EXAMPLES_DIR;
  nlohmann::json j = {
    {"trader_id", "TRADER-001"},
    {"plugins", plugins},
    {"report", {{"output_dir", fs::absolute("plugin_test_out").string()}}},
    {"data_clients",
     {{"REPLAY",
       {{"factory", "replay"},
        {"settings",
         {{"files", {examples + "/data/BTCUSDT-quotes.csv.gz"}},
          {"instruments_file", examples + "/instruments.json"}}}}}}},
    {"exec_clients",
     {{"SIM",
       {{"factory", "sandbox"},
        {"settings", {{"balances", {"1000000 USDT", "10 BTC"}}}}}}}},
    {"strategies", {strategy}}};
  auto path = "plugin_test_" + name + ".json";
  std::ofstream{path} << j.dump(2);
  return path;
}

const nlohmann::json reversion = {{"type", "bollinger_reversion"},
                                  {"id", "Reversion-001"},
                                  {"settings",
                                   {{"instrument_id", "BTCUSDT.SIM"},
                                    {"trade_size", "0.010"},
                                    {"period", 20},
                                    {"rsi_period", 14}}}};

} // namespace

#ifdef TEST_EXAMPLE_PLUGIN
TEST_CASE("the stock CLI backtests a strategy from the example plugin") {
  auto config = write_plugin_config("example", {TEST_EXAMPLE_PLUGIN}, reversion);
  tn::test::child_process cli{{TRADENODE_CLI, "backtest", "--config", config},
                              "plugin_test_example.out"};
  REQUIRE(cli.started());
  auto code = cli.wait();
  auto output = cli.output();
  CAPTURE(output);
  CHECK_EQ(code, 0);
  CHECK_NE(output.find("plugin example_strategies (" TEST_EXAMPLE_PLUGIN ") loaded"),
           std::string::npos);
  CHECK_NE(output.find("strategy Reversion-001"), std::string::npos);
  std::ifstream in{"plugin_test_out/latest/report.json"};
  auto report = nlohmann::json::parse(in);
  // The plugin's strategy traded: its orders filled on the sandbox.
  CHECK_GT(report["summary"]["fills"].get<int>(), 0);
  CHECK_EQ(report["orders"][0]["strategy_id"], "Reversion-001");
  // Its settings are checked as a built-in strategy's are.
  auto bad = reversion;
  bad["settings"]["period"] = 1;
  auto bad_config = write_plugin_config("bad_settings", {TEST_EXAMPLE_PLUGIN}, bad);
  tn::test::child_process validate{{TRADENODE_CLI, "validate", "--config", bad_config},
                                   "plugin_test_bad_settings.out"};
  REQUIRE(validate.started());
  CHECK_EQ(validate.wait(), 2);
  CHECK_NE(validate.output().find("strategies[0].settings.period: must be 2..10000"),
           std::string::npos);
}
#endif

TEST_CASE("a plugin that cannot be loaded is refused, naming the file and the reason") {
  CHECK_EQ(load_error("/nonexistent/libnothing.so"),
           "plugin \"/nonexistent/libnothing.so\": cannot load: /nonexistent/libnothing.so: "
           "cannot open shared object file: No such file or directory");
  std::ofstream{"plugin_test_text.so"} << "not a shared library\n";
  auto text = load_error(fs::absolute("plugin_test_text.so").string());
  CHECK_NE(text.find("plugin_test_text.so\": cannot load: "), std::string::npos);
  CHECK_NE(text.find("plugin_test_text.so: "), std::string::npos);
  CHECK_EQ(load_error(TEST_NOT_A_PLUGIN),
           "plugin \"" TEST_NOT_A_PLUGIN "\": no tradenode_plugin_entry: not a tradenode "
           "plugin (declare one with TRADENODE_PLUGIN from tradenode/node/plugin.hpp)");
}

TEST_CASE("a plugin built against another tradenode version is refused") {
  CHECK_EQ(load_error(TEST_OLD_PLUGIN),
           "plugin \"" TEST_OLD_PLUGIN "\": built against tradenode 0.0.9, this node is "
           "tradenode " TRADENODE_VERSION ": rebuild the plugin against this version");
  // Through the CLI: exit 2 and the same words, before anything starts.
  auto config = write_plugin_config("old", {TEST_OLD_PLUGIN}, reversion);
  tn::test::child_process cli{{TRADENODE_CLI, "run", "--config", config},
                              "plugin_test_old.out"};
  REQUIRE(cli.started());
  CHECK_EQ(cli.wait(), 2);
  CHECK_NE(cli.output().find("built against tradenode 0.0.9"), std::string::npos);
}

TEST_CASE("a config naming a plugin its registry has not loaded fails the check") {
  auto path = write_plugin_config("unloaded", {"lib/libmine.so"}, reversion);
  auto cfg = tn::load_node_config(fs::absolute(path).string());
  REQUIRE(cfg);
  // Relative to the config's folder.
  CHECK_EQ(cfg->plugins.at(0), (fs::current_path() / "lib/libmine.so").string());
  auto checked = tn::check_config(*cfg, tn::builtin_factories());
  REQUIRE_FALSE(checked);
  CHECK_NE(tn::context_of(checked.error()).find("plugins[0]: \"" + cfg->plugins[0]
                                                 + "\" is not loaded"),
           std::string::npos);
}
