#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/messages/errc.hpp"

namespace tn = tradenode;
using json = nlohmann::json;

namespace {

std::string fresh(const std::string& name) {
  auto path = "execution_journal_test/" + name + ".jsonl";
  std::filesystem::remove(path);
  return path;
}

std::string read_all(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

} // namespace

TEST_CASE("a journal reads back what was appended, in order, and numbers on") {
  for (auto policy : {tn::fsync_policy::every_event, tn::fsync_policy::batched,
                      tn::fsync_policy::off}) {
    CAPTURE(tn::to_string(policy));
    tn::journal_config cfg{fresh(std::string{"round_trip_"} + tn::to_string(policy)), policy};
    {
      auto empty = tn::read_journal(cfg.path); // a missing file is an empty journal
      REQUIRE(empty);
      CHECK(empty->records.empty());
      auto journal = tn::execution_journal::open(cfg, 0, 0);
      REQUIRE(journal);
      REQUIRE_FALSE(journal->append("order", json{{"n", 1}}));
      REQUIRE_FALSE(journal->append("position", json{{"n", 2}}));
      REQUIRE_FALSE(journal->sync());
      CHECK(journal->appended() == 2);
    }
    auto contents = tn::read_journal(cfg.path);
    REQUIRE(contents);
    REQUIRE(contents->records.size() == 2);
    CHECK(contents->records[1].seq == 2);
    CHECK(contents->records[1].kind == "position");
    CHECK(contents->records[1].data == json{{"n", 2}});
    CHECK(contents->torn_lines == 0);
    // Opened again, it appends after the last record.
    auto again = tn::execution_journal::open(cfg, contents->valid_bytes, 2);
    REQUIRE(again);
    REQUIRE_FALSE(again->append("order", json{{"n", 3}}));
    auto more = tn::read_journal(cfg.path);
    REQUIRE(more);
    REQUIRE(more->records.size() == 3);
    CHECK(more->records[2].seq == 3);
  }
}

TEST_CASE("a torn last record is cut off before the next append") {
  tn::journal_config cfg{fresh("torn")};
  {
    auto journal = tn::execution_journal::open(cfg, 0, 0);
    REQUIRE(journal);
    REQUIRE_FALSE(journal->append("order", json{{"n", 1}}));
  }
  std::ofstream{cfg.path, std::ios::app} << R"({"seq":2,"kind":"ord)"; // died mid-write
  auto contents = tn::read_journal(cfg.path);
  REQUIRE(contents);
  CHECK(contents->records.size() == 1);
  CHECK(contents->torn_lines == 1);
  auto journal = tn::execution_journal::open(cfg, contents->valid_bytes, 1);
  REQUIRE(journal);
  REQUIRE_FALSE(journal->append("order", json{{"n", 2}}));
  auto text = read_all(cfg.path);
  CHECK(text.find("\"ord\n") == std::string::npos);
  auto after = tn::read_journal(cfg.path);
  REQUIRE(after);
  CHECK(after->records.size() == 2);
  CHECK(after->torn_lines == 0);
}

TEST_CASE("a damaged journal is an error naming the file and the line") {
  struct bad_case {
    std::string text;
    std::string message;
  };
  std::vector<bad_case> cases{
    {"{not json\n{\"seq\":2,\"kind\":\"x\",\"data\":1}\n", "line 1: not JSON"},
    {"[1,2]\n", "line 1: expected {\"seq\":N,\"kind\":K,\"data\":...}"},
    {"{\"seq\":-1,\"kind\":\"x\",\"data\":1}\n", "line 1: expected {\"seq\":N,\"kind\":K,\"data\":...}"},
    {"{\"seq\":2,\"kind\":\"x\",\"data\":1}\n{\"seq\":2,\"kind\":\"x\",\"data\":1}\n",
     "line 2: seq 2 does not follow 2"},
    {std::string{"{\"seq\":1,\"kind\":\"\xff\xfe\",\"data\":1}\n"}, "line 1: not JSON"},
  };
  for (auto& c : cases) {
    CAPTURE(c.text);
    auto path = fresh("damaged");
    std::filesystem::create_directories("execution_journal_test");
    std::ofstream{path, std::ios::binary} << c.text;
    auto contents = tn::read_journal(path);
    REQUIRE_FALSE(contents);
    CHECK(contents.error() == caf::make_error(tn::errc::journal_failed));
    CHECK(tn::context_of(contents.error()) == "journal " + path + ": " + c.message);
  }
}

TEST_CASE("a journal that cannot be created is an error naming it") {
  std::filesystem::create_directories("execution_journal_test");
  std::ofstream{"execution_journal_test/a_file"} << "x";
  tn::journal_config cfg{"execution_journal_test/a_file/journal.jsonl"};
  auto journal = tn::execution_journal::open(cfg, 0, 0);
  REQUIRE_FALSE(journal);
  CHECK(tn::context_of(journal.error()).find("journal execution_journal_test/a_file/journal.jsonl: ")
        == 0);
}

TEST_CASE("fsync policies parse by name") {
  CHECK(*tn::parse_fsync_policy("every_event") == tn::fsync_policy::every_event);
  CHECK(*tn::parse_fsync_policy("batched") == tn::fsync_policy::batched);
  CHECK(*tn::parse_fsync_policy("off") == tn::fsync_policy::off);
  CHECK_FALSE(tn::parse_fsync_policy("always"));
}
