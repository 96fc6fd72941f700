#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/timespan.hpp>

#include "tradenode/node/factory_registry.hpp"

namespace tradenode::test {

/// Records what test components were asked to do, in order, across actors.
class event_record {
public:
  void add(std::string event) {
    std::lock_guard<std::mutex> guard{mutex_};
    events_.push_back(std::move(event));
  }

  std::vector<std::string> events() {
    std::lock_guard<std::mutex> guard{mutex_};
    return events_;
  }

private:
  std::mutex mutex_;
  std::vector<std::string> events_;
};

/// How a test client answers connect.
enum class connect_mode {
  at_once,
  /// After `delay`, on the actor clock.
  late,
  /// Never: the request stays pending.
  never,
  /// Throws inside the handler (the actor fails).
  throws,
};

/// How a test client answers disconnect.
enum class disconnect_mode {
  at_once,
  /// Never answers, and ignores requests to exit: only a kill ends it.
  hang,
};

/// The behaviour of one test client, chosen by the test.
struct client_script {
  connect_mode connect = connect_mode::at_once;
  caf::timespan delay = std::chrono::seconds(1);
  disconnect_mode disconnect = disconnect_mode::at_once;
  std::vector<instrument> instruments;
  std::shared_ptr<event_record> record = std::make_shared<event_record>();
  /// The orders and fills an execution client reports in its mass status
  /// (its client id, account and venue are filled in); shared, so a test can
  /// change what the venue "holds" after the client is spawned.
  std::shared_ptr<execution_mass_status> reports = std::make_shared<execution_mass_status>();
  /// Every actor the factory spawned, for tests that watch them.
  std::shared_ptr<std::vector<caf::actor>> spawned
    = std::make_shared<std::vector<caf::actor>>();
};

/// Returns a factory of real data client actors that follow `script`.
data_client_factory scripted_data_client(client_script script);

/// Returns a factory of real execution client actors that follow `script`.
exec_client_factory scripted_exec_client(client_script script);

/// Returns a factory of strategies that only record start and stop.
strategy_factory recording_strategy(std::shared_ptr<event_record> record);

/// What a recording sink received, in order. Read it only while the actor
/// system is idle (deterministic tests).
struct received_market_data {
  std::vector<quote_tick> quotes;
  std::vector<trade_tick> trades;
  std::vector<bar> bars;
};

/// Spawns a market data subscriber that appends what it receives to `log`.
market_data_sink_actor recording_sink(caf::actor_system& sys,
                                      std::shared_ptr<received_market_data> log);

/// What a recording execution sink received, in order.
struct received_execution_events {
  std::vector<order_event> orders;
  std::vector<position_event> positions;

  /// Returns the names of the order events ("order_submitted", ...).
  std::vector<std::string> order_event_names() const {
    std::vector<std::string> result;
    for (auto& x : orders)
      result.emplace_back(event_name(x));
    return result;
  }
};

/// Spawns a stand-in for a strategy that appends its order and position events to `log`.
execution_event_sink_actor
recording_execution_sink(caf::actor_system& sys,
                         std::shared_ptr<received_execution_events> log);

/// Returns an instrument on `venue_name` that passes validate().
instrument test_instrument(const std::string& symbol, const std::string& venue_name);

} // namespace tradenode::test
