#include "tradenode/messages/reports/position_valuation.hpp"

namespace tradenode {

price mark_price(position_side side, const price& bid, const price& ask) {
  return side == position_side::long_side ? bid : ask;
}

caf::expected<money> unrealized_pnl(const position_event& x, const price& mark) {
  auto diff = x.side == position_side::long_side ? mark.raw() - x.avg_px_open.raw()
                                                 : x.avg_px_open.raw() - mark.raw();
  return notional(price::exact(diff, 0), x.quantity, x.realized_pnl.ccy());
}

caf::expected<money> net_exposure(const position_event& x, const price& mark) {
  auto signed_mark = x.side == position_side::long_side ? mark : price::exact(-mark.raw(), 0);
  return notional(signed_mark, x.quantity, x.realized_pnl.ccy());
}

} // namespace tradenode
