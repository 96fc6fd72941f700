#include "tradenode/node/node_config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tradenode/actors/client_factory.hpp"
#include "tradenode/adapters/redis/redis_journal.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

using nlohmann::json;

using detail::within;

const json& expect_object(const json& j) {
  if (!j.is_object())
    throw json_error("", std::string{"expected an object, got "} + j.type_name());
  return j;
}

template <class Id>
Id parse_id(const std::string& text) {
  auto id = Id::make(text);
  if (!id)
    throw json_error("", reason_of(id.error()));
  return *id;
}

caf::timespan parse_timeout(const json& j) {
  if (!j.is_number())
    throw json_error("", std::string{"expected a number of seconds, got "} + j.type_name());
  auto secs = j.get<double>();
  if (!(secs > 0))
    throw json_error("", "must be > 0");
  if (secs > 86400)
    throw json_error("", "must be at most 86400 (one day)");
  return std::chrono::duration_cast<caf::timespan>(std::chrono::duration<double>{secs});
}

// Seconds as parse_timeout reads them, or 0 for off (a zero timespan).
caf::timespan parse_interval_or_off(const json& j) {
  if (j.is_number() && j.get<double>() == 0)
    return caf::timespan{0};
  return parse_timeout(j);
}

void parse_statistics(const json& j, statistics_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  const json* period = nullptr;
  reader.read_raw("returns_period", period);
  reader.read_if_present("risk_free_rate", cfg.risk_free_rate);
  reader.read_if_present("days_per_year", cfg.days_per_year);
  reader.finish();
  if (period)
    within("returns_period", [&] {
      if (!period->is_number() || !(period->get<double>() > 0))
        throw json_error("", "expected a number of seconds > 0");
      cfg.returns_period = std::chrono::duration_cast<caf::timespan>(
        std::chrono::duration<double>{period->get<double>()});
    });
  within("risk_free_rate", [&] {
    if (!(cfg.risk_free_rate > -1 && cfg.risk_free_rate < 10))
      throw json_error("", "must be above -1 and below 10 (0.05 is 5 %)");
  });
  within("days_per_year", [&] {
    if (!(cfg.days_per_year >= 1 && cfg.days_per_year <= 366))
      throw json_error("", "must be 1..366");
  });
}

void parse_report(const json& j, report_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  const json* status = nullptr;
  const json* sample = nullptr;
  const json* statistics = nullptr;
  reader.read_raw("status_interval", status);
  reader.read_raw("sample_interval", sample);
  reader.read_if_present("output_dir", cfg.output_dir);
  reader.read_raw("statistics", statistics);
  reader.finish();
  if (status)
    within("status_interval", [&] { cfg.status_interval = parse_interval_or_off(*status); });
  if (sample)
    within("sample_interval", [&] { cfg.sample_interval = parse_timeout(*sample); });
  if (statistics)
    within("statistics", [&] { parse_statistics(*statistics, cfg.statistics); });
}

void parse_data_engine(const json& j, data_engine_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  std::string policy;
  reader.read_if_present("flow_window", cfg.window);
  reader.read_if_present("slow_subscriber", policy);
  reader.read_if_present("queue_limit", cfg.queue_limit);
  reader.finish();
  if (cfg.window != 0 && cfg.window < consumed_report_every)
    throw json_error("flow_window", "must be 0 (off) or at least "
                                      + std::to_string(consumed_report_every));
  if (!policy.empty()) {
    auto parsed = parse_slow_subscriber_policy(policy);
    if (!parsed)
      throw json_error("slow_subscriber", reason_of(parsed.error()));
    cfg.slow_subscriber = *parsed;
  }
  if (cfg.queue_limit < 2)
    throw json_error("queue_limit", "must be at least 2");
}

void parse_exec_engine(const json& j, exec_engine_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  const json* interval = nullptr;
  const json* threshold = nullptr;
  reader.read_raw("inflight_check_interval", interval);
  reader.read_raw("inflight_check_threshold", threshold);
  reader.read_if_present("inflight_check_retries", cfg.inflight_check_retries);
  reader.finish();
  if (interval)
    within("inflight_check_interval",
           [&] { cfg.inflight_check_interval = parse_interval_or_off(*interval); });
  if (threshold)
    within("inflight_check_threshold",
           [&] { cfg.inflight_check_threshold = parse_timeout(*threshold); });
  if (cfg.inflight_check_retries > 1000)
    throw json_error("inflight_check_retries", "must be at most 1000");
}

// A `database` object: where Redis is.
redis_config parse_database(const json& j) {
  detail::strict_object_reader reader{expect_object(j)};
  redis_config cfg;
  std::string type;
  uint64_t port = cfg.port;
  const json* timeout = nullptr;
  reader.read("type", type);
  reader.read_if_present("host", cfg.host);
  reader.read_if_present("port", port);
  reader.read_if_present("username", cfg.username);
  reader.read_if_present("password", cfg.password);
  reader.read_if_present("db", cfg.db);
  reader.read_if_present("key_prefix", cfg.key_prefix);
  reader.read_raw("timeout", timeout);
  reader.finish();
  if (type != "redis")
    throw json_error("type", "unknown database type \"" + type + "\" (expected redis)");
  if (cfg.host.empty())
    throw json_error("host", "must not be empty");
  if (port == 0 || port > 65535)
    throw json_error("port", "must be 1 to 65535");
  cfg.port = static_cast<uint16_t>(port);
  if (cfg.key_prefix.empty())
    throw json_error("key_prefix", "must not be empty");
  if (!cfg.username.empty() && cfg.password.empty())
    throw json_error("username", "needs a password");
  if (timeout)
    within("timeout", [&] { cfg.timeout = parse_timeout(*timeout); });
  return cfg;
}

void parse_persistence(const json& j, node_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  bool journal = false;
  std::string state_dir = "state";
  caf::optional<std::string> fsync;
  const json* interval = nullptr;
  const json* database = nullptr;
  reader.read_if_present("journal", journal);
  reader.read_if_present("state_dir", state_dir);
  reader.read("fsync", fsync);
  reader.read_raw("fsync_interval", interval);
  reader.read_raw("database", database);
  reader.finish();
  if (state_dir.empty())
    throw json_error("state_dir", "must not be empty");
  if (database && (fsync || interval))
    throw json_error(fsync ? "fsync" : "fsync_interval",
                     "applies to the file journal only; a Redis journal is as durable as the "
                     "server's appendonly/appendfsync settings");
  if (fsync) {
    auto policy = parse_fsync_policy(*fsync);
    if (!policy)
      throw json_error("fsync", context_of(policy.error()));
    cfg.journal.fsync = *policy;
  }
  if (interval)
    within("fsync_interval", [&] { cfg.journal.fsync_interval = parse_timeout(*interval); });
  redis_config redis;
  if (database)
    within("database", [&] { redis = parse_database(*database); });
  if (!journal)
    return;
  // The trader id is read before this section.
  if (database) {
    cfg.journal = redis_journal_config(redis, redis.key(cfg.trader_id.value(), "journal"));
  } else {
    cfg.journal.path = state_dir + "/" + cfg.trader_id.value() + "/journal.jsonl";
  }
}

void parse_streaming(const json& j, node_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  streaming_config streaming;
  const json* database = nullptr;
  uint64_t buffer_limit = streaming.buffer_limit;
  reader.read_raw("database", database);
  reader.read_if_present("max_len", streaming.max_len);
  reader.read_if_present("buffer_limit", buffer_limit);
  reader.finish();
  if (!database)
    throw json_error("database", "missing");
  within("database", [&] { streaming.redis = parse_database(*database); });
  if (buffer_limit == 0 || buffer_limit > 100000000)
    throw json_error("buffer_limit", "must be 1 to 100000000");
  streaming.buffer_limit = static_cast<size_t>(buffer_limit);
  // The trader id is read before this section.
  streaming.orders_key = streaming.redis.key(cfg.trader_id.value(), "orders");
  streaming.positions_key = streaming.redis.key(cfg.trader_id.value(), "positions");
  cfg.streaming = std::move(streaming);
}

void parse_scheduler(const json& j, scheduler_config& cfg) {
  detail::strict_object_reader reader{expect_object(j)};
  caf::optional<std::string> profile;
  reader.read("profile", profile);
  reader.read_if_present("threads", cfg.threads);
  reader.finish();
  if (cfg.threads > 256)
    throw json_error("threads", "must be at most 256");
  if (!profile)
    return;
  auto parsed = parse_scheduler_profile(*profile);
  if (!parsed)
    throw json_error("profile", "unknown profile \"" + *profile
                                  + "\" (expected low_latency, balanced or power_saving)");
  cfg.profile = *parsed;
}

void parse_timeouts(const json& j, node_config& cfg) {
  expect_object(j);
  struct {
    const char* key;
    caf::timespan node_config::*field;
  } fields[] = {
    {"connection", &node_config::timeout_connection},
    {"reconciliation", &node_config::timeout_reconciliation},
    {"portfolio", &node_config::timeout_portfolio},
    {"disconnection", &node_config::timeout_disconnection},
    {"post_stop", &node_config::timeout_post_stop},
    {"shutdown", &node_config::timeout_shutdown},
  };
  for (auto& item : j.items()) {
    // Named references: lambdas cannot capture structured bindings before clang 16.
    auto& key = item.key();
    auto& value = item.value();
    auto match = std::find_if(std::begin(fields), std::end(fields),
                              [&](auto& f) { return key == f.key; });
    if (match == std::end(fields))
      throw json_error(key, "unknown key"
                              + did_you_mean(key, {"connection", "disconnection", "portfolio",
                                                   "post_stop", "reconciliation", "shutdown"}));
    within(key, [&] { cfg.*(match->field) = parse_timeout(value); });
  }
}

void parse_logging(const json& j, logging_config& cfg) {
  detail::strict_object_reader reader{j};
  caf::optional<std::string> level;
  caf::optional<bool> console;
  caf::optional<std::string> file;
  caf::optional<bool> as_json;
  reader.read("level", level);
  reader.read("console", console);
  reader.read("file", file);
  reader.read("json", as_json);
  reader.finish();
  if (level) {
    auto parsed = spdlog::level::from_str(*level);
    // spdlog maps unknown names to "off": only accept names it gives back.
    if (spdlog::level::to_string_view(parsed) != *level)
      throw json_error("level", "unknown level \"" + *level
                                  + "\" (expected trace, debug, info, warning, "
                                    "error, critical or off)");
    cfg.level = parsed;
  }
  if (console)
    cfg.console = *console;
  if (file)
    cfg.file = *file;
  if (as_json)
    cfg.json = *as_json;
}

std::map<client_id, client_config> parse_clients(const json& j, bool with_venue) {
  expect_object(j);
  std::map<client_id, client_config> result;
  json_error_collector problems;
  for (auto& [name, entry] : j.items()) {
    problems.within(name, [&, &name = name, &entry = entry] {
      auto id = parse_id<client_id>(name);
      detail::strict_object_reader reader{entry};
      client_config client;
      caf::optional<std::string> venue_text;
      const json* settings = nullptr;
      reader.read("factory", client.factory);
      if (with_venue)
        reader.read("venue", venue_text);
      reader.read_raw("settings", settings);
      reader.finish();
      if (client.factory.empty())
        throw json_error("factory", "must not be empty");
      if (venue_text)
        within("venue", [&] { client.venue_id = parse_id<venue>(*venue_text); });
      if (settings)
        within("settings", [&] { client.settings = expect_object(*settings); });
      result.emplace(std::move(id), std::move(client));
    });
  }
  problems.throw_if_any();
  return result;
}

std::vector<std::string> parse_plugins(const json& j, const std::string& base_dir) {
  if (!j.is_array())
    throw json_error("", std::string{"expected an array of paths, got "} + j.type_name());
  std::vector<std::string> result;
  for (size_t i = 0; i < j.size(); ++i)
    within("[" + std::to_string(i) + "]", [&] {
      if (!j[i].is_string() || j[i].get<std::string>().empty())
        throw json_error("", "expected the path of a shared library");
      result.push_back(resolve_path(base_dir, j[i].get<std::string>()));
    });
  return result;
}

std::vector<strategy_config> parse_strategies(const json& j) {
  if (!j.is_array())
    throw json_error("", std::string{"expected an array, got "} + j.type_name());
  std::vector<strategy_config> result;
  json_error_collector problems;
  for (size_t i = 0; i < j.size(); ++i) {
    problems.within("[" + std::to_string(i) + "]", [&] {
      detail::strict_object_reader reader{j[i]};
      strategy_config strategy;
      std::string id;
      const json* settings = nullptr;
      caf::optional<bool> cancel_orders;
      caf::optional<bool> close_positions;
      reader.read("type", strategy.type);
      reader.read("id", id);
      reader.read_raw("settings", settings);
      reader.read("cancel_orders_on_stop", cancel_orders);
      reader.read("close_positions_on_stop", close_positions);
      reader.finish();
      if (cancel_orders)
        strategy.options.cancel_orders_on_stop = *cancel_orders;
      if (close_positions)
        strategy.options.close_positions_on_stop = *close_positions;
      if (strategy.type.empty())
        throw json_error("type", "must not be empty");
      within("id", [&] { strategy.id = parse_id<strategy_id>(id); });
      for (auto& other : result)
        if (other.id == strategy.id)
          throw json_error("id", "duplicate strategy id \"" + id + "\"");
      if (settings)
        within("settings", [&] { strategy.settings = expect_object(*settings); });
      result.push_back(std::move(strategy));
    });
  }
  problems.throw_if_any();
  return result;
}

void parse_risk_engine(const json& j, node_config& cfg) {
  detail::strict_object_reader reader{j};
  caf::optional<bool> bypass;
  caf::optional<std::string> submit_rate;
  caf::optional<std::string> modify_rate;
  const json* max_notional = nullptr;
  reader.read("bypass", bypass);
  reader.read("max_order_submit_rate", submit_rate);
  reader.read("max_order_modify_rate", modify_rate);
  reader.read_raw("max_notional_per_order", max_notional);
  reader.finish();
  auto& risk = cfg.risk_engine;
  if (bypass)
    risk.bypass = *bypass;
  auto rate = [](const char* key, const caf::optional<std::string>& text, rate_limit& out) {
    if (!text)
      return;
    auto parsed = rate_limit::parse(*text);
    if (!parsed)
      throw json_error(key, context_of(parsed.error()));
    out = *parsed;
  };
  rate("max_order_submit_rate", submit_rate, risk.max_order_submit);
  rate("max_order_modify_rate", modify_rate, risk.max_order_modify);
  if (max_notional)
    within("max_notional_per_order", [&] {
      for (auto& item : expect_object(*max_notional).items()) {
        auto& key = item.key();
        auto& value = item.value();
        within(key, [&] {
          auto id = parse_id<instrument_id>(key);
          auto amount = from_json_value<money::amount_type>(value, "max notional");
          if (!amount)
            throw json_error("", context_of(amount.error()));
          if (!amount->is_positive())
            throw json_error("", "must be > 0");
          risk.max_notional_per_order[id] = *amount;
        });
      }
    });
}

void parse_document(const json& j, node_config& cfg, const std::string& base_dir) {
  detail::strict_object_reader reader{j};
  caf::optional<std::string> trader;
  const json* logging = nullptr;
  const json* timeouts = nullptr;
  const json* data_clients = nullptr;
  const json* exec_clients = nullptr;
  const json* strategies = nullptr;
  const json* data_engine = nullptr;
  const json* risk_engine = nullptr;
  const json* exec_engine = nullptr;
  const json* remote = nullptr;
  const json* persistence = nullptr;
  const json* report = nullptr;
  const json* scheduler = nullptr;
  const json* streaming = nullptr;
  const json* plugins = nullptr;
  reader.read("trader_id", trader);
  reader.read_raw("plugins", plugins);
  reader.read_raw("logging", logging);
  reader.read_raw("timeouts", timeouts);
  reader.read_raw("data_clients", data_clients);
  reader.read_raw("exec_clients", exec_clients);
  reader.read_raw("strategies", strategies);
  reader.read_raw("data_engine", data_engine);
  reader.read_raw("risk_engine", risk_engine);
  reader.read_raw("exec_engine", exec_engine);
  reader.read_raw("remote", remote);
  reader.read_raw("persistence", persistence);
  reader.read_raw("report", report);
  reader.read_raw("scheduler", scheduler);
  reader.read_raw("streaming", streaming);
  json_error_collector problems;
  problems.within("", [&] { reader.finish(); });
  // Each section on its own: one pass names every section's problems.
  if (trader)
    problems.within("trader_id", [&] { cfg.trader_id = parse_id<trader_id>(*trader); });
  if (logging)
    problems.within("logging", [&] { parse_logging(*logging, cfg.logging); });
  if (timeouts)
    problems.within("timeouts", [&] { parse_timeouts(*timeouts, cfg); });
  if (data_clients)
    problems.within("data_clients",
                    [&] { cfg.data_clients = parse_clients(*data_clients, false); });
  if (exec_clients)
    problems.within("exec_clients",
                    [&] { cfg.exec_clients = parse_clients(*exec_clients, true); });
  if (strategies)
    problems.within("strategies", [&] { cfg.strategies = parse_strategies(*strategies); });
  if (plugins)
    problems.within("plugins", [&] { cfg.plugins = parse_plugins(*plugins, base_dir); });
  if (data_engine)
    problems.within("data_engine", [&] { parse_data_engine(*data_engine, cfg.data_engine); });
  if (risk_engine)
    problems.within("risk_engine", [&] { parse_risk_engine(*risk_engine, cfg); });
  if (exec_engine)
    problems.within("exec_engine", [&] { parse_exec_engine(*exec_engine, cfg.exec_engine); });
  if (report)
    problems.within("report", [&] { parse_report(*report, cfg.report); });
  if (scheduler)
    problems.within("scheduler", [&] { parse_scheduler(*scheduler, cfg.scheduler); });
  if (remote)
    problems.within("remote", [&] { parse_remote_config(*remote, cfg.remote, base_dir); });
  // The journal and the streams are keyed by the trader id: read it first.
  if (persistence)
    problems.within("persistence", [&] { parse_persistence(*persistence, cfg); });
  if (streaming)
    problems.within("streaming", [&] { parse_streaming(*streaming, cfg); });
  problems.throw_if_any();
}

} // namespace

caf::expected<node_config> parse_node_config(const json& j, const std::string& base_dir) {
  node_config cfg;
  cfg.base_dir = base_dir;
  try {
    parse_document(j, cfg, base_dir);
  } catch (const json_error& e) {
    // The document itself is "config"; everything else its JSON path.
    auto problems = e.problems();
    for (auto& x : problems)
      if (x.path.empty())
        x.path = "config";
    return caf::make_error(errc::invalid_config, problem_lines(json_error{problems}));
  } catch (const std::exception& e) {
    return caf::make_error(errc::invalid_config,
                           "config: " + detail::short_json_message(e));
  }
  return cfg;
}

std::vector<strategy_config> parse_strategy_configs(const json& j) {
  return parse_strategies(j);
}

caf::expected<node_config> parse_node_config_text(std::string_view text,
                                                  const std::string& source,
                                                  const std::string& base_dir) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    return caf::make_error(errc::invalid_config,
                           source + ": invalid JSON at byte " + std::to_string(e.byte) + ": "
                             + detail::short_json_message(e));
  } catch (const json::exception& e) {
    // E.g. a number beyond a double (1e400): found by the bad-input corpus.
    return caf::make_error(errc::invalid_config,
                           source + ": invalid JSON: " + detail::short_json_message(e));
  }
  auto cfg = parse_node_config(j, base_dir);
  if (!cfg)
    return caf::make_error(errc::invalid_config, prefix_lines(context_of(cfg.error()), source));
  return cfg;
}

caf::expected<node_config> load_node_config(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in)
    return caf::make_error(errc::invalid_config, path + ": cannot open file");
  // Through a stringstream: istreambuf_iterators into a string trip GCC 12's
  // -Wnull-dereference at -O2.
  std::stringstream text;
  text << in.rdbuf();
  return parse_node_config_text(text.str(), path,
                                std::filesystem::path{path}.parent_path().string());
}

std::string prefix_lines(const std::string& lines, const std::string& prefix) {
  std::string result;
  size_t begin = 0;
  while (begin <= lines.size()) {
    auto end = lines.find('\n', begin);
    if (end == std::string::npos)
      end = lines.size();
    if (!result.empty())
      result += '\n';
    result += prefix + ": " + lines.substr(begin, end - begin);
    begin = end + 1;
  }
  return result;
}

} // namespace tradenode
