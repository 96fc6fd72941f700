// Seeded whole-node scenarios: a seed picks how the actors of a node interleave,
// when time moves, what the strategies trade, and the faults (a strategy that
// throws, a stop or an emergency kill at a random moment). Invariants are
// checked after every step; a failure names its seed, and
//   TRADENODE_SCENARIO_SEED=N ./scenario_tests -tc="*replays*"
// runs that seed again, step for step (TRADENODE_SCENARIO_LOG=1 prints its node's log).
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>
#include <sstream>

#include "tradenode/actors/strategy_host.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/node_actor.hpp"

#include "deterministic_fixture.hpp"
#include "log_capture.hpp"
#include "test_clients.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

const std::string data_dir = TRADENODE_TEST_DATA_DIR "/replay/";
const auto btc = tn::instrument_id::of("BTCUSDT.SIM");

// What a scenario saw: its trace (replayed exactly from the same seed) and
// every broken invariant.
struct scenario_outcome {
  std::vector<std::string> trace;
  std::vector<std::string> violations;

  void violated(std::string what) {
    violations.push_back(std::move(what));
  }
};

int64_t signed_raw(tn::order_side side, const tn::quantity& qty) {
  return side == tn::order_side::buy ? qty.raw() : -qty.raw();
}

// Trades at random on every quote (market, limit and post-only limit orders,
// cancels, modifies). While it runs it checks, with its own copy of each
// order, that every event follows the order state table; after that its
// host's copies are checked (and the host logs any event it could not apply).
// Its position must equal the sum of its orders' fills. With `throws_at` it
// throws in on_quote at that quote (a fault).
class random_trader : public tn::strategy {
public:
  random_trader(uint64_t seed, uint64_t throws_at, scenario_outcome& out)
    : rng_(seed), throws_at_(throws_at), out_(out) {
  }

  void on_start() override {
    subscribe_quotes(btc);
  }

  void on_quote(const tn::quote_tick& q) override {
    if (++quotes_ == throws_at_)
      throw std::runtime_error("scenario fault: throws in on_quote");
    auto side = rng_() % 2 == 0 ? tn::order_side::buy : tn::order_side::sell;
    auto qty = *tn::quantity::from_raw(
      static_cast<int64_t>(1 + rng_() % 5) * tn::quantity::of("0.001").raw(), 3);
    auto ticks = static_cast<int64_t>(rng_() % 7) - 3;
    auto touch = side == tn::order_side::buy ? q.bid_price : q.ask_price;
    auto px = *tn::price::from_raw(touch.raw() + ticks * tn::price::of("0.01").raw(), 2);
    switch (rng_() % 8) {
      case 0:
        submit(order_factory().market(btc, side, qty));
        break;
      case 1:
      case 2:
        submit(order_factory().limit(btc, side, qty, px));
        break;
      case 3:
        submit(
          order_factory().limit(btc, side, qty, px, tn::time_in_force::gtc, 0, true));
        break;
      case 4:
        if (auto id = pick_open())
          cancel_order(*id);
        break;
      case 5:
        if (auto id = pick_open())
          modify_order(*id, caf::none, px);
        break;
      default:
        break;
    }
  }

  void on_order_event(const tn::order_event& ev) override {
    tn::strategy::on_order_event(ev);
    auto& id = tn::client_order_id_of(ev);
    auto name = std::string{tn::event_name(ev)};
    out_.trace.push_back(id.value() + " " + name);
    auto i = mine_.find(id);
    if (i == mine_.end()) {
      out_.violated(name + " for an order never submitted: " + id.value());
      return;
    }
    if (caf::holds_alternative<tn::order_initialized>(ev))
      return;
    if (auto err = i->second.apply(ev))
      out_.violated(name + " breaks the state table for " + id.value() + " ("
                    + std::string{to_string(i->second.status())}
                    + "): " + tn::describe(err));
  }

  // The position the strategy holds equals the sum of its orders' fills.
  void check_position(uint64_t step) const {
    auto* pos = position(btc);
    int64_t held = 0;
    if (pos != nullptr && pos->side != tn::position_side::flat)
      held = pos->side == tn::position_side::long_side ? pos->quantity.raw()
                                                       : -pos->quantity.raw();
    int64_t filled = 0;
    for (auto& [id, x] : orders())
      filled += signed_raw(x.side(), x.filled_qty());
    if (held != filled)
      out_.violated("step " + std::to_string(step) + ": " + id().value() + " holds "
                    + std::to_string(held) + ", its fills sum to "
                    + std::to_string(filled));
  }

  // After the run: every order has a terminal answer to its last command
  // (none left submitted, pending cancel or pending update).
  void check_answered(bool cancel_on_stop) const {
    for (auto& [id, x] : orders()) {
      if (x.is_inflight())
        out_.violated("order " + id.value() + " left "
                      + std::string{to_string(x.status())} + " after the run");
      else if (cancel_on_stop && x.is_open())
        out_.violated("order " + id.value() + " still open after the stop canceled all");
    }
  }

private:
  void submit(const tn::order_initialized& init) {
    mine_.emplace(init.client_order_id, tn::order{init});
    submit_order(init);
  }

  caf::optional<tn::client_order_id> pick_open() {
    auto open = open_orders(btc);
    if (open.empty())
      return caf::none;
    return open[rng_() % open.size()]->client_order_id();
  }

  std::mt19937_64 rng_;
  uint64_t throws_at_;
  uint64_t quotes_ = 0;
  scenario_outcome& out_;
  std::map<tn::client_order_id, tn::order> mine_;
};

// One scenario: a node (synthetic feed, sandbox venue, 1..3 random traders)
// on the test scheduler, driven by a seeded choice of the next actor to run
// or the time to advance, stopped (or killed) at a seeded moment.
class scenario : tn::test::deterministic_fixture {
public:
  explicit scenario(uint64_t seed) : seed_(seed), rng_(seed) {
  }

  scenario_outcome run() {
    configure();
    auto node = sys.spawn(tn::node_supervisor, config_, factories());
    self->send(node, tn::build_atom_v);
    drive_until([&] { return !self->mailbox().empty(); }, "build");
    if (!take_reply<caf::ok_atom>())
      out_.violated("build failed");
    caf::scoped_actor runner{sys};
    runner->send(node, tn::run_atom_v);
    auto finish_at = steps_ + 300 + rng_() % 3000;
    bool run_over = false;
    auto over = [&] {
      if (!run_over && !runner->mailbox().empty())
        run_over = true;
      return run_over;
    };
    drive_until([&] { return over() || steps_ >= finish_at; }, "trading");
    auto stop_at = sched.clock().now();
    if (!over()) {
      if (rng_() % 4 == 0) {
        out_.trace.push_back("kill");
        self->send(node, tn::kill_atom_v, rng_() % 2 == 0);
      } else {
        out_.trace.push_back("stop");
        self->send(node, tn::stop_atom_v);
      }
    }
    drive_until(over, "stop");
    // Shutdown is bounded: every step of the stop has its timeout.
    auto bound = config_.timeout_shutdown * 4 + config_.timeout_post_stop
                 + config_.timeout_disconnection;
    if (auto took = sched.clock().now() - stop_at; took > bound)
      out_.violated("the stop took "
                    + std::to_string(
                      std::chrono::duration_cast<std::chrono::milliseconds>(took).count())
                    + " ms, more than its timeouts allow");
    sched.run();
    for (auto* x : traders_) {
      x->check_position(steps_);
      x->check_answered(cancel_on_stop_);
    }
    if (std::getenv("TRADENODE_SCENARIO_LOG"))
      for (auto& line : logs_->lines())
        std::fprintf(stderr, "%s\n", line.c_str());
    for (auto& line : logs_->lines())
      if (line.find(" not applied to ") != std::string::npos
          || line.find(" for unknown order ") != std::string::npos)
        out_.violated("the node logged: " + line);
    self->send(node, tn::dispose_atom_v);
    sched.run();
    advance(config_.timeout_disconnection + 1s);
    sched.clock().cancel_all();
    sched.run();
    return std::move(out_);
  }

private:
  void configure() {
    config_.logging.console = false;
    config_.logging.extra_sinks = {logs_};
    config_.report.status_interval = caf::timespan{0};
    config_.data_clients.emplace(
      tn::client_id::of("FEED"),
      tn::client_config{"synthetic",
                        {},
                        {{"instruments_file", data_dir + "instruments.json"},
                         {"start_prices", {{"BTCUSDT.SIM", "100.00"}}},
                         {"seed", seed_},
                         {"rate", 20},
                         {"trade_every", 3}}});
    config_.exec_clients.emplace(
      tn::client_id::of("SIM"),
      tn::client_config{
        "sandbox", {}, {{"balances", {"100000.00000000 USDT", "100.00000000 BTC"}}}});
    cancel_on_stop_ = rng_() % 4 != 0;
    auto traders = 1 + rng_() % 3;
    for (uint64_t i = 0; i < traders; ++i) {
      auto id = tn::strategy_id::of("Random-00" + std::to_string(i));
      tn::strategy_options options;
      options.cancel_orders_on_stop = cancel_on_stop_;
      options.close_positions_on_stop = rng_() % 3 == 0;
      config_.strategies.push_back({"random", id, {}, options});
    }
    out_.trace.push_back("traders " + std::to_string(traders));
  }

  tn::factory_registry factories() {
    auto result = tn::builtin_factories();
    auto make
      = [this](const tn::strategy_context& ctx) -> caf::expected<tn::strategy_actor> {
      auto index = traders_.size();
      // One trader in five throws at a seeded quote.
      auto throws_at = rng_() % 5 == 0 ? 1 + rng_() % 40 : 0;
      auto impl = std::make_unique<random_trader>(seed_ * 10 + index, throws_at, out_);
      traders_.push_back(impl.get());
      return tn::spawn_strategy(
        ctx.system, std::move(impl),
        tn::strategy_host_context{ctx.id, ctx.trader, ctx.log, ctx.data_engine,
                                  ctx.risk_engine, ctx.options, clock, ctx.state_store});
    };
    REQUIRE_FALSE(result.add_strategy_factory("random", make));
    return result;
  }

  // One step: run a seeded pick of the actors that have work; when none has,
  // advance the clock by up to 300 ms (timers, the feed's ticks). One step in
  // 64 is a slow moment instead: up to 100 ms pass while actors have work.
  void step() {
    ++steps_;
    if (!sched.jobs.empty() && rng_() % 64 != 0) {
      auto i = rng_() % sched.jobs.size();
      std::rotate(sched.jobs.begin(), sched.jobs.begin() + static_cast<std::ptrdiff_t>(i),
                  sched.jobs.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      sched.run_once();
    } else {
      auto most = sched.jobs.empty() ? 300 : 100;
      sched.clock().advance_time(std::chrono::milliseconds(1 + rng_() % most));
    }
    // Positions equal the fills whenever the node is quiet.
    if (sched.jobs.empty())
      for (auto* x : traders_)
        x->check_position(steps_);
  }

  template <class Predicate>
  void drive_until(Predicate done, const char* phase) {
    for (uint64_t budget = 200'000; !done(); --budget) {
      if (budget == 0) {
        out_.violated(std::string{"no end to phase "} + phase + " after 200000 steps");
        return;
      }
      step();
    }
  }

  uint64_t seed_;
  std::mt19937_64 rng_;
  uint64_t steps_ = 0;
  bool cancel_on_stop_ = true;
  std::shared_ptr<tn::test::log_capture> logs_
    = std::make_shared<tn::test::log_capture>();
  tn::node_config config_;
  std::vector<random_trader*> traders_;
  scenario_outcome out_;
};

uint64_t env_or(const char* name, uint64_t fallback) {
  auto* x = std::getenv(name);
  return x ? std::strtoull(x, nullptr, 10) : fallback;
}

// Runs seeds [first, first + count); fails naming each seed that broke an invariant.
void run_seeds(uint64_t first, uint64_t count) {
  for (auto seed = first; seed < first + count; ++seed) {
    auto outcome = scenario{seed}.run();
    if (!outcome.violations.empty()) {
      std::ostringstream msg;
      msg << "scenario seed " << seed << ": " << outcome.violations.front() << " ("
          << outcome.violations.size()
          << " violation(s)); replay: TRADENODE_SCENARIO_SEED=" << seed
          << " scenario_tests -tc=\"*replays*\"";
      FAIL_CHECK(msg.str());
    }
  }
}

// The seeds CI runs: TRADENODE_SCENARIO_SEEDS (default 1000) split in four.
void run_quarter(uint64_t quarter) {
  auto total = env_or("TRADENODE_SCENARIO_SEEDS", 1000);
  auto per = (total + 3) / 4;
  auto first = quarter * per;
  if (first < total)
    run_seeds(first, std::min(per, total - first));
}

} // namespace

TEST_CASE("seeded scenarios, first quarter of the seeds") {
  run_quarter(0);
}

TEST_CASE("seeded scenarios, second quarter of the seeds") {
  run_quarter(1);
}

TEST_CASE("seeded scenarios, third quarter of the seeds") {
  run_quarter(2);
}

TEST_CASE("seeded scenarios, fourth quarter of the seeds") {
  run_quarter(3);
}

TEST_CASE("a seed replays exactly") {
  auto seed = env_or("TRADENODE_SCENARIO_SEED", 7);
  auto once = scenario{seed}.run();
  auto again = scenario{seed}.run();
  CHECK_EQ(once.trace, again.trace);
  CHECK_EQ(once.violations, again.violations);
  for (auto& x : once.violations)
    MESSAGE("seed ", seed, ": ", x);
  // The scenario did something worth replaying.
  CHECK_GT(once.trace.size(), 10u);
}
