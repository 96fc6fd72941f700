#include "tradenode/node/cli.hpp"

int main(int argc, char** argv) {
  return tradenode::run_cli(argc, argv);
}
