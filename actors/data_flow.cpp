#include "tradenode/actors/data_flow.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

template <class Batch, class Tick>
bool subscriber_flow::append_to_tail_batch(const Tick& x) {
  if (!batches_ || queue_.empty())
    return false;
  auto& tail = queue_.back();
  if (tail.ticks >= max_held_batch || !tail.content.match_elements<Batch>())
    return false;
  // content() unshares: a batch also delivered to another subscriber is copied first.
  tail.content.content().get_mutable_as<Batch>(0).ticks.push_back(x);
  ++tail.ticks;
  ++queued_ticks_;
  return true;
}

template <class Batch, class Tick>
void subscriber_flow::push_tick(const Tick& x) {
  if (append_to_tail_batch<Batch>(x))
    return;
  if (batches_) {
    Batch batch;
    batch.ticks.reserve(max_held_batch);
    batch.ticks.push_back(x);
    push(caf::make_message(std::move(batch)), 1);
  } else {
    push(caf::make_message(x), 1);
  }
}

void subscriber_flow::push(caf::message x, uint64_t ticks) {
  queue_.push_back({std::move(x), ticks});
  queued_ticks_ += ticks;
}

bool subscriber_flow::hold(const quote_tick& x) {
  if (!conflate_) {
    push_tick<quote_batch>(x);
    return false;
  }
  auto seq = popped_ + queue_.size();
  auto [i, added] = held_.try_emplace(x.instrument_id, seq, seq);
  auto& [last, last_quote] = i->second;
  if (!added && last == last_quote && last_quote >= popped_) {
    queue_[last_quote - popped_].content = caf::make_message(x);
    return true;
  }
  last = last_quote = seq;
  push(caf::make_message(x), 1);
  return false;
}

void subscriber_flow::hold(const trade_tick& x) {
  if (!conflate_) {
    push_tick<trade_batch>(x);
    return;
  }
  hold(caf::make_message(x), x.instrument_id);
}

void subscriber_flow::hold(caf::message x, const instrument_id& id, uint64_t ticks) {
  if (conflate_) {
    auto seq = popped_ + queue_.size();
    // From here on, no earlier quote of `id` may be replaced (last != last quote).
    held_.try_emplace(id, seq, seq - 1).first->second.first = seq;
  }
  push(std::move(x), ticks);
}

bool subscriber_flow::next(uint64_t window, caf::message& out) {
  if (queue_.empty() || in_flight_ >= window)
    return false;
  auto& front = queue_.front();
  out = std::move(front.content);
  in_flight_ += front.ticks;
  queued_ticks_ -= front.ticks;
  queue_.pop_front();
  ++popped_;
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
