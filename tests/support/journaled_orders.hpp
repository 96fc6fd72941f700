#pragma once

#include <map>
#include <string>

#include <doctest/doctest.h>

#include "tradenode/actors/execution_journal.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/order.hpp"

namespace tradenode::test {

/// The orders a journal describes, each rebuilt by the order state table, and
/// how often each trade id was applied.
struct journaled_orders {
  std::map<std::string, order> orders;
  std::map<std::string, int> fills_by_trade;
  /// The signed sum of every fill.
  int64_t net_raw = 0;
};

/// Reads the journal `cfg` names (a file or a Redis stream); every event must
/// apply to its order.
inline journaled_orders read_journal_orders(const journal_config& cfg) {
  journaled_orders out;
  auto contents = open_journal(cfg);
  REQUIRE_MESSAGE(contents, (contents ? std::string{} : describe(contents.error())));
  for (auto& rec : contents->contents.records) {
    if (rec.kind != "order")
      continue;
    auto ev = rec.data.get<order_event>();
    auto id = client_order_id_of(ev).value();
    if (auto init = caf::get_if<order_initialized>(&ev)) {
      out.orders.emplace(id, order{*init});
      continue;
    }
    REQUIRE(out.orders.count(id) == 1);
    auto err = out.orders.at(id).apply(ev);
    CHECK_MESSAGE(!err, id << ": " << (err ? describe(err) : std::string{}));
    if (auto fill = caf::get_if<order_filled>(&ev)) {
      ++out.fills_by_trade[fill->trade_id.value()];
      out.net_raw += fill->side == order_side::buy ? fill->last_qty.raw() : -fill->last_qty.raw();
    }
  }
  return out;
}

} // namespace tradenode::test
