#include <doctest/doctest.h>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/remote/remote_config.hpp"
#include "tradenode/node/remote/stream_relay.hpp"

namespace tn = tradenode;

TEST_CASE("monitor topics parse, and an unknown topic is named") {
  auto all = tn::parse_stream_topics("quotes,trades,orders,positions,state");
  REQUIRE(all);
  CHECK(all->quotes);
  CHECK(all->trades);
  CHECK(all->orders);
  CHECK(all->positions);
  CHECK(all->state);
  auto bars = tn::parse_stream_topics("bars:BTCUSDT.SIM-1-MINUTE-LAST-INTERNAL");
  REQUIRE(bars);
  REQUIRE(bars->bars.size() == 1);
  CHECK(bars->bars[0].instrument_id == tn::instrument_id::of("BTCUSDT.SIM"));
  CHECK_FALSE(bars->orders);
  auto unknown = tn::parse_stream_topics("orders,candles");
  REQUIRE_FALSE(unknown);
  CHECK(tn::context_of(unknown.error())
        == "unknown topic \"candles\" (expected quotes, trades, bars:BAR_TYPE, orders, "
           "positions or state)");
  auto bad_bar = tn::parse_stream_topics("bars:BTCUSDT");
  REQUIRE_FALSE(bad_bar);
  CHECK(tn::context_of(bad_bar.error()).find("topic \"bars:BTCUSDT\": ") == 0);
  auto none = tn::parse_stream_topics(",");
  REQUIRE_FALSE(none);
  CHECK(tn::context_of(none.error()) == "no topic given");
}

TEST_CASE("tokens compare whole, whatever their lengths") {
  CHECK(tn::same_token("let-me-in", "let-me-in"));
  CHECK_FALSE(tn::same_token("let-me-in", "let-me-i"));
  CHECK_FALSE(tn::same_token("let-me-in", "let-me-inn"));
  CHECK_FALSE(tn::same_token("let-me-in", ""));
  CHECK_FALSE(tn::same_token("let-me-in", "Let-me-in"));
}

TEST_CASE("loopback hosts and HOST:PORT addresses") {
  CHECK(tn::is_loopback("127.0.0.1"));
  CHECK(tn::is_loopback("127.1.2.3"));
  CHECK(tn::is_loopback("localhost"));
  CHECK(tn::is_loopback("::1"));
  CHECK_FALSE(tn::is_loopback("0.0.0.0"));
  CHECK_FALSE(tn::is_loopback("10.0.0.5"));
  auto ok = tn::parse_host_port("127.0.0.1:7100");
  REQUIRE(ok);
  CHECK(ok->first == "127.0.0.1");
  CHECK(ok->second == 7100);
  for (auto bad : {"127.0.0.1", ":7100", "host:0", "host:70000", "host:7x"}) {
    CAPTURE(bad);
    CHECK_FALSE(tn::parse_host_port(bad));
  }
}
