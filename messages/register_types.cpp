#include "tradenode/messages/register_types.hpp"

#include <caf/actor_system_config.hpp>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/type_ids.hpp"

namespace tradenode {

void register_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::tradenode>();
  cfg.add_error_category(error_category, render_error);
}

} // namespace tradenode
