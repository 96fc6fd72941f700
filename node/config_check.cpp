#include "tradenode/node/config_check.hpp"

#include <set>
#include <sstream>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

// Every problem found, each once, in the order found.
class problem_list {
public:
  void add(std::string line) {
    for (auto& x : lines_)
      if (x == line)
        return;
    lines_.push_back(std::move(line));
  }

  // Adds each line of `err`'s context, prefixed with `path` ("data_clients.X").
  void add_lines(const caf::error& err, const std::string& path) {
    std::istringstream in{context_of(err)};
    for (std::string line; std::getline(in, line);)
      add(path + "." + line);
  }

  caf::error error() const {
    std::string text;
    for (auto& x : lines_)
      text += (text.empty() ? "" : "\n") + x;
    return lines_.empty() ? caf::error{} : caf::make_error(errc::invalid_config, text);
  }

private:
  std::vector<std::string> lines_;
};

std::string joined(const std::set<instrument_id>& xs) {
  std::string result;
  for (auto& x : xs)
    result += (result.empty() ? "" : ", ") + x.value();
  return result;
}

} // namespace

caf::expected<config_check_result> check_config(const node_config& cfg,
                                                const factory_registry& factories) {
  problem_list problems;
  config_check_result result;
  for (size_t i = 0; i < cfg.plugins.size(); ++i)
    if (factories.loaded_plugins().count(cfg.plugins[i]) == 0)
      problems.add("plugins[" + std::to_string(i) + "]: \"" + cfg.plugins[i]
                   + "\" is not loaded (the tradenode CLI loads the config's plugins; an "
                     "embedder calls load_plugins(cfg.plugins, factories) first)");
  std::set<instrument_id> provided;
  bool all_known = true;
  auto check_client = [&](const char* section, const char* kind, const client_id& id,
                          const client_config& client, auto* factory,
                          const std::vector<std::string>& names) {
    auto path = std::string{section} + "." + id.value();
    if (!factory) {
      problems.add(path + ".factory: no " + kind + " factory named \"" + client.factory + "\""
                   + did_you_mean(client.factory, names));
      return;
    }
    if (!factory->check)
      return;
    auto venue_id = client.venue_id ? *client.venue_id : venue::of(id.value());
    auto checked
      = factory->check(client_settings{id, client.settings, venue_id, cfg.base_dir});
    if (!checked) {
      problems.add_lines(checked.error(), path);
      all_known = false;
      return;
    }
    if (section == std::string{"data_clients"}) {
      if (checked->stop_node_at_end)
        result.stop_at_end.push_back(id);
      if (checked->data_start) {
        if (result.data_clock)
          problems.add(path + ": a second client replaying recorded data (after data_clients."
                       + result.data_clock->first.value()
                       + "); a node has one clock, that of its data: give one replay client "
                         "all the files");
        else
          result.data_clock = std::make_pair(id, *checked->data_start);
      }
      if (checked->instruments)
        provided.insert(checked->instruments->begin(), checked->instruments->end());
      else
        all_known = false;
    }
  };
  for (auto& [id, client] : cfg.data_clients)
    check_client("data_clients", "data client", id, client,
                 factories.data_client(client.factory), factories.data_client_names());
  for (auto& [id, client] : cfg.exec_clients)
    check_client("exec_clients", "exec client", id, client,
                 factories.exec_client(client.factory), factories.exec_client_names());
  for (size_t i = 0; i < cfg.strategies.size(); ++i) {
    auto& x = cfg.strategies[i];
    auto path = "strategies[" + std::to_string(i) + "]";
    auto* factory = factories.strategy(x.type);
    if (!factory) {
      problems.add(path + ".type: no strategy factory named \"" + x.type + "\""
                   + did_you_mean(x.type, factories.strategy_names()));
      continue;
    }
    if (!factory->check)
      continue;
    auto checked = factory->check(strategy_settings_view{x.id, x.settings, cfg.base_dir});
    if (!checked) {
      problems.add_lines(checked.error(), path);
      continue;
    }
    result.strategy_instruments[x.id] = checked->instruments;
    if (!all_known)
      continue;
    for (auto& instrument : checked->instruments)
      if (provided.count(instrument) == 0)
        problems.add(path + ".settings: instrument " + instrument.value()
                     + " is not provided by any data client (they provide: "
                     + (provided.empty() ? std::string{"none"} : joined(provided)) + ")");
  }
  if (auto err = problems.error())
    return err;
  return result;
}

} // namespace tradenode
