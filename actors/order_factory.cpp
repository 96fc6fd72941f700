#include "tradenode/actors/order_factory.hpp"

#include <ctime>

namespace tradenode {

namespace {

// The part after the last '-' of an id such as "TRADER-001" or "EMACross-001".
std::string tag_of(const std::string& id) {
  auto dash = id.rfind('-');
  return dash == std::string::npos ? id : id.substr(dash + 1);
}

// "YYYYMMDD-HHMMSS" in UTC.
std::string utc_stamp(unix_nanos ts) {
  auto secs = static_cast<std::time_t>(ts / 1'000'000'000);
  std::tm parts{};
  gmtime_r(&secs, &parts);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%d-%H%M%S", &parts);
  return buf;
}

} // namespace

order_factory::order_factory(trader_id trader, strategy_id strategy, clock_fn clock,
                             std::mt19937_64 ids)
  : trader_(std::move(trader)),
    strategy_(std::move(strategy)),
    clock_(std::move(clock)),
    prefix_tags_(tag_of(trader_.value()) + "-" + tag_of(strategy_.value())),
    ids_(std::move(ids)) {
}

client_order_id order_factory::next_id() {
  auto second = static_cast<int64_t>(clock_() / 1'000'000'000);
  if (second != stamp_second_) {
    stamp_second_ = second;
    stamp_ = utc_stamp(static_cast<unix_nanos>(second) * 1'000'000'000);
  }
  // Built in one buffer: the id is made for every order.
  auto count = std::to_string(++count_);
  std::string text;
  text.reserve(2 + stamp_.size() + 1 + prefix_tags_.size() + 1 + count.size());
  text.append("O-").append(stamp_).append("-").append(prefix_tags_).append("-").append(count);
  return client_order_id::of(std::move(text));
}

order_initialized order_factory::make(const instrument_id& instrument, order_side side,
                                      quantity qty, order_type type,
                                      time_in_force tif) {
  order_initialized x;
  x.trader_id = trader_;
  x.strategy_id = strategy_;
  x.instrument_id = instrument;
  x.client_order_id = next_id();
  x.side = side;
  x.order_type = type;
  x.quantity = qty;
  x.time_in_force = tif;
  x.event_id = uuid4::random(ids_);
  x.ts_event = x.ts_init = clock_();
  return x;
}

order_initialized order_factory::market(const instrument_id& instrument, order_side side,
                                        quantity qty, time_in_force tif,
                                        bool reduce_only) {
  auto x = make(instrument, side, qty, order_type::market, tif);
  x.reduce_only = reduce_only;
  return x;
}

order_initialized order_factory::limit(const instrument_id& instrument, order_side side,
                                       quantity qty, price px, time_in_force tif,
                                       unix_nanos expire_time, bool post_only,
                                       bool reduce_only) {
  auto x = make(instrument, side, qty, order_type::limit, tif);
  x.price = px;
  x.expire_time = expire_time;
  x.post_only = post_only;
  x.reduce_only = reduce_only;
  return x;
}

order_initialized order_factory::stop_market(const instrument_id& instrument,
                                             order_side side, quantity qty,
                                             price trigger, time_in_force tif,
                                             unix_nanos expire_time, bool reduce_only) {
  auto x = make(instrument, side, qty, order_type::stop_market, tif);
  x.trigger_price = trigger;
  x.expire_time = expire_time;
  x.reduce_only = reduce_only;
  return x;
}

order_initialized order_factory::stop_limit(const instrument_id& instrument,
                                            order_side side, quantity qty, price px,
                                            price trigger, time_in_force tif,
                                            unix_nanos expire_time, bool post_only,
                                            bool reduce_only) {
  auto x = make(instrument, side, qty, order_type::stop_limit, tif);
  x.price = px;
  x.trigger_price = trigger;
  x.expire_time = expire_time;
  x.post_only = post_only;
  x.reduce_only = reduce_only;
  return x;
}

} // namespace tradenode
