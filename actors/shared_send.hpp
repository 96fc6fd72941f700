#pragma once

#include <caf/actor_cast.hpp>
#include <caf/message.hpp>
#include <caf/message_id.hpp>

namespace tradenode {

/// Enqueues `x` into `dest`'s mailbox with `self` as the sender. Unlike
/// `send`, which copies its arguments into a new message per receiver, the
/// same message (its content refcounted, read-only to every receiver) can go
/// to many: one copy of a tick or an event instead of one per subscriber.
/// `x` must be a message `dest`'s interface accepts; a null `dest` is skipped.
template <class Self, class Handle>
void send_shared(Self* self, const Handle& dest, const caf::message& x) {
  if (auto ptr = caf::actor_cast<caf::strong_actor_ptr>(dest))
    ptr->enqueue(self->ctrl(), caf::make_message_id(), x, self->context());
}

} // namespace tradenode
