#pragma once

#include <cstdint>
#include <string>

#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/adapters/redis/redis_connection.hpp"

namespace tradenode {

/// The execution journal in a Redis stream (`persistence.database`). Entry
/// `<seq>-0` holds the fields `kind` and `data` (the record's JSON): the
/// stream ID is the record's number (1, 2, ... without gaps), so Redis itself
/// refuses a record written twice, and `XRANGE key 5 9` reads records 5 to 9.
/// An append returns once the server has it: a node killed right after loses
/// nothing; how durable the server is, is its own `appendonly`/`appendfsync`
/// setting.
class redis_journal final : public journal_store {
public:
  /// Reads stream `key` (1000 entries per XRANGE) and opens it for appending
  /// after its last entry. An unreachable server, or an entry we did not
  /// write, is an error naming the address, the key and the entry.
  static caf::expected<opened_journal> open(const redis_config& cfg, std::string key);

  caf::error append(std::string_view kind, const nlohmann::json& data) override;

  /// Nothing to force: the server's persistence settings rule.
  caf::error sync() override {
    return caf::error{};
  }

private:
  redis_journal(redis_connection conn, std::string key, uint64_t last_seq);

  /// XADDs the record numbered after `seq_`.
  caf::expected<redis_reply> add(std::string_view kind, const std::string& data);

  redis_connection conn_;
  std::string key_;
  uint64_t seq_;
};

/// A journal config for stream `key` on the server `cfg` names.
journal_config redis_journal_config(const redis_config& cfg, const std::string& key);

/// Reads the journal in stream `key` over `conn`.
caf::expected<journal_contents> read_redis_journal(redis_connection& conn,
                                                   const std::string& key);

} // namespace tradenode
