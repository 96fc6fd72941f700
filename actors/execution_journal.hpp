#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <caf/expected.hpp>
#include <caf/timestamp.hpp>
#include <nlohmann/json.hpp>

namespace tradenode {

/// When the journal's writes are forced to disk. Every record is written to
/// the kernel (one write(2) per record) before the strategy sees the event, so
/// a process killed with SIGKILL loses nothing under any policy; the policy is
/// about a machine that loses power.
enum class fsync_policy : uint8_t {
  /// fdatasync after every record: nothing lost, the slowest.
  every_event,
  /// fdatasync at most every `fsync_interval` (and at stop).
  batched,
  /// Never: the kernel writes back when it likes.
  off,
};

/// Returns "every_event", "batched" or "off".
const char* to_string(fsync_policy x);

/// Parses "every_event", "batched" or "off".
caf::expected<fsync_policy> parse_fsync_policy(std::string_view text);

/// One record as read back: its kind ("order", "position", "command",
/// "strategy_state") and its data.
struct journal_record {
  uint64_t seq = 0;
  std::string kind;
  nlohmann::json data;
};

/// What a journal holds.
struct journal_contents {
  std::vector<journal_record> records;
  /// Bytes of whole records; a torn last line (the process died in its
  /// write) lies beyond and is cut off when the journal is opened again.
  uint64_t valid_bytes = 0;
  /// 1 when the last line was torn.
  size_t torn_lines = 0;
};

/// Reads the journal at `path` (a missing file is an empty journal). Each line
/// is `{"seq":N,"kind":K,"data":{...}}`; a broken line before the last is an
/// error naming the file and the line, since skipping it would lose state.
caf::expected<journal_contents> read_journal(const std::string& path);

/// Where the execution engine appends its records. Not an actor: the engine
/// owns it and appends from its own thread, before it publishes what it
/// appends.
class journal_store {
public:
  virtual ~journal_store() = default;

  /// Appends one record, numbered after the last.
  virtual caf::error append(std::string_view kind, const nlohmann::json& data) = 0;

  /// Forces what was appended to disk, if the store does that and anything is
  /// pending.
  virtual caf::error sync() = 0;
};

/// A journal opened for appending, with what it held.
struct opened_journal {
  std::unique_ptr<journal_store> store;
  journal_contents contents;
};

/// Where and how the execution engine journals (config section `persistence`).
struct journal_config {
  /// The journal file; empty (and no `open_store`): no journal.
  std::string path;
  fsync_policy fsync = fsync_policy::batched;
  caf::timespan fsync_interval = std::chrono::milliseconds{100};
  /// Set: the journal is kept in a store other than a file, which this opens
  /// (e.g. a Redis stream: adapters/redis/redis_journal.hpp); `fsync` does
  /// not apply.
  std::function<caf::expected<opened_journal>()> open_store{};
  /// Where `open_store` keeps it ("redis HOST:PORT KEY"), for logs and errors.
  std::string store_name{};

  bool enabled() const {
    return open_store || !path.empty();
  }

  /// The file, or the store's name.
  std::string where() const {
    return open_store ? store_name : path;
  }
};

/// Reads the journal `cfg` names (the file, or its store) and opens it for
/// appending after its last record.
caf::expected<opened_journal> open_journal(const journal_config& cfg);

/// An append-only file of JSON lines.
class execution_journal final : public journal_store {
public:
  /// Opens `cfg.path` for appending (creating its folder), cutting it to
  /// `valid_bytes` first; numbering goes on after `last_seq`.
  static caf::expected<execution_journal> open(const journal_config& cfg, uint64_t valid_bytes,
                                               uint64_t last_seq);

  execution_journal(execution_journal&& other) noexcept;
  execution_journal& operator=(execution_journal&& other) noexcept;
  execution_journal(const execution_journal&) = delete;
  execution_journal& operator=(const execution_journal&) = delete;
  ~execution_journal() override;

  /// Appends one record; with `every_event`, also forces it to disk.
  caf::error append(std::string_view kind, const nlohmann::json& data) override;

  caf::error sync() override;

  uint64_t appended() const noexcept {
    return appended_;
  }

  const journal_config& config() const noexcept {
    return cfg_;
  }

private:
  execution_journal(journal_config cfg, int fd, uint64_t last_seq);

  journal_config cfg_;
  int fd_ = -1;
  uint64_t seq_ = 0;
  uint64_t appended_ = 0;
  bool dirty_ = false;
};

} // namespace tradenode
