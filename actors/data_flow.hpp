#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>

#include <caf/message.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

/// What the data engine does with market data for a subscriber that has a
/// full window (more unacknowledged messages than `window`).
enum class slow_subscriber_policy {
  /// Hold all its data back, drop nothing, and pause the data clients while
  /// its queue is at `queue_limit` (they resume at half of it). Every
  /// subscriber then goes at the pace of the slowest. A client that cannot
  /// pause (a live or remote feed) keeps sending: its data waits in the queue.
  backpressure,
  /// Hold its data back; of its held quotes keep only the latest per
  /// instrument. Trades and bars are held in order, never dropped. The feeds
  /// and the other subscribers go on at full speed.
  conflate,
};

/// A flow-controlled subscriber reports what it consumed at least this often
/// (strategies do it every this many messages), so a window must be at least
/// this large for data to keep flowing.
constexpr uint64_t consumed_report_every = 256;

/// The data engine's settings (config section `data_engine`).
struct data_engine_config {
  /// `flow_window`: market data messages a subscriber that reports what it consumed
  /// (strategies do) may have unprocessed in its mailbox; 0 turns flow control
  /// off, otherwise at least consumed_report_every. Default 10000.
  uint64_t window = 10000;
  /// `slow_subscriber`: "backpressure" (default: nothing is ever dropped) or "conflate".
  slow_subscriber_policy slow_subscriber = slow_subscriber_policy::backpressure;
  /// `queue_limit`, backpressure: queued messages of one subscriber at which the data
  /// clients are paused. Default 100000.
  uint64_t queue_limit = 100000;
};

/// Held quotes and trades of a subscriber that takes batches go out in
/// batches of at most this many ticks.
constexpr uint64_t max_held_batch = 256;

/// One flow-controlled subscriber as the data engine sees it: how many ticks
/// (quotes, trades, bars; a batch counts its ticks) it has not acknowledged
/// yet, and what is held back for it.
class subscriber_flow {
public:
  /// `conflate`: of the held quotes keep only the latest per instrument.
  explicit subscriber_flow(bool conflate = false) : conflate_(conflate) {
  }

  /// Whether `ticks` more ticks may go out now (window open and nothing
  /// queued, so that the order of the data is kept); counts them as sent if so.
  bool admit(uint64_t window, uint64_t ticks = 1) {
    if (in_flight_ >= window || !queue_.empty())
      return false;
    in_flight_ += ticks;
    return true;
  }

  /// From now on held quotes and trades are gathered into batches
  /// (quote_batch, trade_batch) of at most max_held_batch ticks: the
  /// subscriber then catches up with one message per batch instead of one
  /// per tick. Not with conflate, which keeps quotes apart to replace them.
  void take_batches() {
    batches_ = !conflate_;
  }

  /// Holds `x` back. With conflate, a quote replaces the held quote of its
  /// instrument if nothing of that instrument was held after it (so each
  /// instrument's data stays in order); returns true if it did.
  bool hold(const quote_tick& x);
  /// Holds back a trade.
  void hold(const trade_tick& x);
  /// Holds back a message of `ticks` ticks of instrument `id` (a bar, a batch).
  void hold(caf::message x, const instrument_id& id, uint64_t ticks = 1);

  /// `n` more ticks were consumed by the subscriber.
  void consumed(uint64_t n) {
    in_flight_ -= std::min(n, in_flight_);
  }

  /// Takes the next held message if the window has room; counts its ticks as sent.
  bool next(uint64_t window, caf::message& out);

  /// Ticks held back.
  uint64_t queued() const {
    return queued_ticks_;
  }
  uint64_t in_flight() const {
    return in_flight_;
  }

private:
  /// Appends `x` to the batch at the tail of the queue if there is one with room.
  template <class Batch, class Tick>
  bool append_to_tail_batch(const Tick& x);
  /// Queues `x` as a batch of one (to be appended to) or as a single tick.
  template <class Batch, class Tick>
  void push_tick(const Tick& x);
  void push(caf::message x, uint64_t ticks);

  struct held_message {
    caf::message content;
    uint64_t ticks;
  };

  bool conflate_;
  bool batches_ = false;
  uint64_t in_flight_ = 0;
  uint64_t queued_ticks_ = 0;
  std::deque<held_message> queue_;
  /// How many messages have left the queue: a held message's sequence number
  /// minus this is its index.
  uint64_t popped_ = 0;
  /// With conflate: sequence numbers of the last held message and of the last
  /// held quote of each instrument.
  std::map<instrument_id, std::pair<uint64_t, uint64_t>> held_;
};

inline const char* to_string(slow_subscriber_policy x) {
  return x == slow_subscriber_policy::conflate ? "conflate" : "backpressure";
}

/// Reads "conflate" or "backpressure".
caf::expected<slow_subscriber_policy>
parse_slow_subscriber_policy(const std::string& text);

} // namespace tradenode
