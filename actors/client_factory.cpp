#include "tradenode/actors/client_factory.hpp"

#include <filesystem>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

std::string resolve_path(const std::string& base_dir, const std::string& path) {
  if (base_dir.empty() || path.empty() || std::filesystem::path{path}.is_absolute())
    return path;
  return (std::filesystem::path{base_dir} / path).lexically_normal().string();
}

caf::error settings_error(const json_error& e) {
  return caf::make_error(errc::invalid_config, problem_lines(e, "settings"));
}

} // namespace tradenode
