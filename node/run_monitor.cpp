#include "tradenode/node/run_monitor.hpp"

#include <chrono>

#include "tradenode/messages/unix_nanos.hpp"

namespace tradenode {

namespace {

/// How long the monitor waits for the engines' answers to a sample.
constexpr auto sample_timeout = std::chrono::seconds{2};

double seconds_of(caf::timespan x) {
  return std::chrono::duration<double>(x).count();
}

// The total of each currency over all accounts.
pnl_by_currency balances_by_currency(const std::vector<account_state>& xs) {
  pnl_by_currency result;
  for (auto& account : xs)
    for (auto& balance : account.balances)
      result[to_string(balance.total.ccy())] += balance.total.amount().as_double();
  return result;
}

} // namespace

void run_monitor_state::on_order_event(const order_event& ev) {
  auto& id = client_order_id_of(ev);
  auto i = order_index.find(id);
  if (auto init = caf::get_if<order_initialized>(&ev)) {
    if (i == order_index.end()) {
      order_index.emplace(id, report.orders.size());
      report.orders.emplace_back(*init);
    }
    return;
  }
  if (i == order_index.end())
    return; // the execution engine published it before the monitor was added
  if (auto err = report.orders[i->second].apply(ev))
    lifecycle.log().debug("Report: {} not applied to {}: {}", event_name(ev), id.value(),
                          describe(err));
  if (auto fill = caf::get_if<order_filled>(&ev))
    report.fills.push_back(*fill);
}

void run_monitor_state::on_position_event(const position_event& ev) {
  auto [i, added] = position_index.emplace(std::make_pair(ev.position_id, ev.ts_opened),
                                           report.positions.size());
  if (added)
    report.positions.push_back(ev);
  else
    report.positions[i->second] = ev;
}

void run_monitor_state::sample() {
  // Stamped when asked: the sample is the PnL at that time on the node clock.
  auto at = clock->now();
  self->request(portfolio, sample_timeout, caf::get_atom_v, pnl_atom_v)
    .then(
      [this, at](const std::vector<instrument_pnl>& xs) {
        report.pnl = xs;
        report.samples.push_back({at, total_pnl(xs), strategy_pnl(report.positions, xs)});
      },
      [this](const caf::error& err) {
        lifecycle.log().debug("Report: no PnL sample: {}", describe(err));
      });
  if (cfg.status_interval == caf::timespan{0})
    return;
  auto now = self->clock().now();
  if (now - last_status < cfg.status_interval)
    return;
  self->request(data_engine, sample_timeout, caf::get_atom_v, counts_atom_v)
    .then(
      [this, now](uint64_t events) {
        log_status(events, now - last_status);
        last_status = now;
        events_at_last_status = events;
      },
      [this](const caf::error& err) {
        lifecycle.log().debug("Report: no event count: {}", describe(err));
      });
}

void run_monitor_state::log_status(uint64_t events, caf::timespan elapsed) {
  report.market_events = events;
  size_t open = 0;
  for (auto& x : report.orders)
    open += x.is_open() ? 1 : 0;
  std::string positions;
  for (auto& p : report.positions)
    if (p.side != position_side::flat)
      positions += fmt::format("{}{} {} {}", positions.empty() ? "" : ", ",
                               p.instrument_id.value(), to_string(p.side),
                               to_string(p.quantity));
  std::string pnl;
  for (auto& [ccy, total] : total_pnl(report.pnl))
    pnl += fmt::format("{}{:.2f} {}", pnl.empty() ? "" : ", ", total, ccy);
  auto secs = seconds_of(elapsed);
  auto rate = secs > 0 ? static_cast<double>(events - events_at_last_status) / secs : 0.0;
  lifecycle.log().info("Status: {:.0f} events/s, {} orders ({} open), {} fills, positions: "
                       "{}, PnL: {}",
                       rate, report.orders.size(), open, report.fills.size(),
                       positions.empty() ? "flat" : positions, pnl.empty() ? "0" : pnl);
}

void run_monitor_state::finish() {
  report.ended = clock->now();
  report.samples.push_back(
    {report.ended, total_pnl(report.pnl), strategy_pnl(report.positions, report.pnl)});
  report.statistics = statistics_of(report, cfg.statistics);
  lifecycle.log().info("{}", summary_text(report));
  if (cfg.output_dir.empty())
    return;
  auto dir = write_run_report(report, cfg.output_dir);
  if (!dir)
    lifecycle.log().error("Report: {}", context_of(dir.error()));
  else
    lifecycle.log().info("Report written to {}/ (report.json, orders.csv, fills.csv, "
                         "positions.csv, equity.svg; {}/latest points at it)",
                         *dir, cfg.output_dir);
}

run_monitor_actor::behavior_type run_monitor(run_monitor_state::pointer self,
                                             std::shared_ptr<spdlog::logger> log,
                                             node_clock_ptr clock, report_config cfg,
                                             data_engine_actor data_engine,
                                             portfolio_actor portfolio) {
  auto& st = self->state;
  st.self = self;
  st.clock = std::move(clock);
  st.lifecycle = component_lifecycle{"RunMonitor", std::move(log)};
  st.cfg = std::move(cfg);
  st.data_engine = std::move(data_engine);
  st.portfolio = std::move(portfolio);
  return {
    [self, &st](start_atom) {
      return st.lifecycle.start([self, &st] {
        st.report.started = st.clock->now();
        st.last_status = self->clock().now();
        st.sample();
        if (!st.ticking) {
          st.ticking = true;
          self->delayed_send(self, st.clock->delay(st.cfg.sample_interval), caf::tick_atom_v);
        }
        return caf::error{};
      });
    },
    [self, &st](stop_atom) -> caf::result<caf::ok_atom> {
      if (st.lifecycle.state() != component_state::running)
        return st.lifecycle.stop();
      // The last PnL first, while the portfolio is still up (the node stops
      // the engines together and lets them exit only when all have answered).
      auto promise = self->make_response_promise<caf::ok_atom>();
      auto done = [&st, promise]() mutable {
        auto result = st.lifecycle.stop([&st] {
          st.finish();
          return caf::error{};
        });
        promise.deliver(caf::ok_atom_v);
        (void) result;
      };
      auto ask_balances = [self, &st, done]() mutable {
        self->request(st.portfolio, sample_timeout, caf::get_atom_v, accounts_atom_v,
                      opening_atom_v)
          .then(
            [&st, done](const std::vector<account_state>& xs) mutable {
              st.report.starting_balances = balances_by_currency(xs);
              done();
            },
            [done](const caf::error&) mutable { done(); });
      };
      auto ask_pnl = [self, &st, ask_balances]() mutable {
        self->request(st.portfolio, sample_timeout, caf::get_atom_v, pnl_atom_v)
          .then(
            [&st, ask_balances](const std::vector<instrument_pnl>& xs) mutable {
              st.report.pnl = xs;
              ask_balances();
            },
            [ask_balances](const caf::error&) mutable { ask_balances(); });
      };
      self->request(st.data_engine, sample_timeout, caf::get_atom_v, counts_atom_v)
        .then(
          [&st, ask_pnl](uint64_t events) mutable {
            st.report.market_events = events;
            ask_pnl();
          },
          [ask_pnl](const caf::error&) mutable { ask_pnl(); });
      return promise;
    },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](const order_event& ev) { st.on_order_event(ev); },
    [&st](const position_event& ev) { st.on_position_event(ev); },
    [self, &st](caf::tick_atom) {
      if (st.lifecycle.state() != component_state::running) {
        st.ticking = false;
        return;
      }
      st.sample();
      self->delayed_send(self, st.clock->delay(st.cfg.sample_interval), caf::tick_atom_v);
    },
  };
}

} // namespace tradenode
