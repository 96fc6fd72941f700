#pragma once

// The measurements. Each prints its rows of the results table.

namespace bench {

struct options {
  /// Small sizes and one run each: checks that the benchmarks work (CTest).
  bool quick = false;
  /// Runs of each measurement; the table shows their median and spread.
  int repeats = 3;
};

/// Quotes from a feed through the data engine into 1, 4 and 16 strategies.
void fan_out(const options& opt);

/// A quote in, an order out at the execution client, per scheduler profile.
void tick_to_trade(const options& opt);

/// Orders through risk, execution and the sandbox, and their events back.
void order_round_trip(const options& opt);

/// run -> RUNNING, stop -> STOPPED and dispose, with the sandbox.
void lifecycle(const options& opt);

/// RSS growth per open order (100 k resting limits).
void memory_per_order(const options& opt);

/// RSS over a 10 M quote run (it must stay flat).
void memory_over_run(const options& opt);

/// A 10 M quote burst from the synthetic feed into a strategy slower than
/// it: peak memory and quotes delivered under each flow control policy.
void quote_burst(const options& opt);

/// Appends to the execution journal: a file (fsync batched, and off as the
/// baseline) and a Redis stream on a redis-server of its own on loopback.
void journal_appends(const options& opt);

/// Events per second through the whole node in a backtest, beside the same
/// file read and handed to the strategy by plain calls.
void backtest(const options& opt);

} // namespace bench
