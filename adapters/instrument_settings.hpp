#pragma once

#include <string>
#include <vector>

#include <caf/optional.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/instrument.hpp"

namespace tradenode {

/// Reads a data client's instruments from its settings: either `inline_list`
/// (the `instruments` array) or the JSON file `file` (`instruments_file`,
/// resolved by the caller, holding the same array). Exactly
/// one must be given. `ts_event` and `ts_init` are optional (0: known from the
/// start). Throws `json_error` naming the key and entry that is wrong
/// (`instruments[1].price_increment: ...`).
std::vector<instrument> read_instruments(const nlohmann::json* inline_list,
                                         const caf::optional<std::string>& file);

/// Returns the ids of `xs`, in order.
std::vector<instrument_id> ids_of(const std::vector<instrument>& xs);

} // namespace tradenode
