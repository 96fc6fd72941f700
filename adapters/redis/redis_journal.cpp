#include "tradenode/adapters/redis/redis_journal.hpp"

#include <charconv>
#include <utility>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

constexpr size_t entries_per_read = 1000;

// "redis HOST:PORT KEY": how logs and errors name the journal.
std::string store_name(const redis_config& cfg, const std::string& key) {
  return "redis " + cfg.address() + " " + key;
}

caf::error entry_error(const redis_connection& conn, const std::string& key,
                       const std::string& id, const std::string& what) {
  return caf::make_error(errc::journal_failed, "journal " + store_name(conn.config(), key)
                                                 + ": entry " + id + ": " + what);
}

// Parses "<seq>-0"; 0 if it is not of that form.
uint64_t seq_of(const std::string& id) {
  uint64_t seq = 0;
  auto end = id.data() + id.size();
  auto [p, ec] = std::from_chars(id.data(), end, seq);
  if (ec != std::errc{} || std::string_view{p, static_cast<size_t>(end - p)} != "-0")
    return 0;
  return seq;
}

// Turns one XRANGE element ([id, [field, value, ...]]) into a record.
caf::expected<journal_record> parse_entry(const redis_connection& conn, const std::string& key,
                                          const redis_reply& entry) {
  using kind = redis_reply::kind;
  if (entry.type != kind::array || entry.elements.size() != 2
      || entry.elements[0].type != kind::string || entry.elements[1].type != kind::array)
    return entry_error(conn, key, "?", "not a stream entry");
  auto& id = entry.elements[0].text;
  journal_record record;
  record.seq = seq_of(id);
  if (record.seq == 0)
    return entry_error(conn, key, id, "its id is not <seq>-0 (not written by tradenode)");
  const std::string* data = nullptr;
  auto& fields = entry.elements[1].elements;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (fields[i].text == "kind")
      record.kind = fields[i + 1].text;
    else if (fields[i].text == "data")
      data = &fields[i + 1].text;
  }
  if (record.kind.empty() || data == nullptr)
    return entry_error(conn, key, id, "expected the fields kind and data");
  try {
    record.data = nlohmann::json::parse(*data);
  } catch (const std::exception&) {
    return entry_error(conn, key, id, "data is not JSON");
  }
  return record;
}

} // namespace

caf::expected<journal_contents> read_redis_journal(redis_connection& conn,
                                                   const std::string& key) {
  journal_contents result;
  std::string from = "-";
  for (;;) {
    auto reply = conn.command(
      {"XRANGE", key, from, "+", "COUNT", std::to_string(entries_per_read)});
    if (!reply)
      return caf::make_error(errc::journal_failed,
                             "journal " + key + ": cannot read: " + context_of(reply.error()));
    for (auto& entry : reply->elements) {
      auto record = parse_entry(conn, key, entry);
      if (!record)
        return std::move(record.error());
      // We number without gaps: a gap means entries were deleted or trimmed,
      // and the state they held is lost.
      auto expected = result.records.size() + 1;
      if (record->seq != expected)
        return entry_error(conn, key, entry.elements[0].text,
                           "expected record " + std::to_string(expected)
                             + " (records are numbered 1, 2, ... without gaps)");
      result.records.push_back(std::move(*record));
    }
    if (reply->elements.size() < entries_per_read)
      return result;
    from = "(" + reply->elements.back().elements[0].text; // after the last one read
  }
}

caf::expected<opened_journal> redis_journal::open(const redis_config& cfg, std::string key) {
  redis_connection conn{cfg};
  auto contents = read_redis_journal(conn, key);
  if (!contents)
    return std::move(contents.error());
  auto last_seq = contents->records.empty() ? 0 : contents->records.back().seq;
  return opened_journal{
    std::unique_ptr<journal_store>{new redis_journal{std::move(conn), std::move(key), last_seq}},
    std::move(*contents)};
}

journal_config redis_journal_config(const redis_config& cfg, const std::string& key) {
  journal_config result;
  result.open_store = [cfg, key] { return redis_journal::open(cfg, key); };
  result.store_name = store_name(cfg, key);
  return result;
}

redis_journal::redis_journal(redis_connection conn, std::string key, uint64_t last_seq)
  : conn_(std::move(conn)), key_(std::move(key)), seq_(last_seq) {
}

namespace {

// Whether Redis refused an XADD because the stream holds that ID already.
bool refused_as_present(const caf::expected<redis_reply>& reply) {
  return !reply && context_of(reply.error()).find("equal or smaller") != std::string::npos;
}

} // namespace

caf::expected<redis_reply> redis_journal::add(std::string_view kind, const std::string& data) {
  return conn_.command({"XADD", key_, std::to_string(seq_ + 1) + "-0", "kind",
                        std::string{kind}, "data", data});
}

caf::error redis_journal::append(std::string_view kind, const nlohmann::json& data) {
  auto text = data.dump();
  auto reply = add(kind, text);
  if (!reply && !conn_.connected()) {
    // The connection broke (the server restarted, a timeout): once more on a
    // new one. If the first try did land, Redis refuses the same ID again,
    // and that refusal means the record is there.
    reply = add(kind, text);
    if (refused_as_present(reply))
      reply = redis_reply{};
  } else if (refused_as_present(reply)) {
    // An earlier append whose answer was lost did land: number on after the
    // stream's last record.
    auto top = conn_.command({"XREVRANGE", key_, "+", "-", "COUNT", "1"});
    if (top && !top->elements.empty()) {
      seq_ = seq_of(top->elements[0].elements[0].text);
      reply = add(kind, text);
    }
  }
  if (!reply)
    return caf::make_error(errc::journal_failed,
                           "journal " + key_ + ": cannot append: " + context_of(reply.error()));
  ++seq_;
  return caf::error{};
}

} // namespace tradenode
