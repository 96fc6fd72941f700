#pragma once

#include <cstdint>
#include <string>

namespace tradenode {

/// A point in time as nanoseconds since the UNIX epoch (UTC), as NautilusTrader's
/// ts_event / ts_init. Zero means "not set" where a field is optional. A node
/// reads the time from its node_clock (actors/node_clock.hpp), never from the
/// system clock.
using unix_nanos = uint64_t;

/// Returns `x` as "2020-04-01T00:00:00.123456789Z".
std::string to_iso8601(unix_nanos x);

} // namespace tradenode
