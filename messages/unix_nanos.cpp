#include "tradenode/messages/unix_nanos.hpp"

#include <cstdio>
#include <ctime>

namespace tradenode {

std::string to_iso8601(unix_nanos x) {
  auto secs = static_cast<std::time_t>(x / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%09uZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<unsigned>(x % 1'000'000'000));
  return buf;
}

} // namespace tradenode
