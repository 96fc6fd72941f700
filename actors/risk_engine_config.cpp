#include "tradenode/actors/risk_engine_config.hpp"

#include <charconv>
#include <cstdio>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

// Parses a whole unsigned number in `text`.
bool parse_number(std::string_view text, uint64_t& out) {
  auto end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc{} && ptr == end;
}

} // namespace

caf::expected<rate_limit> rate_limit::parse(std::string_view text) {
  auto fail = [&] {
    return caf::make_error(errc::invalid_config, "rate \"" + std::string{text}
                                                   + "\": expected LIMIT/HH:MM:SS with "
                                                     "LIMIT > 0 and a non-zero interval");
  };
  auto slash = text.find('/');
  if (slash == std::string_view::npos)
    return fail();
  uint64_t limit = 0;
  if (!parse_number(text.substr(0, slash), limit) || limit == 0 || limit > UINT32_MAX)
    return fail();
  auto clock = text.substr(slash + 1);
  if (clock.size() != 8 || clock[2] != ':' || clock[5] != ':')
    return fail();
  uint64_t h = 0, m = 0, s = 0;
  if (!parse_number(clock.substr(0, 2), h) || !parse_number(clock.substr(3, 2), m)
      || !parse_number(clock.substr(6, 2), s) || m > 59 || s > 59)
    return fail();
  auto seconds = h * 3600 + m * 60 + s;
  if (seconds == 0)
    return fail();
  return rate_limit{static_cast<uint32_t>(limit),
                    std::chrono::seconds{static_cast<int64_t>(seconds)}};
}

std::string to_string(const rate_limit& x) {
  auto total = std::chrono::duration_cast<std::chrono::seconds>(x.interval).count();
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                static_cast<long long>(total / 60 % 60), static_cast<long long>(total % 60));
  return std::to_string(x.limit) + "/" + buf;
}

} // namespace tradenode
