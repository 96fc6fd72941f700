#pragma once

#include <caf/optional.hpp>

#include "tradenode/messages/data/bar_type.hpp"
#include "tradenode/messages/enums.hpp"
#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/unix_nanos.hpp"
#include "tradenode/messages/uuid.hpp"

namespace tradenode {

/// Ends a subscription made with subscribe_data.
struct unsubscribe_data {
  tradenode::data_kind kind = tradenode::data_kind::quotes;
  tradenode::instrument_id instrument_id;
  /// Required for BARS.
  caf::optional<tradenode::bar_type> bar_type;
  /// Routes to this client instead of the one for the venue.
  caf::optional<tradenode::client_id> client_id;
  tradenode::uuid4 command_id;
  unix_nanos ts_init = 0;

  friend bool operator==(const unsubscribe_data&, const unsubscribe_data&) = default;
};

TRADENODE_REFLECT(unsubscribe_data, kind, instrument_id, bar_type, client_id,
                  command_id, ts_init)

} // namespace tradenode
