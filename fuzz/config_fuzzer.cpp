// libFuzzer target: the node configuration parser, from JSON text to
// node_config. Any input must give a config or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tradenode/node/node_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text{reinterpret_cast<const char*>(data), size};
  auto cfg = tradenode::parse_node_config_text(text, "fuzz");
  if (!cfg)
    (void) tradenode::describe(cfg.error());
  return 0;
}
