// A minimal data client written by a user, registered with the facade under
// the factory name "static_feed" and named in the node's config.
#include <chrono>
#include <thread>

#include "tradenode/node/trading_node.hpp"

namespace {

// --(rst-client-begin)--
// Serves one instrument and accepts subscriptions; a real feed would connect
// to its source in connect and send quote_tick messages to the data engine.
tradenode::data_client_actor::behavior_type
static_feed(tradenode::data_client_actor::pointer self, tradenode::instrument served) {
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [](tradenode::disconnect_atom) { return caf::ok_atom_v; },
    [served](caf::get_atom, tradenode::instruments_atom) {
      return std::vector<tradenode::instrument>{served};
    },
    [self](const tradenode::subscribe_data& x) {
      (void) self, (void) x; // start sending x.instrument_id's quotes
    },
    [](const tradenode::unsubscribe_data&) {},
    // Backpressure from the data engine: stop sending until resume (a feed
    // that cannot pause ignores both).
    [](tradenode::pause_atom) {},
    [](tradenode::resume_atom) {},
  };
}

tradenode::data_client_factory static_feed_factory() {
  return [](const tradenode::client_context& ctx)
           -> caf::expected<tradenode::data_client_actor> {
    auto id = tradenode::instrument_id::make(ctx.settings.value("instrument", "EURUSD.SIM"));
    if (!id)
      return std::move(id.error()); // build fails, naming the client and the id
    tradenode::instrument x;
    x.id = *id;
    x.raw_symbol = std::string{tradenode::symbol_of(x.id)};
    x.base_currency = tradenode::currency::of("EUR");
    x.quote_currency = x.settlement_currency = tradenode::currency::of("USD");
    x.price_precision = 5;
    x.size_precision = 0;
    x.price_increment = tradenode::price::of("0.00001");
    x.size_increment = tradenode::quantity::of("1");
    return ctx.system.spawn(static_feed, x);
  };
}
// --(rst-client-end)--

} // namespace

int main() {
  auto cfg = tradenode::parse_node_config(nlohmann::json::parse(R"({
    "data_clients": {"FEED": {"factory": "static_feed",
                              "settings": {"instrument": "EURUSD.SIM"}}}
  })"));
  if (!cfg)
    return 2;
  tradenode::trading_node node{*cfg};
  node.add_data_client_factory("static_feed", static_feed_factory());
  node.build();
  auto finished = node.run_async();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  node.stop();
  finished.get();
  return 0;
}
