#include "tradenode/adapters/replay/replay_format.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

#include "tradenode/messages/enum_names.hpp"
#include "tradenode/messages/errc.hpp"

namespace tradenode::replay {

namespace {

constexpr std::array<std::string_view, 4> headers = {
  "ts_event,instrument_id,bid_price,ask_price,bid_size,ask_size",
  "ts_event,instrument_id,price,size,aggressor_side,trade_id",
  "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount",
  "exchange,symbol,timestamp,local_timestamp,id,side,price,amount",
};

/// A malformed line: what is wrong with it.
struct bad_line : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> result;
  size_t start = 0;
  for (size_t comma; (comma = line.find(',', start)) != std::string_view::npos;
       start = comma + 1)
    result.push_back(line.substr(start, comma - start));
  result.push_back(line.substr(start));
  return result;
}

// Reads the columns of one line by name, so that every error names its column.
class columns {
public:
  columns(replay_format format, std::string_view line)
    : names_(split(header_of(format))), values_(split(line)) {
    if (values_.size() != names_.size())
      throw bad_line("expected " + std::to_string(names_.size()) + " columns, got "
                     + std::to_string(values_.size()));
  }

  std::string_view text(size_t i) const {
    if (values_[i].empty())
      fail(i, "empty");
    return values_[i];
  }

  uint64_t timestamp(size_t i, uint64_t to_nanos) const {
    auto x = text(i);
    uint64_t value = 0;
    auto [end, err] = std::from_chars(x.data(), x.data() + x.size(), value);
    if (err != std::errc{} || end != x.data() + x.size())
      fail(i, "expected an unsigned integer timestamp, got \"" + std::string{x} + "\"");
    if (value > UINT64_MAX / to_nanos)
      fail(i, "timestamp " + std::string{x} + " out of range");
    return value * to_nanos;
  }

  /// A decimal of the instrument's precision (`precision`), positive or, when
  /// `zero_ok`, zero.
  template <class Decimal>
  Decimal decimal(size_t i, uint8_t precision, bool zero_ok) const {
    auto x = text(i);
    auto parsed = Decimal::parse(x);
    if (!parsed)
      fail(i, reason_of(parsed.error()));
    auto scaled = Decimal::from_raw(parsed->raw(), precision);
    if (!scaled)
      fail(i, "\"" + std::string{x} + "\" has more than the instrument's "
                + std::to_string(precision) + " decimals");
    if (scaled->raw() < 0 || (scaled->raw() == 0 && !zero_ok))
      fail(i, "\"" + std::string{x} + "\" must be " + (zero_ok ? ">= 0" : "> 0"));
    return *scaled;
  }

  [[noreturn]] void fail(size_t i, const std::string& what) const {
    throw bad_line("column " + std::string{names_[i]} + ": " + what);
  }

private:
  std::vector<std::string_view> names_;
  std::vector<std::string_view> values_;
};

const instrument& find_instrument(const columns& cols, size_t i, const instrument_lookup& find) {
  auto name = cols.text(i);
  auto result = find(name);
  if (result == nullptr)
    cols.fail(i, "unknown instrument \"" + std::string{name} + "\"");
  return *result;
}

quote_tick make_quote(const columns& cols, const instrument& x, size_t bid, size_t ask,
                      size_t bid_size, size_t ask_size) {
  quote_tick q;
  q.instrument_id = x.id;
  q.bid_price = cols.decimal<price>(bid, x.price_precision, false);
  q.ask_price = cols.decimal<price>(ask, x.price_precision, false);
  q.bid_size = cols.decimal<quantity>(bid_size, x.size_precision, true);
  q.ask_size = cols.decimal<quantity>(ask_size, x.size_precision, true);
  if (q.bid_price > q.ask_price)
    throw bad_line("bid_price " + to_string(q.bid_price) + " above ask_price "
                   + to_string(q.ask_price));
  return q;
}

market_event parse(replay_format format, std::string_view line, const instrument_lookup& find) {
  columns cols{format, line};
  switch (format) {
    case replay_format::quotes: {
      auto& x = find_instrument(cols, 1, find);
      auto q = make_quote(cols, x, 2, 3, 4, 5);
      q.ts_event = q.ts_init = cols.timestamp(0, 1);
      return q;
    }
    case replay_format::trades: {
      auto& x = find_instrument(cols, 1, find);
      trade_tick t;
      t.instrument_id = x.id;
      t.ts_event = t.ts_init = cols.timestamp(0, 1);
      t.price = cols.decimal<price>(2, x.price_precision, false);
      t.size = cols.decimal<quantity>(3, x.size_precision, false);
      auto side = parse_enum<aggressor_side>(cols.text(4));
      if (!side)
        cols.fail(4, reason_of(side.error()));
      t.aggressor_side = *side;
      auto id = trade_id::make(std::string{cols.text(5)});
      if (!id)
        cols.fail(5, reason_of(id.error()));
      t.trade_id = std::move(*id);
      return t;
    }
    case replay_format::tardis_quotes: {
      auto& x = find_instrument(cols, 1, find);
      auto q = make_quote(cols, x, 6, 5, 7, 4);
      q.ts_event = cols.timestamp(2, 1000);
      q.ts_init = cols.timestamp(3, 1000);
      return q;
    }
    case replay_format::tardis_trades: {
      auto& x = find_instrument(cols, 1, find);
      trade_tick t;
      t.instrument_id = x.id;
      t.ts_event = cols.timestamp(2, 1000);
      t.ts_init = cols.timestamp(3, 1000);
      auto id = trade_id::make(std::string{cols.text(4)});
      if (!id)
        cols.fail(4, reason_of(id.error()));
      t.trade_id = std::move(*id);
      auto side = cols.text(5);
      if (side == "buy")
        t.aggressor_side = aggressor_side::buyer;
      else if (side == "sell")
        t.aggressor_side = aggressor_side::seller;
      else if (side == "unknown")
        t.aggressor_side = aggressor_side::no_aggressor;
      else
        cols.fail(5, "expected buy, sell or unknown, got \"" + std::string{side} + "\"");
      t.price = cols.decimal<price>(6, x.price_precision, false);
      t.size = cols.decimal<quantity>(7, x.size_precision, false);
      return t;
    }
  }
  throw bad_line("unknown format");
}

} // namespace

caf::optional<replay_format> format_of_header(std::string_view line) {
  for (size_t i = 0; i < headers.size(); ++i)
    if (line == headers[i])
      return static_cast<replay_format>(i);
  return caf::none;
}

std::string_view header_of(replay_format format) {
  return headers[static_cast<size_t>(format)];
}

unix_nanos replay_time(const market_event& x) {
  return std::visit([](const auto& tick) { return tick.ts_init; }, x);
}

bool parse_line(replay_format format, std::string_view line, const instrument_lookup& find,
                market_event& out, std::string& problem) {
  try {
    out = parse(format, line, find);
    return true;
  } catch (const bad_line& e) {
    problem = e.what();
    return false;
  }
}

} // namespace tradenode::replay
