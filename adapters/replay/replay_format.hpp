#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include <caf/optional.hpp>

#include "tradenode/messages/data/quote_tick.hpp"
#include "tradenode/messages/data/trade_tick.hpp"
#include "tradenode/messages/instrument.hpp"

namespace tradenode::replay {

/// The CSV layouts the replay client reads, told apart by their header line.
///
/// tradenode's own (timestamps: nanoseconds since the epoch):
///   quotes: `ts_event,instrument_id,bid_price,ask_price,bid_size,ask_size`
///   trades: `ts_event,instrument_id,price,size,aggressor_side,trade_id`
///           (aggressor_side: BUYER, SELLER or NO_AGGRESSOR)
/// Tardis.dev's (timestamps: microseconds since the epoch; `symbol` is the
/// instrument's raw symbol):
///   quotes: `exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount`
///   trades: `exchange,symbol,timestamp,local_timestamp,id,side,price,amount`
///           (side: buy, sell or unknown)
enum class replay_format { quotes, trades, tardis_quotes, tardis_trades };

/// Returns the format whose header is `line`, or none.
caf::optional<replay_format> format_of_header(std::string_view line);

/// Returns the header line of `format`.
std::string_view header_of(replay_format format);

/// One recorded event.
using market_event = std::variant<quote_tick, trade_tick>;

/// When the node received `x` (its `ts_init`): the order of a replay.
unix_nanos replay_time(const market_event& x);

/// Finds the instrument a line names: by id in tradenode's files, by raw
/// symbol in Tardis files. Null when the instrument is not known.
using instrument_lookup = std::function<const instrument*(std::string_view)>;

/// Parses one data line of `format` into `out`; on a malformed line returns
/// false and sets `problem` to what is wrong ("column bid_price: ...").
bool parse_line(replay_format format, std::string_view line, const instrument_lookup& find,
                market_event& out, std::string& problem);

} // namespace tradenode::replay
