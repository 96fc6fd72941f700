#include "tradenode/actors/execution_journal.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

caf::error journal_error(const std::string& path, const std::string& what) {
  return caf::make_error(errc::journal_failed, "journal " + path + ": " + what);
}

std::string system_error_text() {
  return std::strerror(errno);
}

// Parses one line into `out`; returns why not, or an empty string.
std::string parse_line(const std::string& line, journal_record& out) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const std::exception&) {
    return "not JSON";
  }
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_unsigned()
      || !j.contains("kind") || !j["kind"].is_string() || !j.contains("data"))
    return "expected {\"seq\":N,\"kind\":K,\"data\":...}";
  out.seq = j["seq"].get<uint64_t>();
  out.kind = j["kind"].get<std::string>();
  out.data = std::move(j["data"]);
  return {};
}

} // namespace

const char* to_string(fsync_policy x) {
  switch (x) {
    case fsync_policy::every_event: return "every_event";
    case fsync_policy::batched: return "batched";
    default: return "off";
  }
}

caf::expected<fsync_policy> parse_fsync_policy(std::string_view text) {
  if (text == "every_event")
    return fsync_policy::every_event;
  if (text == "batched")
    return fsync_policy::batched;
  if (text == "off")
    return fsync_policy::off;
  return caf::make_error(errc::parse_failure, "unknown fsync policy \"" + std::string{text}
                                                + "\" (expected every_event, batched or off)");
}

caf::expected<journal_contents> read_journal(const std::string& path) {
  journal_contents result;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return result;
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return journal_error(path, "cannot open for reading");
  std::string line;
  size_t number = 0;
  uint64_t offset = 0;
  while (std::getline(in, line)) {
    ++number;
    if (in.eof()) {
      // No newline: the last write, which the process did not finish.
      result.torn_lines = 1;
      break;
    }
    journal_record record;
    if (auto why = parse_line(line, record); !why.empty())
      return journal_error(path, "line " + std::to_string(number) + ": " + why);
    if (!result.records.empty() && record.seq <= result.records.back().seq)
      return journal_error(path, "line " + std::to_string(number) + ": seq "
                                   + std::to_string(record.seq) + " does not follow "
                                   + std::to_string(result.records.back().seq));
    offset += line.size() + 1;
    result.records.push_back(std::move(record));
  }
  result.valid_bytes = offset;
  return result;
}

caf::expected<opened_journal> open_journal(const journal_config& cfg) {
  if (cfg.open_store)
    return cfg.open_store();
  auto contents = read_journal(cfg.path);
  if (!contents)
    return std::move(contents.error());
  auto last_seq = contents->records.empty() ? 0 : contents->records.back().seq;
  auto opened = execution_journal::open(cfg, contents->valid_bytes, last_seq);
  if (!opened)
    return std::move(opened.error());
  return opened_journal{std::make_unique<execution_journal>(std::move(*opened)),
                        std::move(*contents)};
}

caf::expected<execution_journal> execution_journal::open(const journal_config& cfg,
                                                         uint64_t valid_bytes,
                                                         uint64_t last_seq) {
  std::error_code ec;
  auto folder = std::filesystem::path{cfg.path}.parent_path();
  if (!folder.empty())
    std::filesystem::create_directories(folder, ec);
  if (ec)
    return journal_error(cfg.path, "cannot create its folder: " + ec.message());
  auto fd = ::open(cfg.path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return journal_error(cfg.path, "cannot open for writing: " + system_error_text());
  // Cut a torn last record, then append after the whole ones.
  if (::ftruncate(fd, static_cast<off_t>(valid_bytes)) != 0
      || ::lseek(fd, 0, SEEK_END) < 0) {
    auto why = system_error_text();
    ::close(fd);
    return journal_error(cfg.path, "cannot prepare for appending: " + why);
  }
  return execution_journal{cfg, fd, last_seq};
}

execution_journal::execution_journal(journal_config cfg, int fd, uint64_t last_seq)
  : cfg_(std::move(cfg)), fd_(fd), seq_(last_seq) {
}

execution_journal::execution_journal(execution_journal&& other) noexcept
  : cfg_(std::move(other.cfg_)),
    fd_(std::exchange(other.fd_, -1)),
    seq_(other.seq_),
    appended_(other.appended_),
    dirty_(other.dirty_) {
}

execution_journal& execution_journal::operator=(execution_journal&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0)
      ::close(fd_);
    cfg_ = std::move(other.cfg_);
    fd_ = std::exchange(other.fd_, -1);
    seq_ = other.seq_;
    appended_ = other.appended_;
    dirty_ = other.dirty_;
  }
  return *this;
}

execution_journal::~execution_journal() {
  if (fd_ < 0)
    return;
  if (dirty_ && cfg_.fsync != fsync_policy::off)
    ::fdatasync(fd_);
  ::close(fd_);
}

caf::error execution_journal::append(std::string_view kind, const nlohmann::json& data) {
  nlohmann::json line{{"seq", seq_ + 1}, {"kind", kind}, {"data", data}};
  auto text = line.dump() + '\n';
  // One write per record: a record is in the kernel, whole, or not at all
  // visible as whole (a torn one is cut off on the next start).
  size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return journal_error(cfg_.path, "cannot append: " + system_error_text());
    done += static_cast<size_t>(n);
  }
  ++seq_;
  ++appended_;
  dirty_ = true;
  if (cfg_.fsync == fsync_policy::every_event)
    return sync();
  return caf::error{};
}

caf::error execution_journal::sync() {
  if (!dirty_ || cfg_.fsync == fsync_policy::off)
    return caf::error{};
  if (::fdatasync(fd_) != 0)
    return journal_error(cfg_.path, "cannot sync to disk: " + system_error_text());
  dirty_ = false;
  return caf::error{};
}

} // namespace tradenode
