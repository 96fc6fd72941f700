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

caf::error unknown(const std::string& path, const char* kind, const std::string& name) {
  return caf::make_error(errc::invalid_factory, path + ": no " + kind + " factory named \""
                                                  + name + "\"");
}

} // namespace

strategy_actor spawn_strategy(const strategy_context& ctx, std::unique_ptr<strategy> impl) {
  return spawn_strategy(ctx.system, std::move(impl),
                        strategy_host_context{ctx.id, ctx.trader, ctx.log, ctx.data_engine,
                                              ctx.risk_engine, ctx.options, {},
                                              ctx.state_store});
}

caf::error factory_registry::check(const node_config& cfg) const {
  for (auto& [id, client] : cfg.data_clients)
    if (!data_client(client.factory))
      return unknown("data_clients." + id.value() + ".factory", "data client", client.factory);
  for (auto& [id, client] : cfg.exec_clients)
    if (!exec_client(client.factory))
      return unknown("exec_clients." + id.value() + ".factory", "exec client", client.factory);
  for (size_t i = 0; i < cfg.strategies.size(); ++i)
    if (!strategy(cfg.strategies[i].type))
      return unknown("strategies[" + std::to_string(i) + "].type", "strategy",
                     cfg.strategies[i].type);
  return caf::none;
}

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

} // namespace tradenode
