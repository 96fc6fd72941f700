#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <caf/optional.hpp>

#include "tradenode/messages/type_ids.hpp"

namespace tradenode::sandbox {

/// Ids and clock shared by a venue's matching engines.
struct venue_context {
  tradenode::venue venue;
  tradenode::account_id account;
  uint64_t orders = 0;
  uint64_t trades = 0;
  std::mt19937_64 event_ids{std::random_device{}()};
  /// The venue's time (unix nanoseconds) for ts_event.
  unix_nanos now = 0;
};

/// An order the venue holds.
struct venue_order {
  /// The order as submitted, with quantity and prices as last modified.
  order_initialized spec;
  tradenode::venue_order_id venue_order_id;
  quantity filled;
  /// Sum of price * qty of the fills, for the average price (exact, raw units).
  detail::int128 filled_value = 0;
  order_status status = order_status::accepted;
  /// A stop order whose trigger was hit (it now works as market or limit).
  bool triggered = false;
  unix_nanos ts_accepted = 0;
  unix_nanos ts_last = 0;

  quantity leaves() const;
  bool is_open() const;
};

/// The book of one instrument at a simulated venue: it matches orders against
/// the top of book of the live quotes (no depth beyond the touch), as
/// NautilusTrader's sandbox does with L1 data.
///
/// - Market orders fill at the touch (buy at the ask, sell at the bid), as
///   much as the touch size allows; the rest keeps working on later quotes.
/// - A limit order that crosses on arrival takes at the touch (taker); one
///   that rests fills at its limit price when a later quote crosses it (maker).
/// - Stop-market and stop-limit orders trigger when the ask (buys) rises to,
///   or the bid (sells) falls to, the trigger price.
/// - IOC cancels what did not fill on arrival; FOK fills in full on arrival or
///   is canceled; GTD expires at expire_time, DAY at the next UTC midnight.
/// - A post-only order that would take is rejected.
/// - A trade through a resting limit's price fills it (maker), up to the
///   trade's size.
/// Each quote's touch size is shared by the orders it fills, oldest first.
class matching_engine {
public:
  matching_engine(tradenode::instrument instr, venue_context& ctx);

  const tradenode::instrument& traded() const noexcept {
    return instrument_;
  }

  /// The last quote, if any.
  const caf::optional<quote_tick>& top() const noexcept {
    return top_;
  }

  /// Accepts (or rejects) the order, then matches what it can now.
  std::vector<order_event> submit(const submit_order& cmd);
  std::vector<order_event> cancel(const cancel_order& cmd);
  std::vector<order_event> modify(const modify_order& cmd);

  /// Updates the top of book, expires, triggers and fills resting orders.
  std::vector<order_event> on_quote(const quote_tick& q);

  /// Fills resting limit orders the trade went through (a buy limit above the
  /// trade price, a sell limit below it) at their limit price, as maker,
  /// oldest first, up to the trade's size.
  std::vector<order_event> on_trade(const trade_tick& t);

  /// Every order this book has seen, by client order id.
  const std::map<client_order_id, venue_order>& orders() const noexcept {
    return orders_;
  }

private:
  template <class Event>
  Event event_for(const venue_order& o);

  // Fills `o` as far as the touch allows; `taker` picks the touch price,
  // otherwise the order's limit price.
  void match(venue_order& o, bool on_arrival, std::vector<order_event>& out);
  void fill(venue_order& o, quantity qty, price px, liquidity_side side,
            std::vector<order_event>& out);
  void close(venue_order& o, order_status status, std::vector<order_event>& out);
  bool crosses(const venue_order& o) const;
  bool is_marketable(const venue_order& o) const;
  caf::optional<std::string> invalid(const order_initialized& spec) const;

  tradenode::instrument instrument_;
  venue_context& ctx_;
  caf::optional<quote_tick> top_;
  /// Sizes still available at the touch for the current quote.
  int64_t bid_left_ = 0;
  int64_t ask_left_ = 0;
  std::map<client_order_id, venue_order> orders_;
  /// Open orders in arrival order (time priority).
  std::vector<client_order_id> queue_;
};

} // namespace tradenode::sandbox
