#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/cli.hpp"

int main(int argc, char** argv) {
  return tradenode::run_cli(argc, argv, tradenode::builtin_factories());
}
