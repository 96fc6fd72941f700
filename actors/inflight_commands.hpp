#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tradenode/messages/events/order_event.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

/// The commands sent to venues that await their answers, per order. A submit,
/// each cancel and each modify wait for an answer of their own: the venue's
/// answer to one (an order_accepted for the submit) never settles another (a
/// cancel sent behind it), and a closed order has nothing left to answer.
class inflight_commands {
public:
  using time_point = unix_nanos;

  /// A command that awaits its answer.
  enum class command : uint8_t { submit, cancel, modify };

  /// One sent command.
  struct sent_command {
    command awaited;
    /// When it was sent, on the node's clock.
    time_point since;
  };

  /// The unanswered commands of one order.
  struct entry {
    /// The client the commands went to.
    client_id client;
    /// In the order sent; never empty.
    std::vector<sent_command> commands;
    /// Queries sent by the in-flight check since the last answer.
    uint32_t queries = 0;

    /// Returns when the oldest unanswered command was sent.
    time_point oldest() const {
      return commands.front().since;
    }
  };

  /// Notes that `what` for order `id` went to `client` at `now`.
  void sent(const client_order_id& id, command what, const client_id& client, time_point now);

  /// Takes the answer `ev` carries for its order (`ev` applied, the order now
  /// `closed` or not); returns whether it answered a command.
  bool answer(const order_event& ev, bool closed);

  /// Forgets every command of order `id`; returns whether there was one.
  bool forget(const client_order_id& id);

  /// Returns whether a `what` of order `id` awaits its answer.
  bool awaits(const client_order_id& id, command what) const;

  /// Returns the unanswered commands of `id`, or null.
  entry* find(const client_order_id& id);

  /// Returns every order with unanswered commands.
  std::map<client_order_id, entry>& entries() {
    return entries_;
  }

  /// Returns the number of orders with unanswered commands.
  size_t size() const {
    return entries_.size();
  }

  bool empty() const {
    return entries_.empty();
  }

  /// Names the unanswered commands, oldest order first, at most `max` of them
  /// ("cancel of O-1 at client SIM, submit of O-2 at client SIM and 3 more").
  std::string describe(size_t max = 5) const;

private:
  std::map<client_order_id, entry> entries_;
};

/// Returns "submit", "cancel" or "modify".
const char* to_string(inflight_commands::command x);

} // namespace tradenode
