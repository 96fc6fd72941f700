#pragma once

#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include <caf/typed_response_promise.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/bar_aggregator.hpp"
#include "tradenode/actors/component.hpp"
#include "tradenode/actors/component_lifecycle.hpp"
#include "tradenode/actors/data_client.hpp"
#include "tradenode/actors/data_flow.hpp"
#include "tradenode/actors/market_data_sink.hpp"
#include "tradenode/actors/node_clock.hpp"

namespace tradenode {

/// Keeps the instruments and the latest market data, connects subscriptions
/// to the data clients, fans market data out to subscribers and builds bars
/// from ticks. Subscribing answers ok, or an error naming what is wrong
/// (unknown instrument, no client for it, missing bar type). `counts` answers
/// how many quotes, trades and bars it has received.
///
/// Flow control: a subscriber that reports what it consumed (`consumed_atom,
/// n`, the first time with n = 0 to join) gets at most `window` messages
/// ahead of it; beyond that its data is held back, conflated or queued with
/// backpressure on the data clients (data_engine_config). `flow_atom` answers
/// what the flow control did. The window counts ticks: a batch counts its
/// ticks, so batching changes the number of messages, not the window.
///
/// Batches: a feed may send several ticks in one message (`quote_batch`,
/// `trade_batch`); the engine fans each out as a batch to subscribers that
/// take batches (they said so with `batches_atom`; strategies do) and tick by
/// tick to the others. Held-back data of a subscriber that takes batches is
/// gathered into batches of at most max_held_batch ticks, so a subscriber
/// that fell behind catches up one batch per message. A single tick from a
/// feed goes out as a single message to a subscriber that keeps up.
///
/// `(end, client)` from a data client says its data ended (a replay);
/// `(wait_for, end, clients)` answers once all of those ended and nothing is
/// held back for a subscriber. `(put, actor, name)` names a subscriber in
/// the log ("strategy EMACross-001").
using data_engine_actor = component_actor::extend<
  caf::replies_to<caf::add_atom, client_id, data_client_actor>::with<caf::ok_atom>,
  caf::replies_to<caf::add_atom, client_id, std::vector<instrument>>::with<caf::ok_atom>,
  caf::replies_to<caf::get_atom, instruments_atom>::with<std::vector<instrument>>,
  caf::replies_to<caf::get_atom, counts_atom>::with<uint64_t>,
  caf::replies_to<subscribe_data, market_data_sink_actor>::with<caf::ok_atom>,
  caf::replies_to<unsubscribe_data, market_data_sink_actor>::with<caf::ok_atom>,
  caf::reacts_to<consumed_atom, uint64_t>, caf::reacts_to<batches_atom>,
  caf::replies_to<caf::get_atom, flow_atom>::with<data_flow_stats>,
  caf::reacts_to<end_atom, client_id>, caf::reacts_to<caf::put_atom, caf::actor, std::string>,
  caf::replies_to<caf::wait_for_atom, end_atom, std::vector<client_id>>::with<caf::ok_atom>,
  caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>, caf::reacts_to<bar>,
  caf::reacts_to<quote_batch>, caf::reacts_to<trade_batch>,
  caf::reacts_to<timer_atom, bar_type>>;

/// State of the data engine actor.
struct data_engine_state {
  using pointer = data_engine_actor::stateful_pointer<data_engine_state>;

  /// What a subscription is to: a data kind of an instrument, and for bars the
  /// bar type (default-constructed otherwise).
  using topic = std::tuple<data_kind, instrument_id, bar_type>;
  /// A topic to look up without copying its parts (per tick).
  using topic_view = std::tuple<data_kind, const instrument_id&, const bar_type&>;

  static inline const char* name = "data_engine";

  /// Adds instruments served by `client`; a bad instrument is refused, naming it.
  caf::result<caf::ok_atom> load(const client_id& client,
                                 const std::vector<instrument>& xs);

  caf::result<caf::ok_atom> subscribe(const subscribe_data& cmd,
                                      const market_data_sink_actor& sink);
  caf::result<caf::ok_atom> unsubscribe(const unsubscribe_data& cmd,
                                        const market_data_sink_actor& sink);
  /// Ends every subscription of a sink that terminated.
  void drop_sink(const caf::actor_addr& sink);

  void on_quote(const quote_tick& x);
  void on_trade(const trade_tick& x);
  /// Takes a feed's batch: each tick is kept, aggregated and fanned out in
  /// order (the batch is split where an instrument changes or a bar completes).
  template <class Batch>
  void on_batch(Batch& x);
  void publish(const bar& x);
  /// Sends `x` to every subscriber of `t`, holding it back for those with a full window.
  template <class Data>
  void fan_out(const topic_view& t, const Data& x);
  /// Sends the ticks of `x` (all of one instrument) to every subscriber of
  /// `t`: as one message to those that take batches, tick by tick to others.
  template <class Batch>
  void fan_out_batch(const topic_view& t, Batch&& x);
  template <class Data>
  void hold(subscriber_flow& flow, const Data& x);
  /// Counts what was held for `flow`; pauses the feeds if its queue is full.
  void count_held(const subscriber_flow& flow);
  void deliver(const market_data_sink_actor& sink, const caf::message& x);

  /// The sender takes batches from now on.
  void take_batches();

  /// The sender consumed `n` more messages: sends what was held for it, as
  /// far as its window allows; the first report puts it under flow control.
  void consumed(uint64_t n);
  /// Pauses the data clients while a queue (or this engine's own mailbox) is
  /// at the limit; resumes them once every one is at half of it.
  void apply_backpressure();
  /// Measures this engine's own backlog every so many messages: a feed
  /// faster than the engine itself is paused too.
  void count_input();
  /// Publishes the time bar of `bars` if the clock has passed its window's end.
  void close_due_bar(const bar_type& bars);
  /// Publishes the open time bars of the instruments client `id` provides.
  void flush_bars(const client_id& id);
  /// Feeds a tick to the bar aggregators of its instrument, publishing completed bars.
  /// Completed bars are published by the caller (after the tick that completed them).
  template <class Tick>
  void aggregate(const Tick& x);
  /// Publishes the bars completed by `aggregate`.
  void publish_completed();

  /// Counts one more reason to have `t` from its client; tells the client on
  /// the first.
  void acquire(const topic& t, const caf::optional<client_id>& client, const uuid4& command_id);
  /// Counts one reason less; tells the client on the last.
  void release(const topic& t, const uuid4& command_id);

  /// Returns the name the node gave `addr` ("strategy EMACross-001"), or
  /// "actor <id>" for an actor it did not name.
  std::string name_of(const caf::actor_addr& addr) const;

  /// Notes that client `id`'s data ended (a replay at the end of its files).
  void data_ended(const client_id& id);
  /// Answers once every client of `ids` ended and nothing is held back for
  /// a subscriber any more.
  caf::result<caf::ok_atom> wait_for_end(std::vector<client_id> ids);
  /// Answers the waits whose clients all ended, once nothing is held back.
  void settle_end_waits();

  pointer self = nullptr;
  /// The node's clock: time bars close on it.
  node_clock_ptr clock;
  component_lifecycle lifecycle;
  /// Quotes, trades and bars received (for status lines and reports).
  uint64_t received = 0;
  std::map<client_id, data_client_actor> clients;
  std::map<instrument_id, instrument> instruments;
  /// Which client serves each instrument.
  std::map<instrument_id, client_id> routes;
  std::map<instrument_id, quote_tick> last_quotes;
  std::map<instrument_id, trade_tick> last_trades;
  /// A subscriber of a topic; `flow` is set for flow-controlled ones.
  struct subscriber {
    market_data_sink_actor sink;
    subscriber_flow* flow = nullptr;
    bool batches = false;
  };
  /// Subscribers per topic, in subscription order.
  std::map<topic, std::vector<subscriber>, std::less<>> subscribers;
  data_engine_config config;
  /// Flow-controlled subscribers (std::map: the `flow` pointers stay valid).
  std::map<caf::actor_addr, std::pair<market_data_sink_actor, subscriber_flow>> flows;
  /// Subscribers that take batches.
  std::set<caf::actor_addr> batch_takers;
  /// Bars completed by the last aggregated tick, not yet published.
  std::vector<bar> completed_bars;
  data_flow_stats flow_stats;
  bool feeds_paused = false;
  /// Messages in this engine's mailbox when last measured, and messages since.
  uint64_t own_backlog = 0;
  uint64_t unmeasured_input = 0;
  /// Reasons to keep each client subscription (subscribed topics and the bar
  /// aggregators fed by it), and the client that serves it.
  std::map<topic, std::pair<size_t, client_id>> client_subscriptions;
  /// Bars built here from ticks, and which of them each instrument's ticks feed.
  std::map<bar_type, bar_aggregator> aggregators;
  std::map<instrument_id, std::vector<bar_type>> aggregated_bars;
  std::set<caf::actor_addr> monitored;
  /// The node's names of its components, for the log.
  std::map<caf::actor_addr, std::string> names;
  /// Clients whose data ended, and the requests waiting for some of them.
  std::set<client_id> ended;
  std::vector<std::pair<std::vector<client_id>, caf::typed_response_promise<caf::ok_atom>>>
    end_waits;
};

/// Spawns the data engine's behavior; `log` is its component logger.
data_engine_actor::behavior_type data_engine(data_engine_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, data_engine_config config);

} // namespace tradenode
