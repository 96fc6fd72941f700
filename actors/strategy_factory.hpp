#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/client_factory.hpp"
#include "tradenode/actors/strategy_host.hpp"
#include "tradenode/messages/errc.hpp"

// The contract between the node and the strategies it builds.

namespace tradenode {

/// One strategy's entry of the config, as its factory's check sees it.
struct strategy_settings_view {
  strategy_id id;
  /// The `settings` object of the strategy's config entry.
  const nlohmann::json& settings;
  /// The folder relative paths in `settings` are relative to.
  std::string base_dir;
};

/// What checking a strategy's settings learned.
struct strategy_check_result {
  /// The instruments the strategy trades, as its settings name them: the
  /// node refuses to start it when no data client provides one.
  std::vector<instrument_id> instruments;
};

/// Parses and checks a strategy's settings without spawning anything. An
/// error's context holds one line per problem ("settings.<key>: ...").
using strategy_check
  = std::function<caf::expected<strategy_check_result>(const strategy_settings_view&)>;

/// What a strategy factory gets to build one strategy.
struct strategy_context {
  caf::actor_system& system;
  strategy_id id;
  trader_id trader;
  const nlohmann::json& settings;
  std::shared_ptr<spdlog::logger> log;
  /// Where the strategy subscribes to market data: the data engine, or for a
  /// remote strategy its front in this process.
  market_data_router_actor data_engine;
  /// Where the strategy sends its order commands: the risk engine, or the front.
  order_command_actor risk_engine;
  /// What the strategy does with its orders and positions when it stops.
  strategy_options options;
  /// Where its on_save state is kept: the execution engine; null for a
  /// remote strategy (its state is not kept).
  strategy_state_store_actor state_store;
  /// The folder relative paths in `settings` are relative to.
  std::string base_dir = {};
  /// The node's clock; null: the system clock.
  node_clock_ptr clock = {};
};

/// Builds a strategy actor: a `strategy` object in its host actor
/// (`spawn_strategy`), or any actor that speaks the strategy interface; and
/// optionally checks its settings first. Any callable
/// `caf::expected<strategy_actor>(const strategy_context&)` converts to one.
struct strategy_factory {
  using build_function = std::function<caf::expected<strategy_actor>(const strategy_context&)>;

  build_function build;
  /// Checks the strategy's settings; empty: the factory has no check.
  strategy_check check;

  strategy_factory() = default;

  strategy_factory(build_function build_fn, strategy_check check_fn)
    : build(std::move(build_fn)), check(std::move(check_fn)) {
  }

  template <class F, class = std::enable_if_t<
                       !std::is_same_v<std::decay_t<F>, strategy_factory>
                       && std::is_invocable_r_v<caf::expected<strategy_actor>, F&,
                                                const strategy_context&>>>
  strategy_factory(F f) : build(std::move(f)) {
  }

  explicit operator bool() const {
    return static_cast<bool>(build);
  }

  caf::expected<strategy_actor> operator()(const strategy_context& ctx) const {
    return build(ctx);
  }
};

/// Runs `impl` in its own actor, wired to the node's engines per `ctx`.
strategy_actor spawn_strategy(const strategy_context& ctx, std::unique_ptr<strategy> impl);

/// Returns the error a settings check reports for an exception other than
/// json_error that a strategy's constructor threw: its message.
caf::error constructor_error(const std::exception& e);

/// Returns a factory that builds a `T` from the strategy's `settings` object
/// (a constructor `T(const nlohmann::json&)`, which may throw on bad settings:
/// the build fails naming the strategy). Its check constructs a `T` the same
/// way and asks it for `instruments()`.
template <class T>
strategy_factory make_strategy_factory() {
  return {[](const strategy_context& ctx) -> caf::expected<strategy_actor> {
            return spawn_strategy(ctx, std::make_unique<T>(ctx.settings));
          },
          [](const strategy_settings_view& view) -> caf::expected<strategy_check_result> {
            try {
              T x{view.settings};
              return strategy_check_result{x.instruments()};
            } catch (const json_error& e) {
              return settings_error(e);
            } catch (const std::exception& e) {
              return constructor_error(e);
            }
          }};
}

} // namespace tradenode
