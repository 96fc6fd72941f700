#include "tradenode/adapters/replay/replay_file.hpp"

#include <stdexcept>

#include <zlib.h>

namespace tradenode::replay {

namespace {

gzFile as_gz(void* file) {
  return static_cast<gzFile>(file);
}

} // namespace

replay_file::replay_file(std::string path, instrument_lookup find)
  : path_(std::move(path)), find_(std::move(find)) {
  // zlib reads files without a gzip header as they are: one path for both.
  file_.reset(gzopen(path_.c_str(), "rb"));
  if (!file_)
    throw std::runtime_error("cannot open \"" + path_ + "\"");
  std::string header;
  if (!read_line(header))
    throw std::runtime_error(path_ + ": empty file, expected a header line");
  auto format = format_of_header(header);
  if (!format)
    throw std::runtime_error(path_ + ":1: unknown header \"" + header.substr(0, 120)
                             + "\"; expected one of the formats in the README");
  format_ = *format;
}

void replay_file::closer::operator()(void* gz_file) const {
  gzclose(as_gz(gz_file));
}

bool replay_file::read_line(std::string& line) {
  // Lines are cut at '\n' here, not by gzgets: a NUL byte inside a line
  // must stay in it (and make it a reported bad line), not end it.
  for (;;) {
    auto end = buffer_.find('\n', pos_);
    if (end != std::string::npos) {
      line.assign(buffer_, pos_, end - pos_);
      pos_ = end + 1;
      break;
    }
    if (at_end_) {
      if (pos_ >= buffer_.size())
        return false;
      line.assign(buffer_, pos_);
      pos_ = buffer_.size();
      break;
    }
    buffer_.erase(0, pos_);
    pos_ = 0;
    char chunk[65536];
    auto n = gzread(as_gz(file_.get()), chunk, sizeof(chunk));
    if (n <= 0)
      at_end_ = true;
    else
      buffer_.append(chunk, static_cast<size_t>(n));
  }
  ++line_number_;
  while (!line.empty() && line.back() == '\r')
    line.pop_back();
  return true;
}

void replay_file::skip(const std::string& what) {
  ++malformed_;
  if (problems_.size() < kept_problems)
    problems_.push_back(path_ + ":" + std::to_string(line_number_) + ": " + what);
}

bool replay_file::next(market_event& out) {
  std::string line;
  std::string problem;
  while (read_line(line)) {
    if (line.empty())
      continue;
    if (auto nul = line.find('\0'); nul != std::string::npos) {
      skip("a NUL byte at column " + std::to_string(nul + 1));
      continue;
    }
    if (!parse_line(format_, line, find_, out, problem)) {
      skip(problem);
      continue;
    }
    auto time = replay_time(out);
    if (time < last_time_) {
      skip("time " + std::to_string(time) + " ns is before the previous line's "
           + std::to_string(last_time_) + " ns");
      continue;
    }
    last_time_ = time;
    ++events_;
    return true;
  }
  int err = Z_OK;
  auto message = gzerror(as_gz(file_.get()), &err);
  if (err != Z_OK && err != Z_STREAM_END) {
    // A truncated or corrupt gzip stream ends the file: report it as one skip.
    skip(std::string{"read error: "} + message);
  }
  return false;
}

} // namespace tradenode::replay
