#include "tradenode/messages/reflect.hpp"

#include <algorithm>

namespace tradenode {

namespace {

std::string lines_of(const std::vector<json_error::problem>& problems,
                     std::string_view prefix) {
  std::string result;
  for (auto& x : problems) {
    if (!result.empty())
      result += '\n';
    auto path = join_json_path(prefix, x.path);
    result += path.empty() ? x.reason : path + ": " + x.reason;
  }
  return result;
}

// The edit distance of `a` and `b` (insertions, deletions, substitutions).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    auto diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      auto above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

} // namespace

json_error::json_error(std::string path, std::string reason)
  : json_error(std::vector<problem>{{std::move(path), std::move(reason)}}) {
  // nop
}

json_error::json_error(std::vector<problem> problems)
  : std::runtime_error(lines_of(problems, {})), problems_(std::move(problems)) {
  // nop
}

json_error json_error::nested_in(std::string_view key) const {
  auto result = problems_;
  for (auto& x : result)
    x.path = join_json_path(key, x.path);
  return json_error{std::move(result)};
}

std::string join_json_path(std::string_view prefix, std::string_view path) {
  if (prefix.empty())
    return std::string{path};
  if (path.empty())
    return std::string{prefix};
  return std::string{prefix} + (path.front() == '[' ? "" : ".") + std::string{path};
}

std::string problem_lines(const json_error& e, std::string_view prefix) {
  return lines_of(e.problems(), prefix);
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& valid) {
  if (valid.empty())
    return {};
  const std::string* closest = nullptr;
  size_t best = std::max<size_t>(2, name.size() / 3) + 1;
  for (auto& x : valid)
    if (auto d = edit_distance(name, x); d < best) {
      best = d;
      closest = &x;
    }
  // A name cut short ("connect" for "connection") is a typo too.
  if (!closest && name.size() >= 3)
    for (auto& x : valid)
      if (x.rfind(name, 0) == 0) {
        closest = &x;
        break;
      }
  std::string result = " (";
  if (closest)
    result += "did you mean \"" + *closest + "\"? ";
  result += "expected one of: ";
  for (size_t i = 0; i < valid.size(); ++i)
    result += (i == 0 ? "" : ", ") + valid[i];
  return result + ")";
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
  auto problems = problems_;
  std::vector<std::string> valid;
  for (auto& item : object_.items()) {
    if (std::find(known_.begin(), known_.end(), item.key()) != known_.end())
      continue;
    if (valid.empty()) {
      valid.assign(known_.begin(), known_.end());
      std::sort(valid.begin(), valid.end());
    }
    problems.push_back({item.key(), "unknown key" + did_you_mean(item.key(), valid)});
  }
  if (!problems.empty())
    throw json_error{std::move(problems)};
}

} // namespace detail

} // namespace tradenode
