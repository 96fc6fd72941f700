#include <doctest/doctest.h>

#include <filesystem>

#include "tradenode/adapters/replay/replay_client.hpp"
#include "tradenode/adapters/replay/replay_file.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/config_check.hpp"
#include "tradenode/node/node_config.hpp"

// The corpus of broken inputs (tests/data/bad_input/): every file gives a
// clear error or a counted skip, never a crash or a hang. A new broken file
// without a row here fails the test, so the corpus and its expectations stay
// together.

namespace tn = tradenode;

namespace {

const std::string corpus = TRADENODE_TEST_DATA_DIR "/bad_input/";

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> names;
  for (auto& entry : std::filesystem::directory_iterator{corpus + folder})
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_CASE("every broken config in the corpus is an error naming what is wrong") {
  const std::map<std::string, std::string> expected{
    {"bad_fsync.json", "persistence.fsync: unknown fsync policy \"sometimes\""},
    {"bad_strategy_id.json", "strategies[0].id: "},
    {"bad_trader_id.json", "trader_id: "},
    {"deep_nesting.json", "timeouts: expected an object, got array"},
    {"duplicate_strategy.json", "strategies[1].id: "},
    {"empty.json", "invalid JSON"},
    {"huge_integer.json", "scheduler.threads: "},
    {"huge_number.json", "invalid JSON"},
    {"missing_factory.json", "exec_clients.SIM.factory: "},
    {"negative_timeout.json", "timeouts.shutdown: must be > 0"},
    {"non_utf8.json", "invalid JSON"},
    {"not_object.json", "config: expected an object, got array"},
    {"nul_byte.json", "invalid JSON"},
    {"section_not_object.json", "timeouts: expected an object"},
    {"truncated.json", "invalid JSON"},
    {"unknown_key.json", "trader: unknown key"},
    {"wrong_type.json", "data_clients.FEED.factory: "},
  };
  for (auto& name : files_in("configs")) {
    CAPTURE(name);
    auto path = corpus + "configs/" + name;
    auto cfg = tn::load_node_config(path);
    REQUIRE_FALSE(cfg);
    auto message = tn::context_of(cfg.error());
    auto i = expected.find(name);
    REQUIRE_MESSAGE(i != expected.end(), "no expectation for " << name << ": " << message);
    CHECK_MESSAGE(message.find(path + ": ") == 0, message);
    CHECK_MESSAGE(message.find(i->second) != std::string::npos, message);
  }
}

TEST_CASE("every broken data file in the corpus is an error or a counted skip") {
  struct outcome {
    size_t events;
    uint64_t skipped;
    std::string first_problem; // or the error, when the file is refused
  };
  const std::map<std::string, outcome> expected{
    {"bad_numbers.csv", {1, 3, ":3: column bid_price: "}},
    // Its NUL bytes no longer end a line early: five lines, five skips.
    {"binary_garbage.csv", {1, 5, ":2: "}},
    {"crlf.csv", {1, 0, ""}},
    {"empty.csv", {0, 0, "error"}},
    {"header_only.csv", {0, 0, ""}},
    {"huge_numbers.csv", {1, 2, ":3: column bid_price: "}},
    {"non_utf8.csv", {1, 1, ":3: "}},
    // A NUL byte makes its line a reported bad line; no line is lost or
    // glued to the next (the next one is line 4, and good).
    {"nul_in_line.csv", {2, 2, ":3: a NUL byte at column 43"}},
    {"truncated_line.csv", {1, 1, ":3: "}},
    {"unknown_header.csv", {0, 0, "error"}},
    {"unknown_instrument.csv", {1, 1, ":3: "}},
    {"unsorted.csv", {1, 1, ":3: time "}},
    {"wrong_columns.csv", {1, 2, ":3: expected 6 columns, got 3"}},
  };
  auto settings = tn::replay::parse_replay_settings(
    {{"instruments_file", TRADENODE_TEST_DATA_DIR "/replay/instruments.json"},
     {"files", {TRADENODE_TEST_DATA_DIR "/replay/quotes_ETHUSDT.csv"}}});
  REQUIRE(settings);
  auto& instruments = settings->instruments;
  for (auto& name : files_in("data")) {
    CAPTURE(name);
    auto path = corpus + "data/" + name;
    auto i = expected.find(name);
    size_t events = 0;
    uint64_t skipped = 0;
    std::string first;
    try {
      tn::replay::replay_file file{path, [&](std::string_view symbol) -> const tn::instrument* {
                                     for (auto& x : instruments)
                                       if (x.raw_symbol == symbol || x.id.value() == symbol)
                                         return &x;
                                     return nullptr;
                                   }};
      tn::replay::market_event x;
      while (file.next(x))
        ++events;
      skipped = file.malformed();
      if (!file.problems().empty())
        first = file.problems().front();
    } catch (const std::runtime_error& e) {
      first = std::string{"error "} + e.what();
      CHECK_MESSAGE(std::string{e.what()}.find(path) != std::string::npos, e.what());
    }
    REQUIRE_MESSAGE(i != expected.end(), "no expectation for " << name << ": " << events
                                           << " events, " << skipped << " skipped, " << first);
    CHECK_EQ(events, i->second.events);
    CHECK_EQ(skipped, i->second.skipped);
    if (i->second.first_problem.empty())
      CHECK(first.empty());
    else
      CHECK_MESSAGE(first.find(i->second.first_problem) != std::string::npos, first);
  }
}

TEST_CASE("every config that parses but cannot run is refused by the check, every problem "
          "named once") {
  // What `tradenode validate` and build check beyond the JSON: factories,
  // each client's and strategy's settings, the files they name (relative to
  // the config's folder), and the instruments the strategies trade.
  const std::map<std::string, std::string> expected{
    {"balance_too_precise.json",
     "exec_clients.SIM.settings.balances[1]: money \"100.001 USD\": 3 decimals, but USD has 2\n"
     "exec_clients.SIM.settings.balances[2]: unknown currency \"XYZ\": write {\"amount\": \"5\", "
     "\"currency\": {\"code\": \"XYZ\", \"precision\": N}}"},
    {"factory_typo.json",
     "data_clients.SYNTH.factory: no data client factory named \"synthetc\" (did you mean "
     "\"synthetic\"? expected one of: remote_feed, replay, synthetic)\n"
     "strategies[0].type: no strategy factory named \"ema-cross\" (did you mean \"ema_cross\"? "
     "expected one of: ema_cross, market_maker)"},
    {"many_problems.json",
     "data_clients.REPLAY.settings.sped: unknown key (did you mean \"speed\"? expected one of: "
     "files, instruments, instruments_file, speed, start_delay_ms, stop_at_end)\n"
     "data_clients.REPLAY.settings.files[0]: cannot open \"<dir>/missing.csv\"\n"
     "data_clients.SYNTH.settings.instruments_file: cannot open \"<dir>/missing.json\"\n"
     "exec_clients.SIM.settings.latency_ms: expected a number, got string\n"
     "strategies[0].settings.trade_sise: unknown key (did you mean \"trade_size\"? expected one "
     "of: instrument_id, max_position, offset_ticks, requote_ticks, trade_size)\n"
     "strategies[0].settings.trade_size: missing\n"
     "strategies[0].settings.offset_ticks: expected an integer, got string"},
    {"missing_instruments_file.json",
     "data_clients.SYNTH.settings.instruments_file: cannot open "
     "\"<dir>/no_such_instruments.json\""},
    {"missing_replay_file.json",
     "data_clients.REPLAY.settings.files[0]: cannot open \"<dir>/no_such_quotes.csv\""},
    {"strategy_typo.json",
     "strategies[0].settings.trade_sise: unknown key (did you mean \"trade_size\"? expected one "
     "of: instrument_id, max_position, offset_ticks, requote_ticks, trade_size)\n"
     "strategies[0].settings.trade_size: missing"},
    {"strategy_wrong_type.json",
     "strategies[0].settings.trade_size: expected a positive decimal string such as \"0.010\", "
     "got number"},
    {"unknown_instrument.json",
     "strategies[0].settings: instrument BTCUSDT-PERP.BINANCE is not provided by any data "
     "client (they provide: BTCUSDT.SIM, ETHUSDT.SIM)"},
  };
  auto dir = corpus + "checks";
  for (auto& name : files_in("checks")) {
    CAPTURE(name);
    auto cfg = tn::load_node_config(dir + "/" + name);
    REQUIRE_MESSAGE(cfg, tn::describe(cfg.error()));
    auto checked = tn::check_config(*cfg, tn::builtin_factories());
    REQUIRE_FALSE(checked);
    CHECK(checked.error() == caf::make_error(tn::errc::invalid_config));
    auto message = tn::context_of(checked.error());
    for (auto at = message.find(dir); at != std::string::npos; at = message.find(dir))
      message.replace(at, dir.size(), "<dir>");
    auto i = expected.find(name);
    REQUIRE_MESSAGE(i != expected.end(), "no expectation for " << name << ": " << message);
    CHECK_EQ(message, i->second);
  }
}
