#pragma once

#include <map>
#include <random>
#include <set>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/adapters/feed_pause.hpp"
#include "tradenode/actors/data_client.hpp"
#include "tradenode/actors/client_factory.hpp"

namespace tradenode::synthetic {

/// The synthetic feed's interface: a data client plus its pacing tick.
using synthetic_feed_actor = data_client_actor::extend<caf::reacts_to<caf::tick_atom>>;

/// What the synthetic feed generates, from its settings.
struct synthetic_settings {
  std::vector<instrument> instruments;
  /// Starting mid price per instrument (default 1000 price increments).
  std::map<instrument_id, price> start_prices;
  uint64_t seed = 1;
  /// Quotes per second per subscribed instrument.
  double rate = 100;
  /// Largest random-walk step of the mid, in price increments.
  int64_t step_ticks = 2;
  /// Bid-ask spread in price increments.
  int64_t spread_ticks = 2;
  /// One trade every this many quotes (0: no trades).
  int trade_every = 5;
  /// Quotes per instrument after which the feed falls silent (0: no end).
  uint64_t count = 0;
};

/// Parses the feed's `settings` strictly; errors name the key
/// (`settings.instruments[0].price_increment: ...`).
caf::expected<synthetic_settings> parse_synthetic_settings(const nlohmann::json& settings,
                                                          const std::string& base_dir = {});

/// State of the synthetic feed: a seeded random walk of the mid per
/// instrument, quotes (and trades) sent to the data engine at the set rate
/// while anyone is subscribed. The same seed gives the same sequence of
/// prices and sizes.
struct synthetic_state {
  using pointer = synthetic_feed_actor::stateful_pointer<synthetic_state>;

  static inline const char* name = "synthetic_feed";

  explicit synthetic_state(pointer self_ptr) : self(self_ptr) {
  }

  void emit(const instrument& x);

  pointer self;
  synthetic_settings settings;
  data_engine_actor data_engine;
  /// The node's clock: the ticks' timestamps.
  node_clock_ptr clock;
  std::mt19937_64 rng;
  /// Mid price per instrument, in price increments.
  std::map<instrument_id, int64_t> mids;
  std::map<instrument_id, uint64_t> counts;
  std::set<instrument_id> streaming;
  bool ticking = false;
  /// Paused by the data engine's backpressure.
  feed_pause pause;
};

/// Returns the factory of synthetic feeds ("synthetic" in the CLI).
data_client_factory synthetic_feed_factory();

} // namespace tradenode::synthetic
