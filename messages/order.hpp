#pragma once

#include <vector>

#include <caf/error.hpp>
#include <caf/optional.hpp>

#include "tradenode/messages/events/order_event.hpp"

namespace tradenode {

/// An order as the node knows it: its specification from order_initialized plus
/// everything its events did to it, applied through the order state table.
class order {
public:
  /// Creates the order in status INITIALIZED from its first event.
  explicit order(order_initialized init);

  /// Applies `ev`. An event the table refuses, a duplicate fill (same trade id),
  /// an overfill, or an event of another order returns an error and changes
  /// nothing. An overfill is refused here, so the caller must still account
  /// for the venue's fill in positions.
  [[nodiscard]] caf::error apply(const order_event& ev);

  // -- specification ----------------------------------------------------------

  const order_initialized& init() const noexcept {
    return init_;
  }

  const tradenode::client_order_id& client_order_id() const noexcept {
    return init_.client_order_id;
  }

  const tradenode::strategy_id& strategy_id() const noexcept {
    return init_.strategy_id;
  }

  const tradenode::instrument_id& instrument_id() const noexcept {
    return init_.instrument_id;
  }

  order_side side() const noexcept {
    return init_.side;
  }

  tradenode::order_type order_type() const noexcept {
    return init_.order_type;
  }

  /// Returns the current quantity (changed by order_updated).
  tradenode::quantity quantity() const noexcept {
    return quantity_;
  }

  /// Returns the current limit price, if any (changed by order_updated).
  const caf::optional<tradenode::price>& price() const noexcept {
    return price_;
  }

  /// Returns the current trigger price, if any (changed by order_updated).
  const caf::optional<tradenode::price>& trigger_price() const noexcept {
    return trigger_price_;
  }

  // -- state ------------------------------------------------------------------

  order_status status() const noexcept {
    return status_;
  }

  tradenode::quantity filled_qty() const noexcept {
    return filled_qty_;
  }

  /// Returns quantity - filled_qty.
  tradenode::quantity leaves_qty() const noexcept {
    return leaves_qty_;
  }

  /// Returns the volume-weighted average fill price (exact to 9 decimals), if filled at all.
  const caf::optional<tradenode::price>& avg_px() const noexcept {
    return avg_px_;
  }

  const caf::optional<tradenode::venue_order_id>& venue_order_id() const noexcept {
    return venue_order_id_;
  }

  const caf::optional<tradenode::account_id>& account_id() const noexcept {
    return account_id_;
  }

  /// Returns every applied event, the order_initialized first.
  const std::vector<order_event>& events() const noexcept {
    return events_;
  }

  /// Returns whether a fill with `id` has been applied (scans the events: an
  /// order has few fills, and a set per order cost a heap node per fill in
  /// every holder of the order).
  bool has_trade(const trade_id& id) const noexcept;

  /// Returns how many fills have been applied.
  size_t fill_count() const noexcept;

  /// Returns whether the order is working at the venue (ACCEPTED, TRIGGERED,
  /// PENDING_UPDATE, PENDING_CANCEL, PARTIALLY_FILLED).
  bool is_open() const noexcept;

  /// Returns whether the order reached a terminal status (DENIED, REJECTED,
  /// CANCELED, EXPIRED, FILLED).
  bool is_closed() const noexcept;

  /// Returns whether a request for the order awaits the venue's answer
  /// (SUBMITTED, PENDING_UPDATE, PENDING_CANCEL).
  bool is_inflight() const noexcept;

private:
  caf::expected<order_status> next_status(const order_event& ev) const;
  caf::expected<order_status> table_step(order_status trigger,
                                         const order_event& ev) const;
  caf::error check_fill(const order_filled& fill) const;
  void record(const order_event& ev, order_status next);

  order_initialized init_;
  order_status status_ = order_status::initialized;
  // The last status that was not PENDING_UPDATE or PENDING_CANCEL: where a
  // rejected modify/cancel or an update returns to.
  order_status previous_status_ = order_status::initialized;
  tradenode::quantity quantity_;
  caf::optional<tradenode::price> price_;
  caf::optional<tradenode::price> trigger_price_;
  tradenode::quantity filled_qty_;
  tradenode::quantity leaves_qty_;
  // Sum of last_px.raw * last_qty.raw over the fills, for an exact average.
  detail::int128 fill_notional_ = 0;
  caf::optional<tradenode::price> avg_px_;
  caf::optional<tradenode::venue_order_id> venue_order_id_;
  caf::optional<tradenode::account_id> account_id_;
  std::vector<order_event> events_;
};

} // namespace tradenode
