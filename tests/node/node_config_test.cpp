#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

#include "tradenode/messages/errc.hpp"
#include "tradenode/node/node_config.hpp"

namespace tn = tradenode;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string config_error(const json& j) {
  auto cfg = tn::parse_node_config(j);
  REQUIRE_FALSE(cfg);
  CHECK(cfg.error() == caf::make_error(tn::errc::invalid_config));
  return tn::context_of(cfg.error());
}

json full_config() {
  return json::parse(R"({
    "trader_id": "TRADER-042",
    "logging": {"level": "debug", "console": false, "file": "", "json": true},
    "timeouts": {"connection": 5, "reconciliation": 4, "portfolio": 3,
                 "disconnection": 2, "post_stop": 1.5, "shutdown": 0.25},
    "data_clients": {"FEED": {"factory": "synthetic", "settings": {"rate": 10}}},
    "exec_clients": {"SANDBOX": {"factory": "sandbox", "venue": "SIM"}},
    "data_engine": {"flow_window": 512, "slow_subscriber": "conflate", "queue_limit": 5000},
    "risk_engine": {"bypass": true, "max_order_submit_rate": "50/00:00:02",
                    "max_notional_per_order": {"BTCUSDT.SIM": "250000.5"}},
    "exec_engine": {"inflight_check_interval": 0.5, "inflight_check_threshold": 3,
                    "inflight_check_retries": 7},
    "strategies": [{"type": "ema_cross", "id": "EMA-001", "settings": {"fast": 10},
                    "cancel_orders_on_stop": false, "close_positions_on_stop": true}],
    "remote": {},
    "persistence": {},
    "streaming": {"database": {"type": "redis", "port": 6390, "key_prefix": "desk"},
                  "max_len": 5000, "buffer_limit": 700},
    "report": {"status_interval": 2.5, "sample_interval": 0.5, "output_dir": "out/run"},
    "scheduler": {"profile": "low_latency", "threads": 3}
  })");
}

} // namespace

TEST_CASE("an empty config gets NautilusTrader's defaults") {
  auto cfg = tn::parse_node_config(json::object());
  REQUIRE(cfg);
  CHECK(cfg->trader_id.value() == "TRADER-001");
  CHECK(cfg->timeout_connection == 60s);
  CHECK(cfg->timeout_reconciliation == 30s);
  CHECK(cfg->timeout_portfolio == 10s);
  CHECK(cfg->timeout_disconnection == 10s);
  CHECK(cfg->timeout_post_stop == 10s);
  CHECK(cfg->timeout_shutdown == 5s);
  CHECK(cfg->logging.level == spdlog::level::info);
  CHECK(cfg->data_clients.empty());
  CHECK(cfg->scheduler.profile == tn::scheduler_profile::balanced);
  CHECK(cfg->scheduler.threads == 0);
  CHECK(cfg->journal.path.empty()); // no journal unless asked for
  CHECK(cfg->exec_engine.inflight_check_interval == std::chrono::seconds{2}); // Nautilus defaults
  CHECK(cfg->exec_engine.inflight_check_threshold == std::chrono::seconds{5});
  CHECK(cfg->exec_engine.inflight_check_retries == 5);
  CHECK(cfg->data_engine.window == 10000);
  CHECK(cfg->data_engine.slow_subscriber == tn::slow_subscriber_policy::backpressure);
  CHECK(cfg->data_engine.queue_limit == 100000);
  auto one = tn::parse_node_config(json{{"strategies", {{{"type", "x"}, {"id", "X-001"}}}}});
  REQUIRE(one);
  CHECK(one->strategies[0].options.cancel_orders_on_stop);
  CHECK_FALSE(one->strategies[0].options.close_positions_on_stop);
}

TEST_CASE("every section of a full config is read") {
  auto cfg = tn::parse_node_config(full_config());
  REQUIRE_MESSAGE(cfg, (cfg ? std::string{} : tn::describe(cfg.error())));
  CHECK(cfg->trader_id.value() == "TRADER-042");
  CHECK(cfg->logging.level == spdlog::level::debug);
  CHECK(cfg->logging.json);
  CHECK_FALSE(cfg->logging.console);
  CHECK(cfg->timeout_post_stop == 1500ms);
  CHECK(cfg->timeout_shutdown == 250ms);
  auto& feed = cfg->data_clients.at(tn::client_id::of("FEED"));
  CHECK(feed.factory == "synthetic");
  CHECK(feed.settings["rate"] == 10);
  CHECK(*cfg->exec_clients.at(tn::client_id::of("SANDBOX")).venue_id == tn::venue::of("SIM"));
  CHECK(cfg->exec_engine.inflight_check_interval == std::chrono::milliseconds{500});
  CHECK(cfg->exec_engine.inflight_check_threshold == std::chrono::seconds{3});
  CHECK(cfg->exec_engine.inflight_check_retries == 7);
  CHECK(cfg->data_engine.window == 512);
  CHECK(cfg->data_engine.slow_subscriber == tn::slow_subscriber_policy::conflate);
  CHECK(cfg->data_engine.queue_limit == 5000);
  CHECK(cfg->risk_engine.bypass);
  CHECK(to_string(cfg->risk_engine.max_order_submit) == "50/00:00:02");
  CHECK(to_string(cfg->risk_engine.max_order_modify) == "100/00:00:01");
  CHECK(to_string(cfg->risk_engine.max_notional_per_order.at(
          tn::instrument_id::of("BTCUSDT.SIM")))
        == "250000.5");
  REQUIRE(cfg->strategies.size() == 1);
  CHECK(cfg->strategies[0].id.value() == "EMA-001");
  CHECK(cfg->strategies[0].settings["fast"] == 10);
  CHECK_FALSE(cfg->strategies[0].options.cancel_orders_on_stop);
  CHECK(cfg->strategies[0].options.close_positions_on_stop);
  CHECK(cfg->report.status_interval == 2500ms);
  CHECK(cfg->report.sample_interval == 500ms);
  CHECK(cfg->report.output_dir == "out/run");
  CHECK(cfg->scheduler.profile == tn::scheduler_profile::low_latency);
  CHECK(cfg->scheduler.threads == 3);
}

TEST_CASE("a journal lives in the state folder under the trader id") {
  auto j = full_config();
  j["persistence"] = json{{"journal", true}, {"fsync", "every_event"}, {"fsync_interval", 0.5}};
  auto cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK(cfg->journal.path == "state/TRADER-042/journal.jsonl");
  CHECK(cfg->journal.fsync == tn::fsync_policy::every_event);
  CHECK(cfg->journal.fsync_interval == 500ms);
  j["persistence"] = json{{"journal", true}, {"state_dir", "/var/lib/tn"}};
  cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK(cfg->journal.path == "/var/lib/tn/TRADER-042/journal.jsonl");
  CHECK(cfg->journal.fsync == tn::fsync_policy::batched);
}

TEST_CASE("a journal in Redis and the streams are keyed by prefix and trader id") {
  auto j = full_config();
  j["persistence"] = json{{"journal", true},
                          {"database", {{"type", "redis"}, {"host", "10.0.0.5"},
                                        {"username", "node"}, {"password", "pw"},
                                        {"db", 2}, {"timeout", 0.5}}}};
  auto cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK(cfg->journal.enabled());
  CHECK(cfg->journal.path.empty());
  CHECK(cfg->journal.where() == "redis 10.0.0.5:6379/2 tradenode:TRADER-042:journal");
  j["streaming"]["database"] = j["persistence"]["database"];
  cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  REQUIRE(cfg->streaming);
  CHECK(cfg->streaming->redis.username == "node");
  CHECK(cfg->streaming->redis.password == "pw");
  CHECK(cfg->streaming->redis.timeout == 500ms);
  CHECK(cfg->streaming->orders_key == "tradenode:TRADER-042:orders");
  j["streaming"] = full_config()["streaming"];
  cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  REQUIRE(cfg->streaming);
  CHECK(cfg->streaming->orders_key == "desk:TRADER-042:orders");
  CHECK(cfg->streaming->positions_key == "desk:TRADER-042:positions");
  CHECK(cfg->streaming->redis.address() == "127.0.0.1:6390");
  CHECK(cfg->streaming->max_len == 5000);
  CHECK(cfg->streaming->buffer_limit == 700);
  // A database without journal: true journals nothing; no section, no streams.
  j["persistence"].erase("journal");
  j.erase("streaming");
  cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK_FALSE(cfg->journal.enabled());
  CHECK_FALSE(cfg->streaming);
}

TEST_CASE("a status interval of 0 turns the status line off") {
  auto j = full_config();
  j["report"]["status_interval"] = 0;
  auto cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK(cfg->report.status_interval == 0s);
}

TEST_CASE("the statistics' returns period, risk-free rate and days per year are read") {
  auto j = full_config();
  j["report"]["statistics"] = {{"returns_period", 3600}, {"risk_free_rate", 0.04},
                               {"days_per_year", 252}};
  auto cfg = tn::parse_node_config(j);
  REQUIRE(cfg);
  CHECK(cfg->report.statistics.returns_period == 1h);
  CHECK_EQ(cfg->report.statistics.risk_free_rate, 0.04);
  CHECK_EQ(cfg->report.statistics.days_per_year, 252.0);
}

TEST_CASE("config errors name the JSON path and the rule") {
  struct {
    const char* path;
    json value;
    const char* message;
  } cases[] = {
    {"/timeouts/connection", 0, "timeouts.connection: must be > 0"},
    {"/timeouts/connection", -3, "timeouts.connection: must be > 0"},
    {"/timeouts/connection", "60", "timeouts.connection: expected a number of seconds, got string"},
    {"/timeouts/connection", 1e12, "timeouts.connection: must be at most 86400"},
    {"/timeouts/connect", 1, "timeouts.connect: unknown key (did you mean \"connection\"? expected one of: connection, disconnection, portfolio, post_stop, reconciliation, shutdown)"},
    {"/trader_id", "TRADER", "trader_id: trader_id \"TRADER\": must have the form NAME-TAG"},
    {"/trader_id", 7, "trader_id: expected a string, got number"},
    {"/tradr_id", "X-1", "tradr_id: unknown key (did you mean \"trader_id\"? expected one of: data_clients, data_engine, exec_clients, exec_engine, logging, persistence, plugins, remote, report, risk_engine, scheduler, strategies, streaming, timeouts, trader_id)"},
    {"/logging/level", "loud", "logging.level: unknown level \"loud\""},
    {"/report/statistics/returns_period", 0, "report.statistics.returns_period: expected a number of seconds > 0"},
    {"/report/statistics/risk_free_rate", 5.5e1, "report.statistics.risk_free_rate: must be above -1 and below 10"},
    {"/report/statistics/risk_free_rate", "5%", "report.statistics.risk_free_rate: "},
    {"/report/statistics/days_per_year", 400, "report.statistics.days_per_year: must be 1..366"},
    {"/report/statistics/sharpe", 1, "report.statistics.sharpe: unknown key"},
    {"/plugins", "lib/x.so", "plugins: expected an array of paths, got string"},
    {"/plugins", json::array({""}), "plugins[0]: expected the path of a shared library"},
    {"/logging/json", "yes", "logging.json: "},
    {"/data_clients/FEED/factory", "", "data_clients.FEED.factory: must not be empty"},
    {"/data_clients/FEED/venue", "X", "data_clients.FEED.venue: unknown key"},
    {"/data_clients/FEED/settings", 5, "data_clients.FEED.settings: expected an object, got number"},
    {"/data_clients/BAD NAME", json{{"factory", "x"}}, "data_clients.BAD NAME: client_id \"BAD NAME\""},
    {"/exec_clients/SANDBOX/venue", "", "exec_clients.SANDBOX.venue: venue \"\": must not be empty"},
    {"/exec_clients/SANDBOX", json::object(), "exec_clients.SANDBOX.factory: missing"},
    {"/strategies", json::object(), "strategies: expected an array, got object"},
    {"/strategies/0/id", "EMA", "strategies[0].id: strategy_id \"EMA\""},
    {"/strategies/0/kind", "x", "strategies[0].kind: unknown key"},
    {"/strategies/0/cancel_orders_on_stop", "no", "strategies[0].cancel_orders_on_stop: "},
    {"/strategies/-", json{{"type", "ema_cross"}, {"id", "EMA-001"}}, "strategies[1].id: duplicate strategy id \"EMA-001\""},
    {"/exec_engine/inflight_check_interval", -1, "exec_engine.inflight_check_interval: must be > 0"},
    {"/exec_engine/inflight_check_threshold", 0, "exec_engine.inflight_check_threshold: must be > 0"},
    {"/exec_engine/inflight_check_retries", 1001, "exec_engine.inflight_check_retries: must be at most 1000"},
    {"/exec_engine/inflight_check_retries", -1, "exec_engine.inflight_check_retries: "},
    {"/exec_engine/inflight_check", 1, "exec_engine.inflight_check: unknown key"},
    {"/risk_engine/bypass", 1, "risk_engine.bypass: "},
    {"/risk_engine/max_notional", 1, "risk_engine.max_notional: unknown key"},
    {"/risk_engine/max_order_modify_rate", "100", "risk_engine.max_order_modify_rate: rate \"100\": expected LIMIT/HH:MM:SS"},
    {"/risk_engine/max_notional_per_order/BTCUSDT.SIM", "-1", "risk_engine.max_notional_per_order.BTCUSDT.SIM: must be > 0"},
    {"/risk_engine/max_notional_per_order/BTCUSDT.SIM", 5, "risk_engine.max_notional_per_order.BTCUSDT.SIM: "},
    {"/risk_engine/max_notional_per_order/BTCUSDT", "5", "risk_engine.max_notional_per_order.BTCUSDT: instrument_id"},
    {"/data_engine/x", 1, "data_engine.x: unknown key"},
    {"/data_engine/flow_window", 100, "data_engine.flow_window: must be 0 (off) or at least 256"},
    {"/data_engine/flow_window", -1, "data_engine.flow_window: "},
    {"/data_engine/slow_subscriber", "drop", "data_engine.slow_subscriber: expected \"conflate\" or \"backpressure\", got \"drop\""},
    {"/data_engine/queue_limit", 1, "data_engine.queue_limit: must be at least 2"},
    {"/report/sample_interval", 0, "report.sample_interval: must be > 0"},
    {"/report/status_interval", -1, "report.status_interval: must be > 0"},
    {"/report/output_dir", 3, "report.output_dir: "},
    {"/report/every", 3, "report.every: unknown key"},
    {"/scheduler/profile", "fast", "scheduler.profile: unknown profile \"fast\" (expected low_latency, balanced or power_saving)"},
    {"/scheduler/threads", -1, "scheduler.threads: "},
    {"/scheduler/threads", 1000, "scheduler.threads: must be at most 256"},
    {"/scheduler/spin", true, "scheduler.spin: unknown key"},
    {"/remote/port", 70000, "remote.port: "},
    {"/remote/bind", "x", "remote.bind: unknown key"},
    {"/remote/host", "", "remote.host: must not be empty"},
    {"/remote/token_file", "/nonexistent/token", "remote.token_file: cannot read \"/nonexistent/token\""},
    {"/remote/tls", json{{"certificate", "/nonexistent/a.pem"}, {"key", "k"}, {"ca_file", "c"}}, "remote.tls.certificate: cannot read \"/nonexistent/a.pem\""},
    {"/remote/tls", json{{"certificate", "/nonexistent/a.pem"}}, "remote.tls.key: missing"},
    {"/remote/on_strategy_lost", "ignore", "remote.on_strategy_lost: unknown policy \"ignore\" (expected cancel_orders or keep_orders)"},
    {"/remote/heartbeat_interval", 0, "remote.heartbeat_interval: must be > 0"},
    {"/remote", json{{"enabled", true}, {"host", "0.0.0.0"}}, "remote.host: listening on \"0.0.0.0\" (beyond loopback) needs remote.tls (certificate, key, ca_file: mutual TLS) and remote.token_file"},
    {"/persistence/path", "x", "persistence.path: unknown key"},
    {"/persistence/journal", "yes", "persistence.journal: "},
    {"/persistence/state_dir", "", "persistence.state_dir: must not be empty"},
    {"/persistence/fsync", "always", "persistence.fsync: unknown fsync policy \"always\" (expected every_event, batched or off)"},
    {"/persistence/fsync_interval", -1, "persistence.fsync_interval: "},
    {"/persistence/database", json{{"type", "mysql"}}, "persistence.database.type: unknown database type \"mysql\" (expected redis)"},
    {"/persistence/database", json{{"host", "x"}}, "persistence.database.type: missing"},
    {"/persistence", json{{"journal", true}, {"fsync", "off"}, {"database", {{"type", "redis"}}}}, "persistence.fsync: applies to the file journal only; a Redis journal is as durable as the server's appendonly/appendfsync settings"},
    {"/persistence", json{{"fsync_interval", 1}, {"database", {{"type", "redis"}}}}, "persistence.fsync_interval: applies to the file journal only"},
    {"/streaming", json::object(), "streaming.database: missing"},
    {"/streaming", 1, "streaming: expected an object, got number"},
    {"/streaming/database", 5, "streaming.database: expected an object, got number"},
    {"/streaming/database/port", 70000, "streaming.database.port: must be 1 to 65535"},
    {"/streaming/database/port", 0, "streaming.database.port: must be 1 to 65535"},
    {"/streaming/database/port", "6379", "streaming.database.port: "},
    {"/streaming/database/port", 1e30, "streaming.database.port: "},
    {"/streaming/database/host", "", "streaming.database.host: must not be empty"},
    {"/streaming/database/key_prefix", "", "streaming.database.key_prefix: must not be empty"},
    {"/streaming/database/username", "u", "streaming.database.username: needs a password"},
    {"/streaming/database/timeout", 0, "streaming.database.timeout: must be > 0"},
    {"/streaming/database/db", -1, "streaming.database.db: "},
    {"/streaming/database/ssl", true, "streaming.database.ssl: unknown key"},
    {"/streaming/buffer_limit", 0, "streaming.buffer_limit: must be 1 to 100000000"},
    {"/streaming/max_len", -1, "streaming.max_len: "},
    {"/streaming/topics", json::array(), "streaming.topics: unknown key"},
  };
  for (auto& c : cases) {
    CAPTURE(c.path);
    auto j = full_config();
    j[json::json_pointer(c.path)] = c.value;
    auto message = config_error(j);
    CHECK_MESSAGE(message.find(c.message) == 0, message);
    // One problem, said once: no error category or code inside the text.
    CHECK_MESSAGE(message.find("tradenode:") == std::string::npos, message);
  }
}

TEST_CASE("every problem of a config is named in one pass, each once") {
  auto j = full_config();
  j["timeouts"]["connection"] = 0;
  j["tradr_id"] = "X-1";
  j["strategies"][0]["kind"] = "x";
  j["data_engine"]["flow_window"] = 100;
  auto lines = config_error(j);
  CHECK_EQ(lines,
           "tradr_id: unknown key (did you mean \"trader_id\"? expected one of: data_clients, "
           "data_engine, exec_clients, exec_engine, logging, persistence, plugins, remote, report, "
           "risk_engine, scheduler, strategies, streaming, timeouts, trader_id)\n"
           "timeouts.connection: must be > 0\n"
           "strategies[0].kind: unknown key (did you mean \"id\"? expected one of: "
           "cancel_orders_on_stop, close_positions_on_stop, id, settings, type)\n"
           "data_engine.flow_window: must be 0 (off) or at least 256");
}

TEST_CASE("a config that is not an object is an error") {
  CHECK(config_error(json::array()) == "config: expected an object, got array");
}

TEST_CASE("load_node_config names the file and JSON syntax errors") {
  auto missing = tn::load_node_config("/nonexistent/node.json");
  REQUIRE_FALSE(missing);
  CHECK(tn::context_of(missing.error()) == "/nonexistent/node.json: cannot open file");
  auto path = std::string{"node_config_test_broken.json"};
  {
    std::ofstream out{path};
    out << "{\"trader_id\": \"TRADER-001\",";
  }
  auto broken = tn::load_node_config(path);
  REQUIRE_FALSE(broken);
  CHECK(tn::context_of(broken.error()).find(path + ": invalid JSON at byte") == 0);
  {
    std::ofstream out{path};
    out << R"({"timeouts": {"shutdown": 0}})";
  }
  auto invalid = tn::load_node_config(path);
  REQUIRE_FALSE(invalid);
  CHECK(tn::context_of(invalid.error()) == path + ": timeouts.shutdown: must be > 0");
  std::remove(path.c_str());
}
