#include <doctest/doctest.h>

#include "tradenode/messages/identifiers.hpp"

namespace tn = tradenode;

TEST_CASE("valid identifiers are accepted and keep their text") {
  CHECK(tn::trader_id::of("TRADER-001").value() == "TRADER-001");
  CHECK(tn::strategy_id::of("EMACross-001").value() == "EMACross-001");
  CHECK(tn::strategy_id::of("EXTERNAL").value() == "EXTERNAL");
  CHECK(tn::instrument_id::of("BTCUSDT.BINANCE").value() == "BTCUSDT.BINANCE");
  CHECK(tn::instrument_id::of("EUR/USD.SIM").value() == "EUR/USD.SIM");
  CHECK(tn::account_id::of("SANDBOX-001").value() == "SANDBOX-001");
  CHECK(tn::venue::of("SANDBOX").value() == "SANDBOX");
  CHECK(tn::client_id::of("SANDBOX").value() == "SANDBOX");
  CHECK(tn::client_order_id::of("O-20240101-000000-001-001-1").value()
        == "O-20240101-000000-001-001-1");
  CHECK(tn::venue_order_id::of("V-1").value() == "V-1");
  CHECK(tn::trade_id::of("123456789012345678901234567890123456").value().size() == 36);
  CHECK(tn::position_id::of("BTCUSDT.BINANCE-EMACross-001").value()
        == "BTCUSDT.BINANCE-EMACross-001");
}

TEST_CASE("invalid identifiers are rejected with the kind, value and rule") {
  struct case_t {
    caf::expected<std::string> result;
    const char* message;
  };
  auto text = [](auto expected_id) -> caf::expected<std::string> {
    if (!expected_id)
      return std::move(expected_id.error());
    return expected_id->value();
  };
  case_t cases[] = {
    {text(tn::trader_id::make("TRADER")), "trader_id \"TRADER\": must have the form NAME-TAG"},
    {text(tn::trader_id::make("-001")), "trader_id \"-001\": must have the form NAME-TAG"},
    {text(tn::trader_id::make("TRADER-")), "trader_id \"TRADER-\": must have the form NAME-TAG"},
    {text(tn::strategy_id::make("")), "strategy_id \"\": must not be empty"},
    {text(tn::instrument_id::make("BTCUSDT")), "instrument_id \"BTCUSDT\": must have the form SYMBOL.VENUE"},
    {text(tn::instrument_id::make("BTCUSDT.")), "instrument_id \"BTCUSDT.\": must have the form SYMBOL.VENUE"},
    {text(tn::instrument_id::make(".BINANCE")), "instrument_id \".BINANCE\": must have the form SYMBOL.VENUE"},
    {text(tn::venue::make("SAND BOX")), "venue \"SAND BOX\": must be printable ASCII"},
    {text(tn::venue::make("SAND\tBOX")), "venue \"SAND\tBOX\": must be printable ASCII"},
    {text(tn::venue::make("B\xc3\xb6rse")), "must be printable ASCII"},
    {text(tn::account_id::make("SANDBOX")), "account_id \"SANDBOX\": must have the form ISSUER-NUMBER"},
    {text(tn::client_order_id::make(std::string(129, 'X'))), "longer than 128 characters"},
    {text(tn::trade_id::make(std::string(37, '1'))), "longer than 36 characters"},
  };
  for (auto& c : cases) {
    CAPTURE(c.message);
    REQUIRE_FALSE(c.result);
    CHECK(c.result.error() == caf::make_error(tn::errc::invalid_argument));
    CHECK(tn::describe(c.result.error()).find(c.message) != std::string::npos);
  }
}

TEST_CASE("of() throws on an invalid literal") {
  CHECK_THROWS_AS(tn::trader_id::of("nohyphen"), std::invalid_argument);
}

TEST_CASE("instrument ids split into symbol and venue at the last dot") {
  auto id = tn::instrument_id::of("BTC.USDT.BINANCE");
  CHECK(tn::symbol_of(id) == "BTC.USDT");
  CHECK(tn::venue_of(id) == tn::venue::of("BINANCE"));
  CHECK(tn::venue_text_of(id) == "BINANCE");
}

TEST_CASE("identifiers of the same kind compare by text") {
  CHECK(tn::venue::of("A") < tn::venue::of("B"));
  CHECK(tn::venue::of("A") == tn::venue::of("A"));
  CHECK(std::hash<tn::venue>{}(tn::venue::of("A")) == std::hash<std::string>{}("A"));
}
