#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deep_to_string.hpp>
#include <caf/message.hpp>

#include "message_samples.hpp"
#include "tradenode/messages/register_types.hpp"

namespace tn = tradenode;

namespace {

struct registered_system {
  caf::actor_system_config cfg;
  caf::actor_system sys;

  registered_system() : sys(init(cfg)) {
  }

  static caf::actor_system_config& init(caf::actor_system_config& cfg) {
    tn::register_types(cfg);
    return cfg;
  }
};

template <class T>
void check_binary_round_trip(const T& original) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  auto copy = original;
  REQUIRE_FALSE(sink(copy));
  T restored;
  caf::binary_deserializer source{nullptr, buf};
  auto err = source(restored);
  REQUIRE_MESSAGE(!err, tn::describe(err));
  CHECK(restored == original);
  CHECK(source.remaining() == 0);
}

template <class T>
void check_json_round_trip(const T& original) {
  auto text = tn::to_json_value(original).dump();
  auto restored = tn::from_json_value<T>(nlohmann::json::parse(text), "sample");
  REQUIRE_MESSAGE(restored, tn::describe(restored.error()) << " in " << text);
  CHECK(*restored == original);
}

// Sends the value through CAF's message serialization, which looks the type up
// by its registered name: this fails for a type missing from the id block.
template <class T>
void check_message_round_trip(caf::actor_system& sys, const T& original) {
  auto msg = caf::make_message(original);
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  REQUIRE_FALSE(sink(msg));
  caf::message restored;
  caf::binary_deserializer source{sys, buf};
  auto err = source(restored);
  REQUIRE_MESSAGE(!err, sys.render(err));
  REQUIRE(restored.match_elements<T>());
  CHECK(restored.get_as<T>(0) == original);
}

template <caf::type_id_t I>
void check_registered_type(caf::actor_system& sys) {
  using type = typename caf::type_by_id<I>::type;
  INFO("type ", std::string{caf::type_name_by_id<I>::value});
  auto value = tn::test::sample<type>();
  check_binary_round_trip(value);
  check_json_round_trip(value);
  check_message_round_trip(sys, value);
}

// Walks the whole id block, so a type added to it without a sample does not compile.
template <caf::type_id_t... Is>
size_t check_every_registered_type(caf::actor_system& sys,
                                   std::integer_sequence<caf::type_id_t, Is...>) {
  (check_registered_type<caf::id_block::tradenode::begin + Is>(sys), ...);
  return sizeof...(Is);
}

} // namespace

TEST_CASE("every registered message type round-trips through CAF and JSON unchanged") {
  registered_system fixture;
  constexpr auto count = caf::id_block::tradenode::end - caf::id_block::tradenode::begin;
  auto checked = check_every_registered_type(
    fixture.sys, std::make_integer_sequence<caf::type_id_t, count>{});
  CHECK_EQ(checked, 63);
}

TEST_CASE("every order event alternative round-trips as an order_event") {
  registered_system fixture;
  std::vector<tn::order_event> events = {
    tn::test::sample<tn::order_initialized>(), tn::test::sample<tn::order_denied>(),
    tn::test::sample<tn::order_submitted>(), tn::test::sample<tn::order_accepted>(),
    tn::test::sample<tn::order_rejected>(), tn::test::sample<tn::order_canceled>(),
    tn::test::sample<tn::order_expired>(), tn::test::sample<tn::order_triggered>(),
    tn::test::sample<tn::order_pending_update>(),
    tn::test::sample<tn::order_pending_cancel>(),
    tn::test::sample<tn::order_modify_rejected>(),
    tn::test::sample<tn::order_cancel_rejected>(),
    tn::test::sample<tn::order_updated>(), tn::test::sample<tn::order_filled>()};
  CHECK(events.size() == caf::detail::tl_size<tn::order_event::types>::value);
  for (auto& ev : events) {
    INFO(tn::event_name(ev));
    check_binary_round_trip(ev);
    check_json_round_trip(ev);
    check_message_round_trip(fixture.sys, ev);
  }
}

TEST_CASE("binary deserialization refuses an invalid identifier") {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  std::string text = "nohyphen";
  REQUIRE_FALSE(sink(text));
  tn::trader_id id;
  caf::binary_deserializer source{nullptr, buf};
  auto err = source(id);
  REQUIRE(err);
  CHECK(tn::describe(err).find("trader_id \"nohyphen\"") != std::string::npos);
}

TEST_CASE("binary deserialization refuses a fixed-point value breaking its invariants") {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  int64_t raw = -1'000'000'000;
  uint8_t precision = 0;
  REQUIRE_FALSE(sink(raw, precision));
  tn::quantity qty;
  caf::binary_deserializer source{nullptr, buf};
  auto err = source(qty);
  REQUIRE(err);
  CHECK(tn::describe(err).find("must not be negative") != std::string::npos);
}

TEST_CASE("messages print readably through CAF's to_string") {
  auto text = caf::deep_to_string(tn::test::sample<tn::quote_tick>());
  CHECK(text.find("quote_tick") != std::string::npos);
  CHECK(text.find("BTCUSDT.BINANCE") != std::string::npos);
}

TEST_CASE("an order_event with an unknown type tag is an error, not an exception") {
  // CAF 0.17's variant loader throws on such a tag; a peer's bytes may hold
  // one (fuzz/message_fuzzer found it).
  for (uint8_t tag : {uint8_t{14}, uint8_t{45}, uint8_t{255}}) {
    std::vector<char> buf{static_cast<char>(tag), '2'};
    tn::order_event ev;
    caf::binary_deserializer source{nullptr, buf};
    auto err = source(ev);
    REQUIRE(err);
    CHECK(tn::describe(err).find("order_event: unknown type tag " + std::to_string(tag))
          != std::string::npos);
  }
  // A known tag still reads the event it names.
  tn::order_event original = tn::test::sample<tn::order_filled>();
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  REQUIRE_FALSE(sink(original));
  tn::order_event restored;
  caf::binary_deserializer source{nullptr, buf};
  REQUIRE_FALSE(source(restored));
  CHECK(restored == original);
}
