#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

#include "tradenode/messages/reflect.hpp"
#include "tradenode/messages/shared_text.hpp"

namespace tradenode {

/// A validated, immutable identifier; `Tag` names the kind and its rules.
/// A default-constructed identifier is empty and invalid (a placeholder only).
/// The text is shared, not copied (see shared_text): an identifier is one pointer.
template <class Tag>
class identifier {
public:
  identifier() = default;

  /// Returns an identifier for `value`, or `errc::invalid_argument` naming
  /// the kind, the value and the rule it breaks.
  [[nodiscard]] static caf::expected<identifier> make(std::string value) {
    if (auto err = Tag::validate(value))
      return err;
    return identifier{std::move(value)};
  }

  /// Returns the identifier for a known-good literal; throws std::invalid_argument
  /// on an invalid one (for constants and tests, not for input).
  static identifier of(std::string value) {
    auto result = make(std::move(value));
    if (!result)
      throw std::invalid_argument(describe(result.error()));
    return std::move(*result);
  }

  /// Returns the identifier's text.
  const std::string& value() const noexcept {
    return text_.str();
  }

  /// Returns whether the identifier holds a value (false only when default-constructed).
  bool empty() const noexcept {
    return text_.empty();
  }

  /// Returns std::hash<std::string> of the text (computed once, at make()).
  size_t hash() const noexcept {
    return text_.hash();
  }

  friend auto operator<=>(const identifier&, const identifier&) = default;
  friend bool operator==(const identifier&, const identifier&) = default;

  friend std::string to_string(const identifier& x) {
    return x.value();
  }

  // Binary deserialization validates like make(), so that no invalid id
  // received from a remote peer ever reaches an actor.
  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, identifier& x) {
    if constexpr (Inspector::reads_state) {
      // Saving only reads the text; CAF's inspectors take non-const references.
      return f(caf::meta::type_name(Tag::name), const_cast<std::string&>(x.value()));
    } else {
      std::string text;
      auto load = [&x, &text]() -> caf::error {
        if (auto err = Tag::validate(text))
          return err;
        x.text_ = shared_text{std::move(text)};
        return caf::none;
      };
      return f(caf::meta::type_name(Tag::name), text, caf::meta::load_callback(load));
    }
  }

  friend void to_json(nlohmann::json& j, const identifier& x) {
    j = x.value();
  }

  friend void from_json(const nlohmann::json& j, identifier& x) {
    detail::from_json_string(j, x, std::string{"a string for "} + Tag::name,
                             [](const std::string& text) { return make(text); });
  }

private:
  explicit identifier(std::string value) : text_(std::move(value)) {
    // nop
  }

  shared_text text_;
};

namespace detail {

/// Checks the rules every identifier shares: not empty, at most 128
/// characters, printable ASCII without spaces.
caf::error validate_identifier(const char* kind, std::string_view value);

/// Additionally requires `separator` with text on both sides (e.g. "TRADER-001").
caf::error validate_compound_identifier(const char* kind, std::string_view value,
                                        char separator, const char* shape);

} // namespace detail

#define TRADENODE_IDENTIFIER_TAG(tag_name, text)                               \
  struct tag_name {                                                            \
    static constexpr const char* name = text;                                  \
    static caf::error validate(std::string_view value);                        \
  };

TRADENODE_IDENTIFIER_TAG(trader_id_tag, "trader_id")
TRADENODE_IDENTIFIER_TAG(strategy_id_tag, "strategy_id")
TRADENODE_IDENTIFIER_TAG(instrument_id_tag, "instrument_id")
TRADENODE_IDENTIFIER_TAG(venue_tag, "venue")
TRADENODE_IDENTIFIER_TAG(client_id_tag, "client_id")
TRADENODE_IDENTIFIER_TAG(account_id_tag, "account_id")
TRADENODE_IDENTIFIER_TAG(client_order_id_tag, "client_order_id")
TRADENODE_IDENTIFIER_TAG(venue_order_id_tag, "venue_order_id")
TRADENODE_IDENTIFIER_TAG(trade_id_tag, "trade_id")
TRADENODE_IDENTIFIER_TAG(position_id_tag, "position_id")

#undef TRADENODE_IDENTIFIER_TAG

/// The trader that runs a node, "NAME-TAG" (e.g. "TRADER-001").
using trader_id = identifier<trader_id_tag>;
/// A strategy, "NAME-TAG" (e.g. "EMACross-001").
using strategy_id = identifier<strategy_id_tag>;
/// An instrument, "SYMBOL.VENUE" (e.g. "BTCUSDT.BINANCE").
using instrument_id = identifier<instrument_id_tag>;
/// A trading venue (e.g. "BINANCE", "SANDBOX").
using venue = identifier<venue_tag>;
/// A data or execution client of the node (e.g. "SANDBOX").
using client_id = identifier<client_id_tag>;
/// An account at a venue, "ISSUER-NUMBER" (e.g. "SANDBOX-001").
using account_id = identifier<account_id_tag>;
/// The id a strategy gives its order (e.g. "O-20240101-000000-001-001-1").
using client_order_id = identifier<client_order_id_tag>;
/// The id a venue gives an order.
using venue_order_id = identifier<venue_order_id_tag>;
/// The id of a trade (fill) at a venue; at most 36 characters.
using trade_id = identifier<trade_id_tag>;
/// A position (e.g. "BTCUSDT.BINANCE-EMACross-001").
using position_id = identifier<position_id_tag>;

/// Returns the symbol part of an instrument id ("BTCUSDT" of "BTCUSDT.BINANCE").
std::string_view symbol_of(const instrument_id& id);

/// Returns the venue part of an instrument id ("BINANCE" of "BTCUSDT.BINANCE").
venue venue_of(const instrument_id& id);

/// The same as text, without making a venue id (which allocates).
std::string_view venue_text_of(const instrument_id& id);

} // namespace tradenode

template <class Tag>
struct std::hash<tradenode::identifier<Tag>> {
  size_t operator()(const tradenode::identifier<Tag>& x) const noexcept {
    return x.hash();
  }
};
