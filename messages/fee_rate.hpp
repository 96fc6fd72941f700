#pragma once

#include "tradenode/messages/fixed_point.hpp"

namespace tradenode {

struct fee_rate_tag {
  static constexpr const char* name = "fee_rate";
  static constexpr bool allow_negative = true; // maker rebates are negative
};

/// A fee as a fraction of notional (0.0002 = 2 bps); negative for a rebate.
using fee_rate = fixed_decimal<fee_rate_tag>;

} // namespace tradenode
