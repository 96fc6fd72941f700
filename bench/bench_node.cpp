#include "bench_node.hpp"

#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "measure.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/adapters/instrument_settings.hpp"
#include "tradenode/node/builtin_factories.hpp"

namespace tn = tradenode;

namespace bench {

namespace {

// The bench instrument, as the synthetic feed and bench_instrument() read it.
const char* instrument_json = R"([{
  "id": "BTCUSDT.SIM", "raw_symbol": "BTCUSDT", "kind": "CURRENCY_PAIR",
  "base_currency": "BTC", "quote_currency": "USDT", "settlement_currency": "USDT",
  "price_precision": 2, "size_precision": 3, "price_increment": "0.01",
  "size_increment": "0.001", "maker_fee": "0.0002", "taker_fee": "0.0004"}])";

} // namespace

tn::instrument bench_instrument() {
  static const auto x = [] {
    auto list = bench_instruments_json();
    return tn::read_instruments(&list, caf::none).front();
  }();
  return x;
}

nlohmann::json bench_instruments_json() {
  return nlohmann::json::parse(instrument_json);
}

namespace {

const auto trigger_size = tn::quantity::of("1000001.000");

} // namespace

tn::quote_tick bench_quote(uint64_t seq, bool trigger) {
  static const auto id = tn::instrument_id::of("BTCUSDT.SIM");
  static const auto bid = tn::price::of("50000.00");
  static const auto size = tn::quantity::of("1000000.000");
  // Raw values are scaled by 10^9: a cent is 10^7.
  auto offset = static_cast<int64_t>(seq % 100) * 10'000'000;
  tn::quote_tick q;
  q.instrument_id = id;
  q.bid_price = tn::price::exact(bid.raw() + offset, 2);
  q.ask_price = tn::price::exact(bid.raw() + offset + 10 * 10'000'000, 2);
  q.bid_size = q.ask_size = size;
  if (trigger)
    q.ask_size = trigger_size;
  q.ts_event = q.ts_init = tn::node_clock::system()->now();
  return q;
}

uint64_t probe::min_count() const {
  uint64_t result = UINT64_MAX;
  for (auto& x : counts)
    result = std::min(result, x.value.load(std::memory_order_acquire));
  return result;
}

namespace {

const auto traded = tn::instrument_id::of("BTCUSDT.SIM");

// Counts the quotes it sees.
class counting_strategy : public tn::strategy {
public:
  explicit counting_strategy(slot& seen) : seen_(seen) {
  }
  void on_start() override {
    subscribe_quotes(traded);
  }
  void on_quote(const tn::quote_tick&) override {
    seen_.value.store(++count_, std::memory_order_release);
  }

private:
  slot& seen_;
  uint64_t count_ = 0;
};

// Counts quotes, spending `spin_ns` of busy time on each: slower than a fast feed.
class slow_strategy : public counting_strategy {
public:
  slow_strategy(slot& seen, uint64_t spin_ns) : counting_strategy(seen), spin_ns_(spin_ns) {
  }
  void on_quote(const tn::quote_tick& q) override {
    counting_strategy::on_quote(q);
    spin_until(now_ns() + spin_ns_);
  }

private:
  uint64_t spin_ns_;
};

// Answers each trigger quote with a market order, buying and selling in turn.
class reacting_strategy : public counting_strategy {
public:
  explicit reacting_strategy(slot& seen) : counting_strategy(seen) {
  }
  void on_quote(const tn::quote_tick& q) override {
    counting_strategy::on_quote(q);
    if (q.ask_size != trigger_size)
      return;
    buy_ = !buy_;
    submit_order(order_factory().market(traded, buy_ ? tn::order_side::buy : tn::order_side::sell,
                                        lot_));
  }

private:
  bool buy_ = false;
  tn::quantity lot_ = tn::quantity::of("0.001");
};

// Keeps `window` market orders in flight until `total` have filled, and
// times each from submit to fill.
class round_trip_strategy : public counting_strategy {
public:
  round_trip_strategy(probe& out, size_t window, size_t total)
    : counting_strategy(out.counts[0]), out_(out), window_(window), total_(total) {
  }
  void on_quote(const tn::quote_tick& q) override {
    counting_strategy::on_quote(q);
    if (started_)
      return;
    started_ = true;
    out_.started_at.value.store(now_ns(), std::memory_order_release);
    latencies_.reserve(total_);
    for (size_t i = 0; i < window_; ++i)
      send_one();
  }
  void on_order_filled(const tn::order_filled& x) override {
    auto i = sent_at_.find(x.client_order_id.value());
    if (i == sent_at_.end())
      return;
    latencies_.push_back(static_cast<double>(now_ns() - i->second));
    sent_at_.erase(i);
    finish_one();
  }
  void on_order_denied(const tn::order_denied&) override {
    finish_one();
  }
  void on_order_rejected(const tn::order_rejected&) override {
    finish_one();
  }

private:
  void send_one() {
    if (submitted_ == total_)
      return;
    ++submitted_;
    auto side = submitted_ % 2 ? tn::order_side::buy : tn::order_side::sell;
    auto order = order_factory().market(traded, side, lot_);
    sent_at_.emplace(order.client_order_id.value(), now_ns());
    submit_order(order);
  }
  void finish_one() {
    if (++done_ == total_) {
      std::lock_guard<std::mutex> guard{out_.mtx};
      out_.round_trips = std::move(latencies_);
      out_.finished_at.value.store(now_ns(), std::memory_order_release);
    }
    out_.completed.value.store(done_, std::memory_order_release);
    send_one();
  }

  probe& out_;
  size_t window_;
  size_t total_;
  bool started_ = false;
  size_t submitted_ = 0;
  size_t done_ = 0;
  tn::quantity lot_ = tn::quantity::of("0.001");
  std::unordered_map<std::string, uint64_t> sent_at_;
  std::vector<double> latencies_;
};

// Places `total` buy limits far below the market on the first quote and
// counts those the venue accepted.
class resting_strategy : public counting_strategy {
public:
  resting_strategy(probe& out, size_t total)
    : counting_strategy(out.counts[0]), out_(out), total_(total) {
  }
  void on_quote(const tn::quote_tick& q) override {
    counting_strategy::on_quote(q);
    if (started_)
      return;
    started_ = true;
    for (size_t i = 0; i < total_; ++i)
      submit_order(order_factory().limit(traded, tn::order_side::buy, lot_, bid_));
  }
  void on_order_accepted(const tn::order_accepted&) override {
    out_.completed.value.store(++accepted_, std::memory_order_release);
  }
  void on_order_denied(const tn::order_denied& x) override {
    log().error("Denied: {}", x.reason);
  }
  void on_order_rejected(const tn::order_rejected& x) override {
    log().error("Rejected: {}", x.reason);
  }

private:
  probe& out_;
  size_t total_;
  bool started_ = false;
  uint64_t accepted_ = 0;
  tn::quantity lot_ = tn::quantity::of("0.001");
  tn::price bid_ = tn::price::of("1000.00");
};

// Serves the bench instrument; the bench thread sends the quotes.
tn::data_client_actor::behavior_type bench_feed(tn::data_client_actor::pointer,
                                               tn::instrument served) {
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [](tn::disconnect_atom) { return caf::ok_atom_v; },
    [served](caf::get_atom, tn::instruments_atom) {
      return std::vector<tn::instrument>{served};
    },
    [](const tn::subscribe_data&) {},
    [](const tn::unsubscribe_data&) {},
    [](tn::pause_atom) {},
    [](tn::resume_atom) {},
  };
}

// The sandbox behind a front that notes when each order command arrives.
tn::exec_client_actor::behavior_type timed_front(tn::exec_client_actor::pointer self,
                                                 tn::exec_client_actor inner,
                                                 std::shared_ptr<probe> out) {
  self->attach_functor([inner](const caf::error&) {
    caf::anon_send_exit(inner, caf::exit_reason::user_shutdown);
  });
  return {
    [self, inner](caf::connect_atom x) { return self->delegate(inner, x); },
    [self, inner](tn::disconnect_atom x) { return self->delegate(inner, x); },
    [self, inner](caf::get_atom x, tn::mass_status_atom y) {
      return self->delegate(inner, x, y);
    },
    [self, inner, out](const tn::submit_order& x) {
      auto arrived = now_ns();
      auto k = out->orders_seen.value.load(std::memory_order_relaxed);
      if (k < out->received_at.size())
        out->received_at[k] = arrived;
      out->orders_seen.value.store(k + 1, std::memory_order_release);
      self->send(inner, x);
    },
    [self, inner](const tn::cancel_order& x) { self->send(inner, x); },
    [self, inner](const tn::modify_order& x) { self->send(inner, x); },
    [self, inner](const tn::cancel_all_orders& x) { self->send(inner, x); },
  };
}

const char* sandbox_settings = R"({"balances": ["1000000000.00000000 USDT",
                                                "1000000.00000000 BTC"]})";

} // namespace

tn::node_config make_config(const node_setup& setup) {
  auto j = nlohmann::json::parse(R"({
    "logging": {"console": true},
    "report": {"status_interval": 0},
    "timeouts": {"connection": 30, "post_stop": 30, "shutdown": 30},
    "risk_engine": {"max_order_submit_rate": "100000000/00:00:01"}
  })");
  if (setup.synthetic)
    j["data_clients"]["FEED"] = {
      {"factory", "synthetic"},
      {"settings",
       {{"seed", 42},
        {"rate", setup.synthetic_rate},
        {"count", setup.synthetic_count},
        {"trade_every", setup.synthetic_trades ? 5 : 0},
        {"start_prices", {{"BTCUSDT.SIM", "50000.00"}}},
        {"instruments", bench_instruments_json()}}}};
  else
    j["data_clients"]["FEED"] = {{"factory", "bench_feed"}};
  if (!setup.exec.empty())
    j["exec_clients"]["SIM"] = {{"factory", setup.exec},
                                {"settings", nlohmann::json::parse(sandbox_settings)}};
  for (size_t i = 0; i < setup.strategies; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "BENCH-%03zu", i);
    j["strategies"].push_back(
      {{"type", setup.strategy}, {"id", id}, {"settings", {{"slot", i}}},
       {"cancel_orders_on_stop", false}});
  }
  auto cfg = tn::parse_node_config(j);
  if (!cfg)
    throw std::runtime_error(tn::describe(cfg.error()));
  cfg->logging.level = setup.level;
  cfg->logging.console = setup.console;
  cfg->logging.extra_sinks = setup.sinks;
  cfg->scheduler = setup.scheduler;
  cfg->data_engine = setup.data_engine;
  return *cfg;
}

tn::factory_registry make_factories(const node_setup& setup, std::shared_ptr<feed_link> link,
                                    std::shared_ptr<probe> out) {
  auto factories = tn::builtin_factories();
  auto must = [](caf::error err) {
    if (err)
      throw std::runtime_error(tn::describe(err));
  };
  must(factories.add_data_client_factory(
    "bench_feed", [link](const tn::client_context& ctx) -> caf::expected<tn::data_client_actor> {
      std::lock_guard<std::mutex> guard{link->mtx};
      link->engine = ctx.data_engine;
      return ctx.system.spawn(bench_feed, bench_instrument());
    }));
  auto sandbox = *factories.exec_client("sandbox");
  must(factories.add_exec_client_factory(
    "timed_sandbox",
    [sandbox, out](const tn::client_context& ctx) -> caf::expected<tn::exec_client_actor> {
      auto inner = sandbox(ctx);
      if (!inner)
        return inner;
      return ctx.system.spawn(timed_front, *inner, out);
    }));
  auto window = setup.window;
  auto orders = setup.orders;
  must(factories.add_strategy_factory(
    setup.strategy,
    [kind = setup.strategy, out, window, orders, spin = setup.slow_quote_ns](
      const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
      auto& seen = out->counts.at(ctx.settings.at("slot").get<size_t>());
      std::unique_ptr<tn::strategy> impl;
      if (kind == "counting")
        impl = std::make_unique<counting_strategy>(seen);
      else if (kind == "reacting")
        impl = std::make_unique<reacting_strategy>(seen);
      else if (kind == "slow")
        impl = std::make_unique<slow_strategy>(seen, spin);
      else if (kind == "round_trip")
        impl = std::make_unique<round_trip_strategy>(*out, window, orders);
      else
        impl = std::make_unique<resting_strategy>(*out, orders);
      return tn::spawn_strategy(ctx, std::move(impl));
    }));
  return factories;
}

running_node::running_node(const node_setup& setup, std::shared_ptr<probe> out) {
  node_ = std::make_unique<tn::trading_node>(make_config(setup),
                                             make_factories(setup, link_, out));
  node_->build();
  finished_ = node_->run_async();
  auto deadline = now_ns() + 30'000'000'000ull;
  while (node_->state() != tn::node_state::running) {
    if (now_ns() > deadline)
      throw std::runtime_error("the bench node did not reach RUNNING within 30 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

running_node::~running_node() {
  try {
    node_->stop();
    finished_.get();
    node_->dispose();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench node shutdown: %s\n", e.what());
  }
}

void await_subscribed(const tn::data_engine_actor& engine, probe& out) {
  uint64_t seq = 0;
  auto deadline = now_ns() + 30'000'000'000ull;
  while (out.min_count() == 0) {
    if (now_ns() > deadline)
      throw std::runtime_error("the bench strategies saw no quote within 30 s");
    caf::anon_send(engine, bench_quote(seq++));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

} // namespace bench
