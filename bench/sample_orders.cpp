#include "sample_orders.hpp"

#include "bench_node.hpp"
#include "tradenode/actors/node_clock.hpp"
#include "tradenode/actors/order_factory.hpp"
#include "tradenode/adapters/sandbox/matching_engine.hpp"

namespace tn = tradenode;

namespace bench {

tn::submit_order sample_submit() {
  static const auto cmd = [] {
    tn::order_factory factory{tn::trader_id::of("TRADER-001"), tn::strategy_id::of("BENCH-000"),
                              [] { return tn::node_clock::system()->now(); }};
    tn::submit_order x;
    x.trader_id = tn::trader_id::of("TRADER-001");
    x.strategy_id = tn::strategy_id::of("BENCH-000");
    x.order = factory.market(bench_instrument().id, tn::order_side::buy,
                             tn::quantity::of("0.001"));
    std::mt19937_64 gen{42};
    x.command_id = tn::uuid4::random(gen);
    x.ts_init = tn::node_clock::system()->now();
    return x;
  }();
  return cmd;
}

std::vector<tn::order_event> sample_fill_events() {
  tn::sandbox::venue_context ctx{tn::venue::of("SIM"), tn::account_id::of("SIM-001")};
  tn::sandbox::matching_engine book{bench_instrument(), ctx};
  (void) book.on_quote(bench_quote(0));
  auto cmd = sample_submit();
  tn::order_submitted submitted;
  submitted.trader_id = cmd.trader_id;
  submitted.strategy_id = cmd.strategy_id;
  submitted.instrument_id = cmd.order.instrument_id;
  submitted.client_order_id = cmd.order.client_order_id;
  submitted.account_id = ctx.account;
  std::vector<tn::order_event> result{submitted};
  for (auto& ev : book.submit(cmd))
    result.push_back(ev);
  return result;
}

} // namespace bench
