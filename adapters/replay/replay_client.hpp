#pragma once

#include <functional>
#include <queue>
#include <string>
#include <vector>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "tradenode/adapters/feed_pause.hpp"
#include "tradenode/actors/data_client.hpp"
#include "tradenode/adapters/replay/replay_file.hpp"
#include "tradenode/actors/client_factory.hpp"

namespace tradenode::replay {

/// The replay client's interface: a data client plus its pacing tick.
using replay_client_actor = data_client_actor::extend<caf::reacts_to<caf::tick_atom>>;

/// What the replay client plays, from its settings.
struct replay_settings {
  std::vector<instrument> instruments;
  /// CSV files, plain or gzip-compressed, each sorted by time.
  std::vector<std::string> files;
  /// 0: as fast as possible; 1: at the recorded pace; N: N times faster.
  double speed = 0;
  /// How long after the first subscription playback starts, so that the
  /// subscriptions strategies make as they start are all in place.
  caf::timespan start_delay = std::chrono::milliseconds{100};
  /// The node stops by itself once the data of every replay client with
  /// `stop_at_end` ended (and its strategies got all of it). Default true.
  bool stop_at_end = true;
};

/// Parses the client's `settings` strictly and opens each file once (its
/// header must name a known format); relative paths resolve against
/// `base_dir`. Errors name the key, one line per problem.
caf::expected<replay_settings> parse_replay_settings(const nlohmann::json& settings,
                                                     const std::string& base_dir = {});

/// Returns the time of the earliest event of the files (0 when they have
/// none): where the node's clock starts. Throws std::runtime_error like `open`.
unix_nanos first_event_time(const replay_settings& x);

/// State of the replay client: the open files, merged by time (`ts_init`)
/// into one stream that starts `start_delay` after the first subscription
/// and goes to the data engine, every event of every file.
struct replay_state {
  using pointer = replay_client_actor::stateful_pointer<replay_state>;

  static inline const char* name = "replay_client";

  explicit replay_state(pointer self_ptr) : self(self_ptr) {
  }

  /// Opens the files; throws std::runtime_error naming the file on failure.
  void open(replay_settings x);

  /// Starts the clock of the recording.
  void start_clock();

  /// Sends the events that are due, then schedules the next tick.
  void play();

  /// Reads file `i`'s next event into the merge, reporting skipped lines.
  void refill(size_t i);

  void finish();

  pointer self;
  /// The client's id, which the data engine learns the end of the data by.
  client_id id;
  replay_settings settings;
  data_engine_actor data_engine;
  /// The node's clock, which the replay drives when it follows the data.
  node_clock_ptr clock;
  std::shared_ptr<spdlog::logger> log;
  std::vector<replay_file> files;
  std::vector<market_event> heads;
  std::vector<size_t> reported_problems;
  /// (time, file index) of each file's next event, earliest on top.
  std::priority_queue<std::pair<unix_nanos, size_t>, std::vector<std::pair<unix_nanos, size_t>>,
                      std::greater<>>
    merge;
  /// A subscription came, playback starts or has started.
  bool started = false;
  bool playing = false;
  /// Disconnected or at the end: nothing more to play.
  bool stopped = false;
  caf::actor_clock::time_point wall_start;
  /// Paused by the data engine's backpressure; when, to shift the clock by the pause.
  feed_pause pause;
  caf::actor_clock::time_point paused_at;
  unix_nanos data_start = 0;
  uint64_t quotes = 0;
  uint64_t trades = 0;
};

/// Returns the factory of replay clients ("replay" in the CLI).
data_client_factory replay_client_factory();

} // namespace tradenode::replay
