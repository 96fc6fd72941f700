#include "tradenode/adapters/instrument_settings.hpp"

#include <fstream>

#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

nlohmann::json load_instruments_file(const std::string& path) {
  std::ifstream in{path};
  if (!in)
    throw json_error("instruments_file", "cannot open \"" + path + "\"");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw json_error("instruments_file",
                     "\"" + path + "\" is not JSON: " + detail::short_json_message(e));
  }
}

} // namespace

std::vector<instrument> read_instruments(const nlohmann::json* inline_list,
                                         const caf::optional<std::string>& file) {
  if (inline_list != nullptr && file)
    throw json_error("instruments", "give either instruments or instruments_file, not both");
  nlohmann::json loaded;
  const char* key = "instruments";
  if (file) {
    loaded = load_instruments_file(*file);
    inline_list = &loaded;
    key = "instruments_file";
  }
  if (inline_list == nullptr || !inline_list->is_array() || inline_list->empty())
    throw json_error(key, "expected a non-empty array of instruments");
  std::vector<instrument> result;
  for (size_t i = 0; i < inline_list->size(); ++i) {
    auto path = std::string{key} + "[" + std::to_string(i) + "]";
    instrument x;
    try {
      auto entry = (*inline_list)[i];
      if (entry.is_object()) {
        entry.emplace("ts_event", 0);
        entry.emplace("ts_init", 0);
      }
      x = entry.get<instrument>();
    } catch (const json_error& e) {
      throw e.nested_in(path);
    }
    if (auto err = validate(x))
      throw json_error(path, reason_of(err));
    for (auto& earlier : result)
      if (earlier.id == x.id)
        throw json_error(path, "duplicate instrument " + x.id.value());
    result.push_back(std::move(x));
  }
  return result;
}

std::vector<instrument_id> ids_of(const std::vector<instrument>& xs) {
  std::vector<instrument_id> result;
  for (auto& x : xs)
    result.push_back(x.id);
  return result;
}

} // namespace tradenode
