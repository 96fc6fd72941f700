#pragma once

#include "tradenode/messages/fixed_point.hpp"

namespace tradenode {

struct price_tag {
  static constexpr const char* name = "price";
  static constexpr bool allow_negative = true;
};

/// A price, exact to 9 decimals; may be negative (spreads, some futures).
using price = fixed_decimal<price_tag>;

} // namespace tradenode
