#pragma once

#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/unix_nanos.hpp"

// Short names several test files use. Defined once here, so that a unity
// build, which compiles many test files as one, sees one definition.
namespace tradenode::test {

inline constexpr unix_nanos second = 1'000'000'000;
inline constexpr auto buy = order_side::buy;
inline constexpr auto sell = order_side::sell;

} // namespace tradenode::test
