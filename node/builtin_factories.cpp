#include "tradenode/node/builtin_factories.hpp"

namespace tradenode {

factory_registry builtin_factories() {
  return factory_registry{};
}

} // namespace tradenode
