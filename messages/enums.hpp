#pragma once

#include <cstdint>
#include <string_view>

#include "tradenode/messages/enum_names.hpp"

namespace tradenode {

/// The side of an order.
enum class order_side : uint8_t { no_order_side, buy, sell };
TRADENODE_ENUM_NAMES(order_side, "NO_ORDER_SIDE", "BUY", "SELL")

/// Returns the opposite side (buy <-> sell).
constexpr order_side opposite(order_side x) noexcept {
  return x == order_side::buy    ? order_side::sell
         : x == order_side::sell ? order_side::buy
                                 : order_side::no_order_side;
}

/// The kind of an order.
enum class order_type : uint8_t { market, limit, stop_market, stop_limit };
TRADENODE_ENUM_NAMES(order_type, "MARKET", "LIMIT", "STOP_MARKET",
                     "STOP_LIMIT")

/// How long an order stays working at the venue.
enum class time_in_force : uint8_t { gtc, ioc, fok, gtd, day };
TRADENODE_ENUM_NAMES(time_in_force, "GTC", "IOC", "FOK", "GTD", "DAY")

/// The status of an order, as NautilusTrader's OrderStatus.
enum class order_status : uint8_t {
  initialized,
  denied,
  emulated,
  released,
  submitted,
  accepted,
  rejected,
  canceled,
  expired,
  triggered,
  pending_update,
  pending_cancel,
  partially_filled,
  filled,
};
TRADENODE_ENUM_NAMES(order_status, "INITIALIZED", "DENIED", "EMULATED",
                     "RELEASED", "SUBMITTED", "ACCEPTED", "REJECTED",
                     "CANCELED", "EXPIRED", "TRIGGERED",
                     "PENDING_UPDATE", "PENDING_CANCEL",
                     "PARTIALLY_FILLED", "FILLED")

/// Whether a fill provided or took liquidity.
enum class liquidity_side : uint8_t { no_liquidity_side, maker, taker };
TRADENODE_ENUM_NAMES(liquidity_side, "NO_LIQUIDITY_SIDE", "MAKER", "TAKER")

/// The side that took liquidity in a trade.
enum class aggressor_side : uint8_t { no_aggressor, buyer, seller };
TRADENODE_ENUM_NAMES(aggressor_side, "NO_AGGRESSOR", "BUYER", "SELLER")

/// The direction of a position.
enum class position_side : uint8_t { flat, long_side, short_side };
TRADENODE_ENUM_NAMES(position_side, "FLAT", "LONG", "SHORT")

/// Which price of the market a bar is built from.
enum class price_type : uint8_t { bid, ask, mid, last };
TRADENODE_ENUM_NAMES(price_type, "BID", "ASK", "MID", "LAST")

/// The step unit of a bar.
enum class bar_aggregation : uint8_t { tick, second, minute, hour, day };
TRADENODE_ENUM_NAMES(bar_aggregation, "TICK", "SECOND", "MINUTE",
                     "HOUR", "DAY")

/// Whether bars come from the data client or are built by the data engine.
enum class aggregation_source : uint8_t { external, internal };
TRADENODE_ENUM_NAMES(aggregation_source, "EXTERNAL", "INTERNAL")

/// The kinds of market data a strategy can subscribe to.
enum class data_kind : uint8_t { quotes, trades, bars };
TRADENODE_ENUM_NAMES(data_kind, "QUOTES", "TRADES", "BARS")

/// The kind of a tradable instrument.
enum class instrument_kind : uint8_t { currency_pair, perpetual, equity };
TRADENODE_ENUM_NAMES(instrument_kind, "CURRENCY_PAIR", "PERPETUAL",
                     "EQUITY")

/// What the risk engine lets through: everything (ACTIVE), nothing new
/// (HALTED), or only orders that reduce positions (REDUCING).
enum class trading_state : uint8_t { active, halted, reducing };
TRADENODE_ENUM_NAMES(trading_state, "ACTIVE", "HALTED", "REDUCING")

} // namespace tradenode
