#include <csignal>
#include <filesystem>
#include <string>

#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchmarks.hpp"
#include "measure.hpp"
#include "tradenode/adapters/redis/redis_journal.hpp"
#include "tradenode/messages/errc.hpp"

extern char** environ;

namespace tn = tradenode;

namespace bench {

namespace {

// A redis-server on a free loopback port for the length of the benchmark,
// persisting as Debian's default does (appendonly off, snapshots off here).
class redis_process {
public:
  redis_process() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    cfg.port = ntohs(addr.sin_port);
    auto port = std::to_string(cfg.port);
    std::vector<std::string> args{"redis-server", "--port", port, "--bind", "127.0.0.1",
                                  "--save", "", "--appendonly", "no", "--logfile",
                                  "/dev/null"};
    std::vector<char*> argv;
    for (auto& x : args)
      argv.push_back(x.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "redis-server", nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("journal: cannot start redis-server (not installed?)");
    tn::redis_connection conn{cfg};
    auto deadline = now_ns() + 30'000'000'000ull;
    while (!conn.command({"PING"})) {
      if (now_ns() > deadline)
        throw std::runtime_error("journal: redis-server did not answer within 30 s");
      usleep(10'000);
    }
  }

  ~redis_process() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }

  tn::redis_config cfg;

private:
  pid_t pid_ = 0;
};

// A realistic record: an order_filled's JSON is about this size.
nlohmann::json sample_record(int i) {
  return {{"type", "order_filled"},      {"trader_id", "TRADER-001"},
          {"strategy_id", "EMACross-001"}, {"instrument_id", "BTCUSDT.SIM"},
          {"client_order_id", "O-20261202-141500-001-001-" + std::to_string(i)},
          {"venue_order_id", "SIM-" + std::to_string(i)},
          {"account_id", "SIM-001"},     {"trade_id", "T-" + std::to_string(i)},
          {"side", "BUY"},               {"order_type", "MARKET"},
          {"last_qty", "0.100"},         {"last_px", "50000.12"},
          {"currency", "USDT"},          {"commission", "2.00000480 USDT"},
          {"liquidity_side", "TAKER"},   {"ts_event", 1764684900000000000},
          {"event_id", "6f1c1b0e-3a9e-4d8e-9f57-1a2b3c4d5e6f"}};
}

// Microseconds per append of `n` records to `cfg`'s journal (from empty),
// and the 99th percentile of single appends.
std::pair<double, double> append_us(const tn::journal_config& cfg, int n) {
  auto opened = tn::open_journal(cfg);
  if (!opened)
    throw std::runtime_error("journal: " + tn::describe(opened.error()));
  std::vector<double> each;
  each.reserve(static_cast<size_t>(n));
  auto start = now_ns();
  for (int i = 0; i < n; ++i) {
    auto t0 = now_ns();
    if (auto err = opened->store->append("order", sample_record(i)))
      throw std::runtime_error("journal: " + tn::describe(err));
    each.push_back(static_cast<double>(now_ns() - t0) / 1e3);
  }
  if (auto err = opened->store->sync())
    throw std::runtime_error("journal: " + tn::describe(err));
  auto total = static_cast<double>(now_ns() - start) / 1e3 / n;
  return {total, percentile(each, 99)};
}

// A journal file of this process in the temporary directory (not in the
// working directory, where it would end up in someone's checkout).
std::filesystem::path bench_journal_path() {
  return std::filesystem::temp_directory_path()
         / ("tradenode-bench-journal-" + std::to_string(getpid()) + ".jsonl");
}

tn::journal_config file_journal(tn::fsync_policy policy) {
  tn::journal_config cfg;
  cfg.path = bench_journal_path().string();
  cfg.fsync = policy;
  std::filesystem::remove(cfg.path);
  return cfg;
}

} // namespace

void journal_appends(const options& opt) {
  int n = opt.quick ? 2'000 : 50'000;
  redis_process redis;
  row file_row, redis_row;
  file_row.measurement = "journal append, file (fsync batched)";
  redis_row.measurement = "journal append, Redis on loopback";
  std::string notes[3];
  for (auto* x : {&file_row, &redis_row}) {
    x->unit = "us/record";
    x->higher_is_better = false;
  }
  for (int rep = 0; rep < opt.repeats; ++rep) {
    tn::redis_connection conn{redis.cfg};
    conn.command({"DEL", "bench:journal"});
    auto off = append_us(file_journal(tn::fsync_policy::off), n);
    auto batched = append_us(file_journal(tn::fsync_policy::batched), n);
    auto in_redis = append_us(tn::redis_journal_config(redis.cfg, "bench:journal"), n);
    file_row.ours.add(batched.first);
    redis_row.ours.add(in_redis.first);
    // The baseline column: the file journal with fsync off (one write(2)).
    file_row.raw_caf.add(off.first);
    redis_row.raw_caf.add(off.first);
    notes[0] = "p99 " + format_figure(batched.second) + " us";
    notes[1] = "p99 " + format_figure(in_redis.second) + " us";
    notes[2] = format_figure(off.first) + " us, p99 " + format_figure(off.second) + " us";
  }
  file_row.note = notes[0] + "; baseline: file, fsync off, " + notes[2];
  redis_row.note = notes[1] + " (one XADD round trip each); baseline: file, fsync off";
  std::filesystem::remove(bench_journal_path());
  print_row(file_row);
  print_row(redis_row);
}

} // namespace bench
