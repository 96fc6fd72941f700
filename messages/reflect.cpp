#include "tradenode/messages/reflect.hpp"

#include <algorithm>

namespace tradenode {

json_error::json_error(std::string path, std::string reason)
  : std::runtime_error(path.empty() ? reason : path + ": " + reason),
    path_(std::move(path)),
    reason_(std::move(reason)) {
  // nop
}

json_error json_error::nested_in(std::string_view key) const {
  std::string path{key};
  if (!path_.empty())
    path += (path_.front() == '[' ? "" : ".") + path_;
  return json_error{std::move(path), reason_};
}

namespace detail {

std::string short_json_message(const std::exception& e) {
  std::string_view text = e.what();
  if (!text.empty() && text.front() == '[') {
    if (auto pos = text.find("] "); pos != std::string_view::npos)
      text.remove_prefix(pos + 2);
  }
  return std::string{text};
}

strict_object_reader::strict_object_reader(const nlohmann::json& object)
  : object_(object) {
  if (!object_.is_object())
    throw json_error("", std::string{"expected an object, got "}
                           + object_.type_name());
}

void strict_object_reader::finish() const {
  for (auto& item : object_.items()) {
    if (std::find(known_.begin(), known_.end(), item.key()) == known_.end())
      throw json_error(item.key(), "unknown key");
  }
}

} // namespace detail

} // namespace tradenode
