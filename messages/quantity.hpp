#pragma once

#include "tradenode/messages/fixed_point.hpp"

namespace tradenode {

struct quantity_tag {
  static constexpr const char* name = "quantity";
  static constexpr bool allow_negative = false;
};

/// A non-negative quantity (order size, fill size), exact to 9 decimals.
using quantity = fixed_decimal<quantity_tag>;

} // namespace tradenode
