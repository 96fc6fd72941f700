// tradenode-bench: runs the benchmarks and prints one table. Each
// measurement runs in a fresh child process, so that one's memory and
// threads never colour another's figures.
//
//   tradenode-bench [--quick] [--repeats N] [--only NAME]
//   NAME: fan_out, tick_to_trade, round_trip, lifecycle, memory_orders, memory_run, burst,
//         journal, backtest

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "benchmarks.hpp"
#include "measure.hpp"

namespace {

struct measurement {
  const char* name;
  void (*run)(const bench::options&);
};

const measurement measurements[] = {
  {"fan_out", bench::fan_out},
  {"tick_to_trade", bench::tick_to_trade},
  {"round_trip", bench::order_round_trip},
  {"lifecycle", bench::lifecycle},
  {"memory_orders", bench::memory_per_order},
  {"memory_run", bench::memory_over_run},
  {"burst", bench::quote_burst},
  {"journal", bench::journal_appends},
  {"backtest", bench::backtest},
};

int usage() {
  std::fprintf(stderr, "usage: tradenode-bench [--quick] [--repeats N] [--only NAME]\n"
                       "NAME: fan_out, tick_to_trade, round_trip, lifecycle, memory_orders, "
                       "memory_run, burst, journal, backtest\n");
  return 2;
}

// Runs this program again for one measurement; its rows go to our stdout.
bool run_child(const char* name, const bench::options& opt) {
  std::fflush(stdout);
  auto pid = fork();
  if (pid == 0) {
    auto repeats = std::to_string(opt.repeats);
    std::vector<const char*> args{"tradenode-bench", "--only", name, "--repeats",
                                  repeats.c_str(), "--no-header"};
    if (opt.quick)
      args.push_back("--quick");
    args.push_back(nullptr);
    execv("/proc/self/exe", const_cast<char* const*>(args.data()));
    std::perror("execv");
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

int main(int argc, char** argv) {
  bench::options opt;
  const char* only = nullptr;
  bool header = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--quick")
      opt.quick = true;
    else if (arg == "--no-header")
      header = false;
    else if (arg == "--repeats" && i + 1 < argc)
      opt.repeats = std::atoi(argv[++i]);
    else if (arg == "--only" && i + 1 < argc)
      only = argv[++i];
    else
      return usage();
  }
  if (opt.repeats < 1)
    return usage();
  if (opt.quick)
    opt.repeats = 1;
  if (header)
    bench::print_header();
  if (only == nullptr) {
    bool ok = true;
    for (auto& x : measurements)
      if (!run_child(x.name, opt)) {
        std::fprintf(stderr, "tradenode-bench: %s failed\n", x.name);
        ok = false;
      }
    return ok ? 0 : 1;
  }
  for (auto& x : measurements)
    if (std::strcmp(x.name, only) == 0) {
      try {
        x.run(opt);
        return 0;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "tradenode-bench: %s: %s\n", only, e.what());
        return 1;
      }
    }
  return usage();
}
