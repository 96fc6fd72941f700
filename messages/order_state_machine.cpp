#include "tradenode/messages/order_state_machine.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

using enum order_status;

} // namespace

const std::array<order_transition, 62> order_state_table = {{
  {initialized, denied, denied},
  {initialized, emulated, emulated},
  {initialized, released, released},
  {initialized, submitted, submitted},
  {initialized, rejected, rejected},
  {initialized, accepted, accepted},
  {initialized, canceled, canceled},
  {initialized, expired, expired},
  {initialized, triggered, triggered},
  {emulated, canceled, canceled},
  {emulated, expired, expired},
  {emulated, released, released},
  {released, denied, denied},
  {released, submitted, submitted},
  {released, canceled, canceled},
  {submitted, pending_update, pending_update},
  {submitted, pending_cancel, pending_cancel},
  {submitted, rejected, rejected},
  {submitted, canceled, canceled},
  {submitted, accepted, accepted},
  {submitted, partially_filled, partially_filled},
  {submitted, filled, filled},
  {accepted, rejected, rejected},
  {accepted, pending_update, pending_update},
  {accepted, pending_cancel, pending_cancel},
  {accepted, canceled, canceled},
  {accepted, triggered, triggered},
  {accepted, expired, expired},
  {accepted, partially_filled, partially_filled},
  {accepted, filled, filled},
  {canceled, partially_filled, partially_filled},
  {canceled, filled, filled},
  {pending_update, rejected, rejected},
  {pending_update, accepted, accepted},
  {pending_update, canceled, canceled},
  {pending_update, expired, expired},
  {pending_update, triggered, triggered},
  {pending_update, submitted, pending_update},
  {pending_update, pending_update, pending_update},
  {pending_update, pending_cancel, pending_cancel},
  {pending_update, partially_filled, partially_filled},
  {pending_update, filled, filled},
  {pending_cancel, rejected, rejected},
  {pending_cancel, pending_cancel, pending_cancel},
  {pending_cancel, canceled, canceled},
  {pending_cancel, expired, expired},
  {pending_cancel, accepted, accepted},
  {pending_cancel, partially_filled, partially_filled},
  {pending_cancel, filled, filled},
  {triggered, rejected, rejected},
  {triggered, pending_update, pending_update},
  {triggered, pending_cancel, pending_cancel},
  {triggered, canceled, canceled},
  {triggered, expired, expired},
  {triggered, partially_filled, partially_filled},
  {triggered, filled, filled},
  {partially_filled, pending_update, pending_update},
  {partially_filled, pending_cancel, pending_cancel},
  {partially_filled, canceled, canceled},
  {partially_filled, expired, expired},
  {partially_filled, partially_filled, partially_filled},
  {partially_filled, filled, filled},
}};

namespace {

constexpr size_t status_count = enum_names<order_status>::values.size();

// The table as a dense lookup: next status + 1 per (current, trigger), 0 when
// the pair is not allowed. Built once; transition() is then O(1).
auto make_lookup() {
  std::array<std::array<uint8_t, status_count>, status_count> lookup{};
  for (auto& row : order_state_table)
    lookup[static_cast<size_t>(row.current)][static_cast<size_t>(row.trigger)]
      = static_cast<uint8_t>(static_cast<size_t>(row.next) + 1);
  return lookup;
}

const auto lookup = make_lookup();

} // namespace

caf::expected<order_status> transition(order_status current, order_status trigger) {
  if (is_valid_enum(current) && is_valid_enum(trigger)) {
    auto next = lookup[static_cast<size_t>(current)][static_cast<size_t>(trigger)];
    if (next != 0)
      return static_cast<order_status>(next - 1);
  }
  return caf::make_error(errc::invalid_state_transition,
                         to_string(current) + " -> " + to_string(trigger));
}

} // namespace tradenode
