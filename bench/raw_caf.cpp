#include "raw_caf.hpp"

#include <deque>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include "measure.hpp"
#include "sample_orders.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/scheduler_config.hpp"

namespace tn = tradenode;

namespace bench {

raw_system::raw_system(const tn::scheduler_config& scheduler) {
  tn::register_types(cfg_);
  tn::apply_scheduler_config(cfg_, scheduler);
  sys_ = std::make_unique<caf::actor_system>(cfg_);
}

raw_system::~raw_system() {
  for (auto& x : spawned_)
    caf::anon_send_exit(x, caf::exit_reason::user_shutdown);
  spawned_.clear();
  sys_.reset();
}

namespace {

// Forwards each message it gets to `next`.
template <class T>
caf::behavior relay(caf::event_based_actor* self, caf::actor next) {
  return {[self, next](const T& x) { self->send(next, x); }};
}

} // namespace

caf::actor raw_fan_out(raw_system& raw, probe& out) {
  std::vector<caf::actor> sinks;
  // Every actor below takes an argument: CAF 0.17 dereferences a null
  // argument tuple for function actors spawned without one (UBSan stops there).
  for (auto& counter : out.counts)
    sinks.push_back(raw.spawn(
      [](caf::event_based_actor*, slot* seen) -> caf::behavior {
        auto n = std::make_shared<uint64_t>(0);
        return {
          [seen, n](const tn::quote_tick&) {
            seen->value.store(++*n, std::memory_order_release);
          },
          [seen, n](const tn::quote_batch& x) {
            *n += x.ticks.size();
            seen->value.store(*n, std::memory_order_release);
          },
        };
      },
      &counter));
  return raw.spawn(
    [](caf::event_based_actor* self, std::vector<caf::actor> targets) -> caf::behavior {
      return {
        [self, targets](const tn::quote_tick& x) {
          for (auto& sink : targets)
            self->send(sink, x);
        },
        [self, targets](const tn::quote_batch& x) {
          for (auto& sink : targets)
            self->send(sink, x);
        },
      };
    },
    sinks);
}

caf::actor raw_tick_to_trade(raw_system& raw, probe& out) {
  auto last = raw.spawn(
    [](caf::event_based_actor*, probe* seen) -> caf::behavior {
      return {[seen](const tn::submit_order&) {
        auto arrived = now_ns();
        auto k = seen->orders_seen.value.load(std::memory_order_relaxed);
        if (k < seen->received_at.size())
          seen->received_at[k] = arrived;
        seen->orders_seen.value.store(k + 1, std::memory_order_release);
      }};
    },
    &out);
  auto exec = raw.spawn(relay<tn::submit_order>, last);
  auto risk = raw.spawn(relay<tn::submit_order>, exec);
  auto strategy = raw.spawn(
    [&out](caf::event_based_actor* self, caf::actor next) -> caf::behavior {
      return {[self, next, &out, order = sample_submit(),
               trigger = bench_quote(0, true).ask_size](const tn::quote_tick& q) {
        out.counts[0].value.fetch_add(1, std::memory_order_release);
        if (q.ask_size == trigger)
          self->send(next, order);
      }};
    },
    risk);
  return raw.spawn(relay<tn::quote_tick>, strategy);
}

caf::actor raw_round_trip(raw_system& raw, probe& out, size_t window, size_t total) {
  auto events = sample_fill_events();
  // The venue answers each order with submitted, accepted and filled.
  auto venue = raw.spawn(
    [](caf::event_based_actor* self, std::vector<tn::order_event> answers) -> caf::behavior {
      return {[self, answers](const tn::submit_order&) {
        for (auto& ev : answers)
          self->send(caf::actor_cast<caf::actor>(self->current_sender()), ev);
      }};
    },
    events);
  // Execution: commands to the venue, events to the strategy (wired below).
  auto strategy_slot = std::make_shared<caf::actor>();
  auto exec = raw.spawn(
    [](caf::event_based_actor* self, caf::actor to_venue,
       std::shared_ptr<caf::actor> to_strategy) -> caf::behavior {
      return {
        [self, to_venue](const tn::submit_order& x) { self->send(to_venue, x); },
        [self, to_strategy](const tn::order_event& ev) { self->send(*to_strategy, ev); },
      };
    },
    venue, strategy_slot);
  auto risk = raw.spawn(relay<tn::submit_order>, exec);
  auto strategy = [&out, window, total](caf::event_based_actor* self,
                                        caf::actor to_risk) -> caf::behavior {
    struct flow {
      std::deque<uint64_t> sent_at;
      std::vector<double> latencies;
      size_t submitted = 0;
      size_t done = 0;
      bool started = false;
    };
    auto st = std::make_shared<flow>();
    auto send_one = [self, to_risk, st, total] {
      if (st->submitted == total)
        return;
      ++st->submitted;
      st->sent_at.push_back(now_ns());
      self->send(to_risk, sample_submit());
    };
    return {
      [&out, st, send_one, window](const tn::quote_tick&) {
        out.counts[0].value.fetch_add(1, std::memory_order_release);
        if (st->started)
          return;
        st->started = true;
        out.started_at.value.store(now_ns(), std::memory_order_release);
        for (size_t i = 0; i < window; ++i)
          send_one();
      },
      [&out, st, send_one, total](const tn::order_event& ev) {
        if (!caf::holds_alternative<tn::order_filled>(ev))
          return;
        st->latencies.push_back(static_cast<double>(now_ns() - st->sent_at.front()));
        st->sent_at.pop_front();
        if (++st->done == total) {
          std::lock_guard<std::mutex> guard{out.mtx};
          out.round_trips = std::move(st->latencies);
          out.finished_at.value.store(now_ns(), std::memory_order_release);
        }
        out.completed.value.store(st->done, std::memory_order_release);
        send_one();
      },
    };
  };
  // Set before the first message: no actor reads it earlier.
  *strategy_slot = raw.spawn(strategy, risk);
  return *strategy_slot;
}

} // namespace bench
