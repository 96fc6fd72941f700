#pragma once

#include <cstdint>

namespace tradenode {

/// A point in time as nanoseconds since the UNIX epoch (UTC), as NautilusTrader's
/// ts_event / ts_init. Zero means "not set" where a field is optional.
using unix_nanos = uint64_t;

} // namespace tradenode
