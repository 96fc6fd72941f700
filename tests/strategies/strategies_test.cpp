#include <doctest/doctest.h>

#include "tradenode/messages/reflect.hpp"
#include "tradenode/strategies/ema_cross.hpp"
#include "tradenode/strategies/market_maker.hpp"

namespace tn = tradenode;

namespace {

// The problems a strategy's constructor finds in `settings`, one per line.
template <class Strategy>
std::string problems_of(const nlohmann::json& settings) {
  try {
    Strategy x{settings};
    return "no error";
  } catch (const tn::json_error& e) {
    return tn::problem_lines(e, "settings");
  }
}

} // namespace

TEST_CASE("EMA cross settings: every problem named with its key") {
  using tn::strategies::ema_cross;
  nlohmann::json good = {{"instrument_id", "BTCUSDT.SIM"}, {"trade_size", "0.100"}};
  CHECK_EQ(problems_of<ema_cross>(good), "no error");
  CHECK_EQ(ema_cross{good}.instruments(),
           std::vector<tn::instrument_id>{tn::instrument_id::of("BTCUSDT.SIM")});
  CHECK_EQ(problems_of<ema_cross>({{"trade_size", "0.100"}}), "settings.instrument_id: missing");
  auto slow = good;
  slow["slow_period"] = 5;
  CHECK_EQ(problems_of<ema_cross>(slow),
           "settings.slow_period: must be above fast_period and at most 100000");
  auto size = good;
  size["trade_size"] = "-1";
  CHECK_EQ(problems_of<ema_cross>(size),
           "settings.trade_size: expected a positive decimal string such as \"0.010\", got "
           "\"-1\"");
  // A typo and a wrong type in one object: both, each once.
  auto two = good;
  two.erase("trade_size");
  two["trade_sise"] = "0.1";
  two["fast_period"] = "3";
  CHECK_EQ(problems_of<ema_cross>(two),
           "settings.trade_sise: unknown key (did you mean \"trade_size\"? expected one of: "
           "fast_period, instrument_id, slow_period, trade_size)\n"
           "settings.trade_size: missing\n"
           "settings.fast_period: expected an integer, got string");
}

TEST_CASE("market maker settings: every problem named with its key") {
  using tn::strategies::market_maker;
  nlohmann::json good = {{"instrument_id", "BTCUSDT.SIM"}, {"trade_size", "0.010"}};
  CHECK_EQ(problems_of<market_maker>(good), "no error");
  CHECK_EQ(problems_of<market_maker>({{"instrument_id", "BTCUSDT.SIM"}}),
           "settings.trade_size: missing");
  auto offset = good;
  offset["offset_ticks"] = -1;
  CHECK_EQ(problems_of<market_maker>(offset), "settings.offset_ticks: must be 0..10000");
  auto requote = good;
  requote["requote_ticks"] = "2";
  CHECK_EQ(problems_of<market_maker>(requote),
           "settings.requote_ticks: expected an integer, got string");
  auto small = good;
  small["max_position"] = "0.001";
  CHECK_EQ(problems_of<market_maker>(small), "settings.max_position: must be at least trade_size");
  auto number = good;
  number["trade_size"] = 0.01;
  CHECK_EQ(problems_of<market_maker>(number),
           "settings.trade_size: expected a positive decimal string such as \"0.010\", got "
           "number");
  auto typo = good;
  typo["spread"] = 1;
  CHECK_EQ(problems_of<market_maker>(typo),
           "settings.spread: unknown key (expected one of: instrument_id, max_position, "
           "offset_ticks, requote_ticks, trade_size)");
}
