#include "tradenode/strategies/strategy_settings.hpp"

#include <algorithm>

namespace tradenode::strategies {

strategy_settings::strategy_settings(const nlohmann::json& settings,
                                     std::initializer_list<const char*> known)
  : settings_(settings) {
  if (!settings.is_object()) {
    problems_.push_back({"", std::string{"expected an object, got "} + settings.type_name()});
    return;
  }
  std::vector<std::string> valid(known.begin(), known.end());
  std::sort(valid.begin(), valid.end());
  for (auto& item : settings.items())
    if (std::find(valid.begin(), valid.end(), item.key()) == valid.end())
      problems_.push_back({item.key(), "unknown key" + did_you_mean(item.key(), valid)});
}

const nlohmann::json* strategy_settings::find(const char* key, bool required) {
  if (settings_.is_object())
    if (auto i = settings_.find(key); i != settings_.end())
      return &*i;
  if (required)
    problems_.push_back({key, "missing"});
  return nullptr;
}

int64_t strategy_settings::integer_or(const char* key, int64_t fallback) {
  auto* j = find(key, false);
  if (j == nullptr)
    return fallback;
  if (!j->is_number_integer()) {
    problems_.push_back({key, std::string{"expected an integer, got "} + j->type_name()});
    return fallback;
  }
  return j->get<int64_t>();
}

instrument_id strategy_settings::instrument_id(const char* key) {
  auto* j = find(key, true);
  if (j == nullptr)
    return {};
  if (!j->is_string()) {
    problems_.push_back({key, std::string{"expected an instrument id string such as "
                                          "\"BTCUSDT.BINANCE\", got "}
                                + j->type_name()});
    return {};
  }
  auto id = instrument_id::make(j->get<std::string>());
  if (!id) {
    problems_.push_back({key, reason_of(id.error())});
    return {};
  }
  return *id;
}

quantity strategy_settings::positive_quantity(const char* key) {
  auto* j = find(key, true);
  if (j == nullptr)
    return {};
  if (!j->is_string()) {
    problems_.push_back({key, std::string{"expected a positive decimal string such as "
                                          "\"0.010\", got "}
                                + j->type_name()});
    return {};
  }
  auto size = quantity::parse(j->get<std::string>());
  if (!size || size->raw() <= 0) {
    problems_.push_back({key, "expected a positive decimal string such as \"0.010\", got \""
                                + j->get<std::string>() + "\""});
    return {};
  }
  return *size;
}

void strategy_settings::require(bool ok, const char* key, std::string reason) {
  if (!ok)
    problems_.push_back({key, std::move(reason)});
}

void strategy_settings::finish() const {
  if (!problems_.empty())
    throw json_error{problems_};
}

} // namespace tradenode::strategies
