#pragma once

#include <caf/expected.hpp>

#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/client_factory.hpp"

namespace tradenode::sandbox {

/// Spawns the node's client of a sandbox venue running in its own process
/// (`tradenode venue --port N`), from `settings.connect` ("HOST:PORT").
///
/// connect: reaches the venue over CAF's middleman (the actor system must
/// have loaded caf::io::middleman) and attaches to it, so that the venue sends
/// its order events and account states here; they go on to the execution
/// engine. Mass status: hands the venue the node's instruments of its venue,
/// subscribes to their quotes and trades (and forwards them to the venue,
/// which has no feed of its own), then returns the venue's reports, so that a
/// restarted node reconciles with what the venue kept. Order commands go to the
/// venue; a submit while the venue is unreachable is rejected. A venue that
/// goes away is logged and reached again with backoff (0.5 s doubling to
/// 30 s); once it is back, the execution engine reconciles with its mass
/// status, which closes the orders a restarted venue no longer holds.
caf::expected<exec_client_actor> spawn_remote_venue_client(const client_context& ctx);

/// Reads the venue's "HOST:PORT" (`settings.connect`); an error names what is wrong.
caf::expected<std::pair<std::string, uint16_t>> parse_venue_address(const nlohmann::json& j);

} // namespace tradenode::sandbox
