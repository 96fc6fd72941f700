#pragma once

// Forward declarations of the message vocabulary, for headers that only name it.

#include <cstdint>

namespace tradenode {

template <class Tag>
class identifier;
template <class Tag>
class fixed_decimal;
class currency;
class money;
class uuid4;
class order;
struct instrument;
struct quote_tick;
struct trade_tick;
struct bar_type;
struct bar;
struct submit_order;
struct cancel_order;
struct modify_order;
struct cancel_all_orders;
struct subscribe_data;
struct unsubscribe_data;
struct order_initialized;
struct order_filled;
struct order_status_report;
struct fill_report;
struct position_status_report;
struct execution_mass_status;
enum class errc : uint8_t;

} // namespace tradenode
