#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <caf/detail/type_traits.hpp>
#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <caf/timespan.hpp>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

/// Components a step is sent to, each with the name errors and logs use.
template <class Handle>
using named = std::vector<std::pair<std::string, Handle>>;

/// Names each client of `xs` as "<kind> <id>" (e.g. "data client FEED").
template <class Id, class Handle>
named<Handle> named_clients(const std::map<Id, Handle>& xs, const char* kind) {
  named<Handle> result;
  for (auto& [id, handle] : xs)
    result.emplace_back(std::string{kind} + " " + id.value(), handle);
  return result;
}

/// Returns "60s" or "0.25s" for log lines and error contexts.
std::string format_seconds(caf::timespan d);

/// Maps the failure of one component in one step to a tradenode error:
/// `errc::timeout` for a request timeout, else `failure_code`, each naming
/// the step and the component ("connect: client SANDBOX timed out after 60s").
caf::error step_error(const std::string& step, const std::string& who,
                      const caf::error& err, caf::timespan timeout, errc failure_code);

/// Collects the answers of one step sent to several components; calls `done`
/// once with the first error (or none) after the last answer.
struct step_tracker {
  std::string step;
  size_t pending = 0;
  caf::error first_error;
  std::function<void(caf::error)> done;

  void settle(caf::error err) {
    if (err && !first_error)
      first_error = std::move(err);
    if (--pending == 0)
      done(std::move(first_error));
  }
};

namespace detail {

// Binds a reply handler `(const std::string& who, Replies...) -> caf::error`
// to one component, with a concrete signature CAF can match the response to.
template <class F, class Args>
struct bound_reply;

template <class F, class Who, class... Replies>
struct bound_reply<F, caf::detail::type_list<Who, Replies...>> {
  F f;
  std::string who;
  std::shared_ptr<step_tracker> tracker;

  void operator()(Replies... replies) {
    tracker->settle(f(who, std::forward<Replies>(replies)...));
  }
};

} // namespace detail

/// Sends `xs...` to each (name, handle) in `targets` with `timeout` and settles
/// `tracker` once per target: with `on_reply`'s result, or with step_error().
/// The caller sets tracker->pending to the total number of targets first.
template <class Self, class Handle, class OnReply, class... Ts>
void request_all(Self* self, const std::vector<std::pair<std::string, Handle>>& targets,
                 caf::timespan timeout, const std::shared_ptr<step_tracker>& tracker,
                 errc failure_code, OnReply on_reply, const Ts&... xs) {
  using args = typename caf::detail::get_callable_trait<OnReply>::arg_types;
  for (auto& [who, handle] : targets) {
    detail::bound_reply<OnReply, args> on_ok{on_reply, who, tracker};
    self->request(handle, timeout, xs...)
      .then(std::move(on_ok),
            [tracker, who = who, timeout, failure_code](caf::error& err) {
              tracker->settle(step_error(tracker->step, who, err, timeout, failure_code));
            });
  }
}

/// Returns a tracker for `step` expecting `count` answers; `done` runs at once
/// (with no error) when `count` is zero.
std::shared_ptr<step_tracker> make_tracker(std::string step, size_t count,
                                           std::function<void(caf::error)> done);

} // namespace tradenode
