#include <cstdio>
#include <cstring>
#include <string_view>

// The tradenode CLI. Until the node lands (issues 3 and 5) it only says so.
int main(int argc, char** argv) {
  std::string_view command = argc > 1 ? argv[1] : "--help";
  if (command == "--help" || command == "-h" || command == "help") {
    std::puts("usage: tradenode run --config FILE\n"
              "       tradenode validate --config FILE");
    return 0;
  }
  std::fprintf(stderr,
               "tradenode %s: the trading node is not implemented yet; this "
               "build provides the message vocabulary (library tradenode::tradenode)\n",
               argv[1]);
  return 0;
}
