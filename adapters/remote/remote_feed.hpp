#pragma once

#include <string>

#include <caf/actor.hpp>
#include <caf/typed_actor.hpp>

#include "tradenode/actors/data_client.hpp"
#include "tradenode/actors/client_factory.hpp"

namespace tradenode::remote {

/// A data client running in a feed process (`tradenode feed --port N`), as the
/// nodes that attach to it see it. attach: a node's feed client presents the
/// feed's token and the actor its market data goes to (a caf::actor that
/// speaks market_data_sink_actor), and gets the feed's instruments. The
/// attached clients' subscriptions go on to the data client; its market data
/// goes to every attached client. Only the feed's own data client may send it
/// market data. (adopt: its own process hands it the data client, once.)
using feed_server_actor = caf::typed_actor<
  caf::reacts_to<adopt_atom, caf::actor>,
  caf::replies_to<attach_atom, std::string, caf::actor>::with<std::vector<instrument>>,
  caf::reacts_to<subscribe_data>, caf::reacts_to<unsubscribe_data>,
  caf::reacts_to<disconnect_atom>, caf::reacts_to<quote_tick>, caf::reacts_to<trade_tick>,
  caf::reacts_to<bar>, caf::reacts_to<end_atom, client_id>>;

/// The factory "remote_feed": a data client of the node that reaches a feed
/// process. Settings: {"connect": "HOST:PORT", "token_file": F, "tls": BOOL}
/// (tls: through the node's own TLS files, config `remote.tls`).
///
/// connect attaches to the feed (an error names the address); instruments are
/// the feed's; subscriptions go to the feed and are kept. When the feed goes
/// away, the client logs that its instruments are stale and reconnects with
/// backoff (0.5 s doubling to 30 s); once back, it restores every
/// subscription and logs that the instruments are fresh again. Market data
/// from anyone but the feed is dropped.
data_client_factory remote_feed_client_factory();

} // namespace tradenode::remote
