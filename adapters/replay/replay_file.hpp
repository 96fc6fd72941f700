#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tradenode/adapters/replay/replay_format.hpp"

namespace tradenode::replay {

/// Reads the events of one CSV file (plain or gzip-compressed) in file order.
/// The header line picks the format. A malformed line, or one whose time goes
/// back before the previous event's, is counted, described as
/// "file:line: what is wrong", and skipped.
class replay_file {
public:
  /// Opens `path`; throws std::runtime_error naming the file when it cannot
  /// be opened or its header is not one of the known formats.
  replay_file(std::string path, instrument_lookup find);

  /// Reads the next good event into `out`; false at the end of the file.
  bool next(market_event& out);

  replay_format format() const noexcept {
    return format_;
  }

  const std::string& path() const noexcept {
    return path_;
  }

  /// The number of events read so far.
  uint64_t events() const noexcept {
    return events_;
  }

  /// The number of lines skipped so far.
  uint64_t malformed() const noexcept {
    return malformed_;
  }

  /// Descriptions of the first skipped lines (at most `kept_problems`).
  const std::vector<std::string>& problems() const noexcept {
    return problems_;
  }

  static constexpr size_t kept_problems = 20;

private:
  bool read_line(std::string& line);
  void skip(const std::string& what);

  std::string path_;
  instrument_lookup find_;
  struct closer {
    void operator()(void* gz_file) const;
  };
  std::unique_ptr<void, closer> file_; // a gzFile, kept out of this header
  /// Read ahead of the lines handed out; `pos_` is where the next one starts.
  std::string buffer_;
  size_t pos_ = 0;
  bool at_end_ = false;
  replay_format format_ = replay_format::quotes;
  uint64_t line_number_ = 0;
  uint64_t events_ = 0;
  uint64_t malformed_ = 0;
  unix_nanos last_time_ = 0;
  std::vector<std::string> problems_;
};

} // namespace tradenode::replay
