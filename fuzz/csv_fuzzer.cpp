// libFuzzer target: the replay client's CSV line parsers. The first byte
// picks the format (tradenode's or Tardis's quotes or trades); the rest is
// split into lines, each parsed as that format's data line. A malformed line
// must come back as a problem to count, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tradenode/adapters/replay/replay_format.hpp"

namespace {

const tradenode::instrument& known_instrument() {
  static const auto x = [] {
    tradenode::instrument result;
    result.id = tradenode::instrument_id::of("BTCUSDT.BINANCE");
    result.raw_symbol = "BTCUSDT";
    result.base_currency = tradenode::currency::of("BTC");
    result.quote_currency = tradenode::currency::of("USDT");
    result.settlement_currency = tradenode::currency::of("USDT");
    result.price_precision = 2;
    result.size_precision = 3;
    result.price_increment = tradenode::price::of("0.01");
    result.size_increment = tradenode::quantity::of("0.001");
    return result;
  }();
  return x;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tradenode::replay::replay_format;
  if (size == 0)
    return 0;
  auto format = static_cast<replay_format>(data[0] % 4);
  std::string_view rest{reinterpret_cast<const char*>(data) + 1, size - 1};
  auto find = [](std::string_view name) -> const tradenode::instrument* {
    auto& x = known_instrument();
    return name == x.id.value() || name == x.raw_symbol ? &x : nullptr;
  };
  while (!rest.empty()) {
    auto end = rest.find('\n');
    auto line = rest.substr(0, end);
    (void) tradenode::replay::format_of_header(line);
    tradenode::replay::market_event event;
    std::string problem;
    if (tradenode::replay::parse_line(format, line, find, event, problem))
      (void) tradenode::replay::replay_time(event);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  return 0;
}
