#include "tradenode/actors/exec_engine.hpp"

#include "tradenode/actors/generated_event.hpp"
#include "tradenode/messages/unix_nanos.hpp"

// The execution engine's in-flight check: orders whose command the venue has
// not answered are queried, then resolved (exec_engine_config.hpp says how).

namespace tradenode {

namespace {

const char* name_of(inflight_order::command x) {
  switch (x) {
    case inflight_order::command::submit:
      return "submit";
    case inflight_order::command::cancel:
      return "cancel";
    default:
      return "modify";
  }
}

bool is_open_at_venue(order_status x) {
  return x == order_status::accepted || x == order_status::partially_filled
         || x == order_status::triggered;
}

} // namespace

void exec_engine_state::await_answer(const client_order_id& id, inflight_order::command command,
                                     const client_id& client) {
  awaiting.insert_or_assign(id, inflight_order{command, client, self->clock().now(), 0});
}

void exec_engine_state::schedule_inflight_check() {
  if (cfg.inflight_check_interval.count() <= 0 || inflight_check_armed)
    return;
  inflight_check_armed = true;
  self->delayed_send(self, cfg.inflight_check_interval, caf::tick_atom_v, inflight_atom_v);
}

void exec_engine_state::check_inflight() {
  inflight_check_armed = false;
  auto now = self->clock().now();
  std::map<client_id, std::set<client_order_id>> queries;
  std::vector<client_order_id> exhausted;
  for (auto& [id, wait] : awaiting) {
    if (now - wait.since < cfg.inflight_check_threshold)
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
    if (!o || queried.count(o->client_order_id()) == 0 || awaiting.count(o->client_order_id()) == 0)
      continue;
    auto id = o->client_order_id();
    align(*o, r, x.fill_reports);
    auto wait = awaiting.find(id);
    if (wait == awaiting.end() || !is_open_at_venue(r.status))
      continue;
    // The venue holds the order open: the cancel or modify never reached it.
    auto reason = std::string{"the venue did not receive the "} + name_of(wait->second.awaited)
                  + " (in-flight check)";
    auto ts = unix_nanos_now();
    if (wait->second.awaited == inflight_order::command::cancel) {
      auto ev = generated_event<order_cancel_rejected>(*o, next_id(), ts, o->venue_order_id(),
                                                           o->account_id());
      ev.reason = reason;
      on_event(order_event{std::move(ev)});
    } else if (wait->second.awaited == inflight_order::command::modify) {
      auto ev = generated_event<order_modify_rejected>(*o, next_id(), ts, o->venue_order_id(),
                                                           o->account_id());
      ev.reason = reason;
      on_event(order_event{std::move(ev)});
    }
  }
}

void exec_engine_state::resolve_inflight(const client_order_id& id) {
  // A copy: the event applied below answers the order and erases its entry.
  auto wait = awaiting.at(id);
  auto& o = orders.at(id);
  auto was = o.status();
  auto ts = unix_nanos_now();
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
                        id.value(), to_string(was), name_of(wait.awaited), reason,
                        to_string(o.status()));
  // Whatever the table allowed, the order no longer waits.
  if (awaiting.erase(id) > 0)
    settle_waiters();
}

} // namespace tradenode
