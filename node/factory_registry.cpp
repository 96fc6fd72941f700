#include "tradenode/node/factory_registry.hpp"

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

template <class Factory>
caf::error add_to(std::map<std::string, Factory>& factories, const char* kind,
                  std::string name, Factory f) {
  if (name.empty())
    return caf::make_error(errc::invalid_factory,
                           std::string{kind} + " factory name must not be empty");
  if (!f)
    return caf::make_error(errc::invalid_factory,
                           std::string{kind} + " factory \"" + name + "\" is empty");
  if (factories.count(name) > 0)
    return caf::make_error(errc::invalid_factory, std::string{kind} + " factory \"" + name
                                                    + "\" is already registered");
  factories.emplace(std::move(name), std::move(f));
  return caf::none;
}

template <class Factory>
const Factory* find_in(const std::map<std::string, Factory>& factories,
                       const std::string& name) {
  auto i = factories.find(name);
  return i != factories.end() ? &i->second : nullptr;
}

template <class Factory>
std::vector<std::string> names_in(const std::map<std::string, Factory>& factories) {
  std::vector<std::string> result;
  for (auto& [name, f] : factories)
    result.push_back(name);
  return result;
}

} // namespace

caf::error factory_registry::add_data_client_factory(std::string name,
                                                     data_client_factory f) {
  return add_to(data_clients_, "data client", std::move(name), std::move(f));
}

caf::error factory_registry::add_exec_client_factory(std::string name,
                                                     exec_client_factory f) {
  return add_to(exec_clients_, "exec client", std::move(name), std::move(f));
}

caf::error factory_registry::add_strategy_factory(std::string name, strategy_factory f) {
  return add_to(strategies_, "strategy", std::move(name), std::move(f));
}

const data_client_factory* factory_registry::data_client(const std::string& name) const {
  return find_in(data_clients_, name);
}

const exec_client_factory* factory_registry::exec_client(const std::string& name) const {
  return find_in(exec_clients_, name);
}

const strategy_factory* factory_registry::strategy(const std::string& name) const {
  return find_in(strategies_, name);
}

std::vector<std::string> factory_registry::data_client_names() const {
  return names_in(data_clients_);
}

std::vector<std::string> factory_registry::exec_client_names() const {
  return names_in(exec_clients_);
}

std::vector<std::string> factory_registry::strategy_names() const {
  return names_in(strategies_);
}

} // namespace tradenode
