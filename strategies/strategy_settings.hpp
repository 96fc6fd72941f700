#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/quantity.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode::strategies {

/// Reads a built-in strategy's `settings` and keeps every problem it finds
/// (an unknown key with the closest known one, a missing key, a value of the
/// wrong form, a rule broken); finish() throws them all as one json_error,
/// each with its path below `settings`. An accessor whose value has a problem
/// returns its fallback, so that reading goes on.
class strategy_settings {
public:
  /// Notes every key of `settings` not in `known`.
  strategy_settings(const nlohmann::json& settings, std::initializer_list<const char*> known);

  /// Returns the integer at `key`, or `fallback` when absent.
  int64_t integer_or(const char* key, int64_t fallback);

  /// Returns the instrument id at `key` (required).
  tradenode::instrument_id instrument_id(const char* key);

  /// Returns the positive decimal string at `key` (required) as a quantity.
  quantity positive_quantity(const char* key);

  /// Notes `reason` for `key` unless `ok`.
  void require(bool ok, const char* key, std::string reason);

  /// Throws every problem noted, if any.
  void finish() const;

private:
  /// Returns the value at `key`, or null (noting "missing" when `required`).
  const nlohmann::json* find(const char* key, bool required);

  const nlohmann::json& settings_;
  std::vector<json_error::problem> problems_;
};

} // namespace tradenode::strategies
