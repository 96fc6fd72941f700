#pragma once

#include <cstdint>
#include <functional>
#include <random>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// Builds a strategy's orders with unique client order ids in NautilusTrader's
/// form `O-<YYYYMMDD>-<HHMMSS>-<trader tag>-<strategy tag>-<n>`, e.g.
/// "O-20261124-093000-001-001-1". The clock is injected so that tests (and
/// replays) get reproducible ids.
class order_factory {
public:
  using clock_fn = std::function<unix_nanos()>;

  /// `ids` makes the event ids (seeded from the system's entropy by default).
  order_factory(trader_id trader, strategy_id strategy, clock_fn clock,
                std::mt19937_64 ids = std::mt19937_64{std::random_device{}()});

  order_initialized market(const instrument_id& instrument, order_side side,
                           quantity qty, time_in_force tif = time_in_force::gtc,
                           bool reduce_only = false);

  order_initialized limit(const instrument_id& instrument, order_side side, quantity qty,
                          price px, time_in_force tif = time_in_force::gtc,
                          unix_nanos expire_time = 0, bool post_only = false,
                          bool reduce_only = false);

  order_initialized stop_market(const instrument_id& instrument, order_side side,
                                quantity qty, price trigger,
                                time_in_force tif = time_in_force::gtc,
                                unix_nanos expire_time = 0, bool reduce_only = false);

  order_initialized stop_limit(const instrument_id& instrument, order_side side,
                               quantity qty, price px, price trigger,
                               time_in_force tif = time_in_force::gtc,
                               unix_nanos expire_time = 0, bool post_only = false,
                               bool reduce_only = false);

  /// Returns the next client order id (and counts it).
  client_order_id next_id();

  /// How many ids were generated; set it after a restart to continue the
  /// sequence instead of reusing ids.
  uint64_t count() const noexcept {
    return count_;
  }

  void set_count(uint64_t n) noexcept {
    count_ = n;
  }

  unix_nanos now() const {
    return clock_();
  }

private:
  order_initialized make(const instrument_id& instrument, order_side side, quantity qty,
                         order_type type, time_in_force tif);

  trader_id trader_;
  strategy_id strategy_;
  clock_fn clock_;
  std::string prefix_tags_;
  uint64_t count_ = 0;
  /// The "YYYYMMDD-HHMMSS" of the last id and its second: formatting the
  /// time once per second keeps gmtime and strftime off the order path.
  int64_t stamp_second_ = -1;
  std::string stamp_;
  std::mt19937_64 ids_;
};

} // namespace tradenode
