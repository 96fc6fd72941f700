#pragma once

#include <cstddef>

#include "tradenode/messages/data/bar.hpp"
#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"

namespace tradenode::indicators {

/// Returns `period`; throws std::invalid_argument when it is 0 (every
/// indicator's period must be at least 1).
size_t checked_period(size_t period);

/// What an indicator of one price series takes from each kind of market data:
/// a quote's mid, a trade's price, a bar's close (as NautilusTrader's do).
double mid_of(const quote_tick& x);

/// The base of indicators of one price series: `Derived::update(double)`
/// gets the price; these feed it from market data.
template <class Derived>
class price_input {
public:
  void handle(const quote_tick& x) {
    static_cast<Derived*>(this)->update(mid_of(x));
  }

  void handle(const trade_tick& x) {
    static_cast<Derived*>(this)->update(x.price.as_double());
  }

  void handle(const bar& x) {
    static_cast<Derived*>(this)->update(x.close.as_double());
  }
};

} // namespace tradenode::indicators
