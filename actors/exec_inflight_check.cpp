#include "tradenode/actors/exec_engine.hpp"

#include "tradenode/actors/generated_event.hpp"
#include "tradenode/messages/errc.hpp"

// The execution engine's in-flight check: orders whose command the venue has
// not answered are queried, then resolved (exec_engine_config.hpp says how).

namespace tradenode {

namespace {

bool is_open_at_venue(order_status x) {
  return x == order_status::accepted || x == order_status::partially_filled
         || x == order_status::triggered;
}

} // namespace

void exec_engine_state::await_answer(const client_order_id& id,
                                     inflight_commands::command command,
                                     const client_id& client) {
  awaiting.sent(id, command, client, clock->now());
}

caf::result<caf::ok_atom> exec_engine_state::wait_for_inflight(caf::timespan timeout) {
  if (awaiting.empty())
    return caf::ok_atom_v;
  auto id = ++inflight_waits;
  auto promise = self->make_response_promise<caf::ok_atom>();
  inflight_waiters.emplace(id, promise);
  self->delayed_send(self, timeout, caf::tick_atom_v, caf::wait_for_atom_v, id);
  return promise;
}

void exec_engine_state::inflight_wait_timed_out(uint64_t id) {
  auto i = inflight_waiters.find(id);
  if (i == inflight_waiters.end())
    return;
  auto what = std::to_string(awaiting.size()) + " order(s) with unanswered commands: "
              + awaiting.describe();
  lifecycle.log().warn("Gave up waiting for {}", what);
  i->second.deliver(caf::make_error(errc::timeout, "gave up waiting for " + what));
  inflight_waiters.erase(i);
}

void exec_engine_state::schedule_inflight_check() {
  if (cfg.inflight_check_interval.count() <= 0 || inflight_check_armed)
    return;
  inflight_check_armed = true;
  self->delayed_send(self, clock->delay(cfg.inflight_check_interval), caf::tick_atom_v,
                     inflight_atom_v);
}

void exec_engine_state::check_inflight() {
  inflight_check_armed = false;
  auto now = clock->now();
  std::map<client_id, std::set<client_order_id>> queries;
  std::vector<client_order_id> exhausted;
  for (auto& [id, wait] : awaiting.entries()) {
    if (caf::timespan{static_cast<int64_t>(now - wait.oldest())} < cfg.inflight_check_threshold)
      continue;
    if (wait.queries >= cfg.inflight_check_retries) {
      exhausted.push_back(id);
      continue;
    }
    ++wait.queries;
    queries[wait.client].insert(id);
  }
  for (auto& id : exhausted)
    resolve_inflight(id);
  for (auto& query : queries) {
    // Named copies: lambdas cannot capture structured bindings before clang 16.
    auto client = query.first;
    auto queried = query.second;
    auto i = clients.find(client);
    if (i == clients.end())
      continue;
    lifecycle.log().warn("In-flight check: querying {} order(s) at client {} (first: {})",
                         queried.size(), client.value(), queried.begin()->value());
    self->request(i->second, cfg.inflight_check_threshold, caf::get_atom_v, mass_status_atom_v)
      .then([this, queried](const execution_mass_status& x) { answer_query(x, queried); },
            [this, client, n = queried.size()](const caf::error& err) {
              lifecycle.log().warn("In-flight check: client {} did not answer the query of {} "
                                   "order(s): {}",
                                   client.value(), n, describe(err));
            });
  }
  schedule_inflight_check();
}

void exec_engine_state::answer_query(const execution_mass_status& x,
                                     const std::set<client_order_id>& queried) {
  for (auto& r : x.order_reports) {
    auto o = find_reported(r);
    if (!o || queried.count(o->client_order_id()) == 0
        || awaiting.find(o->client_order_id()) == nullptr)
      continue;
    auto id = o->client_order_id();
    align(*o, r, x.fill_reports);
    if (!is_open_at_venue(r.status))
      continue;
    // The venue holds the order open: the cancels and modifies still
    // awaited never reached it. Each rejection answers one of them.
    auto* wait = awaiting.find(id);
    if (wait == nullptr)
      continue;
    std::vector<inflight_commands::command> unreceived;
    for (auto& c : wait->commands)
      if (c.awaited != inflight_commands::command::submit)
        unreceived.push_back(c.awaited);
    auto ts = clock->now();
    for (auto c : unreceived) {
      auto reason = std::string{"the venue did not receive the "} + to_string(c)
                    + " (in-flight check)";
      if (c == inflight_commands::command::cancel) {
        auto ev = generated_event<order_cancel_rejected>(*o, next_id(), ts, o->venue_order_id(),
                                                         o->account_id());
        ev.reason = std::move(reason);
        on_event(order_event{std::move(ev)});
      } else {
        auto ev = generated_event<order_modify_rejected>(*o, next_id(), ts, o->venue_order_id(),
                                                         o->account_id());
        ev.reason = std::move(reason);
        on_event(order_event{std::move(ev)});
      }
    }
  }
}

void exec_engine_state::resolve_inflight(const client_order_id& id) {
  // A copy: the event applied below answers the order and erases its entry.
  auto wait = *awaiting.find(id);
  auto& o = orders.at(id);
  auto was = o.status();
  auto ts = clock->now();
  auto reason = "no report from client " + wait.client.value() + " after "
                + std::to_string(wait.queries) + " in-flight quer"
                + (wait.queries == 1 ? "y" : "ies");
  if (was == order_status::initialized || was == order_status::submitted) {
    auto ev = generated_event<order_rejected>(o, next_id(), ts, o.venue_order_id(),
                                                    o.account_id());
    ev.reason = reason;
    on_event(order_event{std::move(ev)});
  } else if (!o.is_closed()) {
    on_event(order_event{
      generated_event<order_canceled>(o, next_id(), ts, o.venue_order_id(), o.account_id())});
  }
  ++resolved_inflight;
  lifecycle.log().error("In-flight check: order {} ({}, its {} unanswered): {}; now {}",
                        id.value(), to_string(was), to_string(wait.commands.front().awaited),
                        reason, to_string(o.status()));
  // Whatever the table allowed, the order no longer waits.
  if (awaiting.forget(id))
    settle_waiters();
}

} // namespace tradenode
