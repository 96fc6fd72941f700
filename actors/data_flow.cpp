#include "tradenode/actors/data_flow.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

bool subscriber_flow::hold(const quote_tick& x, bool conflate) {
  auto seq = popped_ + queue_.size();
  auto [i, added] = held_.try_emplace(x.instrument_id, seq, seq);
  auto& [last, last_quote] = i->second;
  if (conflate && !added && last == last_quote && last_quote >= popped_) {
    queue_[last_quote - popped_] = caf::make_message(x);
    return true;
  }
  last = last_quote = seq;
  queue_.push_back(caf::make_message(x));
  return false;
}

void subscriber_flow::hold(caf::message x, const instrument_id& id) {
  auto seq = popped_ + queue_.size();
  // From here on, no earlier quote of `id` may be replaced (last != last quote).
  held_.try_emplace(id, seq, seq - 1).first->second.first = seq;
  queue_.push_back(std::move(x));
}

bool subscriber_flow::next(uint64_t window, caf::message& out) {
  if (queue_.empty() || in_flight_ >= window)
    return false;
  out = std::move(queue_.front());
  queue_.pop_front();
  ++popped_;
  ++in_flight_;
  if (queue_.empty())
    held_.clear();
  return true;
}

caf::expected<slow_subscriber_policy>
parse_slow_subscriber_policy(const std::string& text) {
  if (text == "conflate")
    return slow_subscriber_policy::conflate;
  if (text == "backpressure")
    return slow_subscriber_policy::backpressure;
  return caf::make_error(errc::invalid_config,
                         "expected \"conflate\" or \"backpressure\", got \"" + text
                           + "\"");
}

} // namespace tradenode
