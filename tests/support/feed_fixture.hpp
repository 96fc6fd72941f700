#pragma once

#include <map>

#include <caf/send.hpp>

#include "deterministic_fixture.hpp"
#include "test_clients.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/node/factory_registry.hpp"

namespace tradenode::test {

// A data engine fed by data clients (built by their factories, as the node
// builds them) whose market data reaches recording sinks.
struct feed_fixture : deterministic_fixture {
  data_engine_actor data = sys.spawn(data_engine, std::make_shared<spdlog::logger>("DataEngine"), clock,
                                        data_engine_config{});
  std::vector<caf::actor> actors;
  std::map<received_market_data*, market_data_sink_actor> sinks;

  ~feed_fixture() {
    for (auto& x : actors)
      caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(data, caf::exit_reason::user_shutdown);
    sched.run();
  }

  /// Builds a client named `name` and adds it and its instruments to the data engine.
  void add_feed(const data_client_factory& factory, const char* name,
                const nlohmann::json& settings,
                std::shared_ptr<spdlog::logger> log = nullptr) {
    auto id = client_id::of(name);
    if (!log)
      log = std::make_shared<spdlog::logger>(name);
    auto made = factory(client_context{sys, id, settings, log, data, {}, venue::of("SIM"), {}, clock});
    REQUIRE(made);
    actors.push_back(caf::actor_cast<caf::actor>(*made));
    self->send(*made, caf::get_atom_v, instruments_atom_v);
    sched.run();
    auto xs = take_reply<std::vector<instrument>>();
    REQUIRE(xs);
    caf::anon_send(data, caf::add_atom_v, id, *made);
    caf::anon_send(data, caf::add_atom_v, id, *xs);
    sched.run();
  }

  /// Subscribes the sink that appends to `log` (a new log and sink when null)
  /// to `kind` of `instrument`; returns the log. One log has one sink, so that
  /// it records what it receives in the order the data engine sent it.
  std::shared_ptr<received_market_data>
  subscribe(const char* instrument, data_kind kind,
            std::shared_ptr<received_market_data> log = nullptr) {
    if (!log)
      log = std::make_shared<received_market_data>();
    auto& sink = sinks[log.get()];
    if (!sink) {
      sink = recording_sink(sys, log);
      actors.push_back(caf::actor_cast<caf::actor>(sink));
    }
    self->send(data,
               subscribe_data{kind, instrument_id::of(instrument), caf::none, caf::none,
                              uuid4{}, 0},
               sink);
    sched.run();
    REQUIRE(take_reply<caf::ok_atom>());
    return log;
  }
};

} // namespace tradenode::test
