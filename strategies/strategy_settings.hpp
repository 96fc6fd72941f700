#pragma once

#include <initializer_list>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "tradenode/messages/identifiers.hpp"
#include "tradenode/messages/quantity.hpp"

namespace tradenode::examples {

/// Reads an example strategy's `settings`; every error is a
/// std::invalid_argument naming the key ("settings.trade_size: missing").
class strategy_settings {
public:
  /// Throws for a key not in `known`.
  strategy_settings(const nlohmann::json& settings, std::initializer_list<const char*> known)
    : settings_(settings) {
    for (auto& [key, value] : settings.items()) {
      bool listed = false;
      for (auto* name : known)
        listed = listed || key == name;
      if (!listed)
        throw std::invalid_argument("settings." + key + ": unknown key");
    }
  }

  template <class T>
  T required(const char* key) const {
    if (!settings_.contains(key))
      throw std::invalid_argument(std::string{"settings."} + key + ": missing");
    try {
      return settings_.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(std::string{"settings."} + key + ": wrong type");
    }
  }

  template <class T>
  T get_or(const char* key, T fallback) const {
    return settings_.contains(key) ? required<T>(key) : fallback;
  }

  tradenode::instrument_id instrument_id(const char* key) const {
    auto id = tradenode::instrument_id::make(required<std::string>(key));
    if (!id)
      throw std::invalid_argument(std::string{"settings."} + key + ": " + describe(id.error()));
    return *id;
  }

  quantity positive_quantity(const char* key) const {
    auto size = quantity::parse(required<std::string>(key));
    if (!size || size->raw() <= 0)
      throw std::invalid_argument(std::string{"settings."} + key
                                  + ": expected a positive decimal string");
    return *size;
  }

private:
  const nlohmann::json& settings_;
};

} // namespace tradenode::examples
