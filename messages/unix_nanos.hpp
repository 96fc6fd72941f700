#pragma once

#include <chrono>
#include <cstdint>

namespace tradenode {

/// A point in time as nanoseconds since the UNIX epoch (UTC), as NautilusTrader's
/// ts_event / ts_init. Zero means "not set" where a field is optional.
using unix_nanos = uint64_t;

/// Returns the system clock's time now.
inline unix_nanos unix_nanos_now() {
  using namespace std::chrono;
  return static_cast<unix_nanos>(
    duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count());
}

} // namespace tradenode
