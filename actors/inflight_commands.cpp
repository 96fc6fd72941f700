#include "tradenode/actors/inflight_commands.hpp"

#include <algorithm>
#include <tuple>
#include <type_traits>

namespace tradenode {

namespace {

using command = inflight_commands::command;

// The command an event answers while its order stays open, if any: a fill
// means the venue has the order, whatever else is still on its way.
template <class Event>
caf::optional<command> answered_command() {
  if constexpr (std::is_same_v<Event, order_accepted> || std::is_same_v<Event, order_filled>)
    return command::submit;
  else if constexpr (std::is_same_v<Event, order_cancel_rejected>)
    return command::cancel;
  else if constexpr (std::is_same_v<Event, order_modify_rejected>
                     || std::is_same_v<Event, order_updated>)
    return command::modify;
  else
    return caf::none;
}

} // namespace

const char* to_string(command x) {
  switch (x) {
    case command::submit:
      return "submit";
    case command::cancel:
      return "cancel";
    default:
      return "modify";
  }
}

void inflight_commands::sent(const client_order_id& id, command what, const client_id& client,
                             time_point now) {
  auto& e = entries_[id];
  e.client = client;
  e.commands.push_back(sent_command{what, now});
}

bool inflight_commands::answer(const order_event& ev, bool closed) {
  auto i = entries_.find(client_order_id_of(ev));
  if (i == entries_.end())
    return false;
  if (closed) {
    entries_.erase(i);
    return true;
  }
  auto what = caf::visit(
    [](const auto& x) { return answered_command<std::decay_t<decltype(x)>>(); }, ev);
  if (!what)
    return false;
  auto& cmds = i->second.commands;
  // The oldest command of that kind: the venue answers in the order it got them.
  auto c = std::find_if(cmds.begin(), cmds.end(),
                        [&](const sent_command& x) { return x.awaited == *what; });
  if (c == cmds.end())
    return false;
  cmds.erase(c);
  i->second.queries = 0;
  if (cmds.empty())
    entries_.erase(i);
  return true;
}

bool inflight_commands::awaits(const client_order_id& id, command what) const {
  auto i = entries_.find(id);
  return i != entries_.end()
         && std::any_of(i->second.commands.begin(), i->second.commands.end(),
                        [what](const sent_command& c) { return c.awaited == what; });
}

bool inflight_commands::forget(const client_order_id& id) {
  return entries_.erase(id) > 0;
}

inflight_commands::entry* inflight_commands::find(const client_order_id& id) {
  auto i = entries_.find(id);
  return i == entries_.end() ? nullptr : &i->second;
}

std::string inflight_commands::describe(size_t max) const {
  std::vector<std::tuple<time_point, const client_order_id*, const entry*, command>> all;
  for (auto& [id, e] : entries_)
    for (auto& c : e.commands)
      all.emplace_back(c.since, &id, &e, c.awaited);
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& x, const auto& y) { return std::get<0>(x) < std::get<0>(y); });
  std::string result;
  for (size_t i = 0; i < all.size() && i < max; ++i) {
    auto& [since, id, e, what] = all[i];
    if (i > 0)
      result += ", ";
    result += std::string{to_string(what)} + " of " + id->value() + " at client "
              + e->client.value();
  }
  if (all.size() > max)
    result += " and " + std::to_string(all.size() - max) + " more";
  return result;
}

} // namespace tradenode
