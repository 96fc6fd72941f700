// libFuzzer target: CAF's binary deserialization of every type in
// tradenode's type-id block, as a remote peer's bytes reach it. The first
// byte picks the type; the rest are its bytes. Any input must give a value
// (checked by the type's own load callbacks) or an error, never a crash.
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include <caf/binary_deserializer.hpp>
#include <caf/deep_to_string.hpp>

#include "tradenode/messages/register_types.hpp"
#include "tradenode/messages/type_ids.hpp"

namespace {

using load_fn = void (*)(const std::vector<char>&);

template <caf::type_id_t I>
void load(const std::vector<char>& bytes) {
  typename caf::type_by_id<I>::type value;
  caf::binary_deserializer source{nullptr, bytes};
  if (!source(value))
    (void) caf::deep_to_string(value);
}

template <caf::type_id_t... Is>
constexpr auto make_loaders(std::integer_sequence<caf::type_id_t, Is...>) {
  return std::array<load_fn, sizeof...(Is)>{&load<caf::id_block::tradenode::begin + Is>...};
}

constexpr auto loaders = make_loaders(
  std::make_integer_sequence<caf::type_id_t,
                             caf::id_block::tradenode::end - caf::id_block::tradenode::begin>{});

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  std::vector<char> bytes{reinterpret_cast<const char*>(data) + 1,
                          reinterpret_cast<const char*>(data) + size};
  loaders[data[0] % loaders.size()](bytes);
  return 0;
}
