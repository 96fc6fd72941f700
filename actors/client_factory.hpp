#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/optional.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include "tradenode/actors/data_client.hpp"
#include "tradenode/actors/data_engine.hpp"
#include "tradenode/actors/exec_client.hpp"
#include "tradenode/actors/exec_engine.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/messages/reflect.hpp"

// The contract between the node and the clients it builds: what a factory
// gets, what it returns, and how the node checks a client's settings before
// building anything (`tradenode validate`, and build itself).

namespace tradenode {

/// Returns `path` resolved against `base_dir` (the config file's folder):
/// unchanged when absolute or when `base_dir` is empty.
std::string resolve_path(const std::string& base_dir, const std::string& path);

/// Returns `e` as the error of a settings parser: `errc::invalid_config`, one
/// line per problem, each "settings.<path>: <what is wrong>".
caf::error settings_error(const json_error& e);

/// One client's entry of the config, as its factory's check sees it.
struct client_settings {
  /// The client's id (its name in the config).
  client_id id;
  /// The `settings` object of the client's config entry.
  const nlohmann::json& settings;
  /// The venue the client serves (its config's `venue`, else its name).
  tradenode::venue venue;
  /// The folder relative paths in `settings` are relative to.
  std::string base_dir;

  /// Returns `path` resolved against `base_dir`.
  std::string resolve(const std::string& path) const {
    return resolve_path(base_dir, path);
  }
};

/// What a client factory gets to build one client.
struct client_context {
  /// The actor system to spawn the client in.
  caf::actor_system& system;
  /// The client's id (its name in the config).
  client_id id;
  /// The `settings` object of the client's config entry.
  const nlohmann::json& settings;
  /// A logger named after the client.
  std::shared_ptr<spdlog::logger> log;
  /// Where a data client sends quotes, trades and bars.
  data_engine_actor data_engine;
  /// Where an execution client sends order events.
  exec_engine_actor exec_engine;
  /// The venue the client serves (its config's `venue`, else its name).
  tradenode::venue venue;
  /// The folder relative paths in `settings` are relative to.
  std::string base_dir = {};
  /// The node's clock: every time the client stamps or waits for; a replay
  /// drives it. Null: the system clock.
  node_clock_ptr clock = {};

  /// Returns the node's clock (the system clock when none was given).
  node_clock_ptr node_time() const {
    return clock ? clock : node_clock::system();
  }

  /// Returns `path` resolved against `base_dir`.
  std::string resolve(const std::string& path) const {
    return resolve_path(base_dir, path);
  }
};

/// What checking a client's settings learned.
struct client_check_result {
  /// The instruments a data client will provide, when its settings tell (an
  /// instruments file or list); none when only connecting tells.
  caf::optional<std::vector<instrument_id>> instruments;
  /// The node stops by itself once the data of every data client with this
  /// set ended (a replay, by default): `(end_atom, client_id)` to the data
  /// engine says it did.
  bool stop_node_at_end = false;
  /// Set by a client that replays recorded data: the time of its first
  /// event. The node's clock then follows this client's data, from here.
  caf::optional<unix_nanos> data_start;
};

/// Parses and checks a client's settings without spawning anything or
/// reaching any network. An error's context holds one line per problem,
/// each "settings.<path>: <what is wrong>".
using client_check
  = std::function<caf::expected<client_check_result>(const client_settings&)>;

/// Builds a client actor of interface `Handle` from a `client_context`, and
/// optionally checks settings first (`check`). Any callable
/// `caf::expected<Handle>(const client_context&)` converts to one.
template <class Handle>
struct client_factory {
  using build_function = std::function<caf::expected<Handle>(const client_context&)>;

  /// Spawns the client; an error fails the node's build naming the client.
  build_function build;
  /// Checks the client's settings; empty: the factory has no check.
  client_check check;

  client_factory() = default;

  client_factory(build_function build_fn, client_check check_fn)
    : build(std::move(build_fn)), check(std::move(check_fn)) {
  }

  template <class F, class = std::enable_if_t<
                       !std::is_same_v<std::decay_t<F>, client_factory>
                       && std::is_invocable_r_v<caf::expected<Handle>, F&,
                                                const client_context&>>>
  client_factory(F f) : build(std::move(f)) {
  }

  explicit operator bool() const {
    return static_cast<bool>(build);
  }

  caf::expected<Handle> operator()(const client_context& ctx) const {
    return build(ctx);
  }
};

/// Builds a data client actor.
using data_client_factory = client_factory<data_client_actor>;

/// Builds an execution client actor.
using exec_client_factory = client_factory<exec_client_actor>;

} // namespace tradenode
