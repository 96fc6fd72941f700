// The tradenode command line with one more strategy factory, "subscriber",
// that has no settings check: it subscribes to the quotes of its
// `instrument_id` in on_start. Only the node's start can find that nobody
// provides them (the exit code 4 tests).
#include "tradenode/actors/strategy_factory.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/cli.hpp"

namespace {

class subscriber : public tradenode::strategy {
public:
  explicit subscriber(const nlohmann::json& settings)
    : instrument_(tradenode::instrument_id::of(settings.at("instrument_id").get<std::string>())) {
  }

  void on_start() override {
    subscribe_quotes(instrument_);
  }

private:
  tradenode::instrument_id instrument_;
};

} // namespace

int main(int argc, char** argv) {
  auto factories = tradenode::builtin_factories();
  (void) factories.add_strategy_factory(
    "subscriber",
    [](const tradenode::strategy_context& ctx) -> caf::expected<tradenode::strategy_actor> {
      return tradenode::spawn_strategy(ctx, std::make_unique<subscriber>(ctx.settings));
    });
  return tradenode::run_cli(argc, argv, std::move(factories));
}
