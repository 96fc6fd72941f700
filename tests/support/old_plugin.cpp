// A plugin as one built against another tradenode version would be: its
// entry point reports 0.0.9 (the node must refuse it before calling it).
#include "tradenode/node/plugin.hpp"

namespace {

caf::error register_nothing(tradenode::factory_registry&) {
  return caf::error{};
}

} // namespace

extern "C" __attribute__((visibility("default"))) const tradenode::plugin_entry*
tradenode_plugin_entry() {
  static const tradenode::plugin_entry entry{"0.0.9", "old_plugin", &register_nothing};
  return &entry;
}
