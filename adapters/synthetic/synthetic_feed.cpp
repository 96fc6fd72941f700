#include "tradenode/adapters/synthetic/synthetic_feed.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "tradenode/adapters/instrument_settings.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode::synthetic {

namespace {

caf::timespan tick_interval(double rate) {
  // At most 1000 ticks per second; faster rates send several quotes per tick.
  auto secs = std::max(1.0 / rate, 0.001);
  return std::chrono::duration_cast<caf::timespan>(std::chrono::duration<double>{secs});
}

} // namespace

caf::expected<synthetic_settings> parse_synthetic_settings(const nlohmann::json& j,
                                                          const std::string& base_dir) {
  synthetic_settings result;
  try {
    detail::strict_object_reader reader{j};
    const nlohmann::json* instruments = nullptr;
    caf::optional<std::string> instruments_file;
    caf::optional<std::map<std::string, std::string>> starts;
    reader.read_raw("instruments", instruments);
    reader.read("instruments_file", instruments_file);
    reader.read("start_prices", starts);
    reader.read_if_present("seed", result.seed);
    reader.read_if_present("rate", result.rate);
    reader.read_if_present("step_ticks", result.step_ticks);
    reader.read_if_present("spread_ticks", result.spread_ticks);
    reader.read_if_present("trade_every", result.trade_every);
    reader.read_if_present("count", result.count);
    // Every problem in one pass: each check keeps its own.
    json_error_collector problems;
    problems.within("", [&] { reader.finish(); });
    if (instruments_file)
      instruments_file = resolve_path(base_dir, *instruments_file);
    problems.within("", [&] { result.instruments = read_instruments(instruments, instruments_file); });
    problems.require(result.rate > 0 && result.rate <= 1'000'000, "rate",
                     "must be > 0 and at most 1000000 quotes per second");
    problems.require(result.step_ticks >= 0 && result.step_ticks <= 1000, "step_ticks",
                     "must be 0..1000");
    problems.require(result.spread_ticks >= 1 && result.spread_ticks <= 1000, "spread_ticks",
                     "must be 1..1000");
    problems.require(result.trade_every >= 0, "trade_every", "must be >= 0");
    for (auto& [id_text, px_text] : starts ? *starts : std::map<std::string, std::string>{}) {
      auto path = "start_prices." + id_text;
      auto id = instrument_id::make(id_text);
      auto px = price::parse(px_text);
      if (!id) {
        problems.require(false, path, reason_of(id.error()));
        continue;
      }
      if (!px || px->raw() <= 0) {
        problems.require(false, path, "expected a positive decimal string, got \"" + px_text + "\"");
        continue;
      }
      auto known = std::any_of(result.instruments.begin(), result.instruments.end(),
                               [&](const instrument& x) { return x.id == *id; });
      problems.require(known, path, "not one of the feed's instruments");
      result.start_prices.emplace(*id, *px);
    }
    problems.throw_if_any();
  } catch (const json_error& e) {
    return settings_error(e);
  }
  return result;
}

void synthetic_state::emit(const instrument& x) {
  auto step = x.price_increment.raw();
  auto& mid = mids[x.id];
  std::uniform_int_distribution<int64_t> walk{-settings.step_ticks, settings.step_ticks};
  mid = std::max(mid + walk(rng), settings.spread_ticks + 1);
  auto half = settings.spread_ticks / 2;
  auto at = [&](int64_t ticks) { return *price::from_raw(ticks * step, x.price_precision); };
  std::uniform_int_distribution<int64_t> lots{1, 10};
  auto size = [&] {
    return *quantity::from_raw(lots(rng) * 100 * x.size_increment.raw(), x.size_precision);
  };
  auto now = clock->now();
  auto bid = at(mid - half);
  auto ask = at(mid - half + settings.spread_ticks);
  self->send(data_engine, quote_tick{x.id, bid, ask, size(), size(), now, now});
  auto n = ++counts[x.id];
  if (settings.trade_every > 0 && n % static_cast<uint64_t>(settings.trade_every) == 0) {
    bool buyer = rng() % 2 == 0;
    self->send(data_engine,
               trade_tick{x.id, buyer ? ask : bid, size(),
                          buyer ? aggressor_side::buyer : aggressor_side::seller,
                          trade_id::of(symbol_of(x.id).data() + std::string{"-"}
                                       + std::to_string(n)),
                          now, now});
  }
}

namespace {

synthetic_feed_actor::behavior_type synthetic_feed(synthetic_state::pointer self,
                                                   synthetic_settings settings,
                                                   data_engine_actor data_engine,
                                                   node_clock_ptr clock) {
  auto& init = self->state;
  init.clock = std::move(clock);
  init.rng.seed(settings.seed);
  for (auto& x : settings.instruments) {
    auto start = settings.start_prices.find(x.id);
    init.mids[x.id] = start != settings.start_prices.end()
                        ? start->second.raw() / x.price_increment.raw()
                        : 1000;
  }
  init.settings = std::move(settings);
  init.data_engine = std::move(data_engine);
  auto per_tick = std::max<int64_t>(
    1, std::llround(init.settings.rate
                    * std::chrono::duration<double>(tick_interval(init.settings.rate)).count()));
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [self](disconnect_atom) {
      self->state.streaming.clear();
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, instruments_atom) { return self->state.settings.instruments; },
    [self](const subscribe_data& x) {
      auto& st = self->state;
      st.streaming.insert(x.instrument_id);
      if (!st.ticking) {
        st.ticking = true;
        self->send(self, caf::tick_atom_v);
      }
    },
    [self](const unsubscribe_data& x) { self->state.streaming.erase(x.instrument_id); },
    [self](pause_atom) { self->state.pause.pause(); },
    [self](resume_atom) {
      if (self->state.pause.resume())
        self->send(self, caf::tick_atom_v);
    },
    [self, per_tick](caf::tick_atom) {
      auto& st = self->state;
      if (st.pause.swallow_tick())
        return;
      if (st.streaming.empty()) {
        st.ticking = false;
        return;
      }
      bool more = st.settings.count == 0;
      for (int64_t i = 0; i < per_tick; ++i)
        for (auto& x : st.settings.instruments)
          if (st.streaming.count(x.id) != 0
              && (st.settings.count == 0 || st.counts[x.id] < st.settings.count)) {
            st.emit(x);
            more = true;
          }
      if (!more) {
        st.ticking = false;
        return;
      }
      self->delayed_send(self, st.clock->delay(tick_interval(st.settings.rate)), caf::tick_atom_v);
    },
  };
}

} // namespace

data_client_factory synthetic_feed_factory() {
  return {[](const client_context& ctx) -> caf::expected<data_client_actor> {
            auto settings = parse_synthetic_settings(ctx.settings, ctx.base_dir);
            if (!settings)
              return std::move(settings.error());
            return ctx.system.spawn(synthetic_feed, std::move(*settings), ctx.data_engine,
                                    ctx.node_time());
          },
          [](const client_settings& x) -> caf::expected<client_check_result> {
            auto settings = parse_synthetic_settings(x.settings, x.base_dir);
            if (!settings)
              return std::move(settings.error());
            return client_check_result{ids_of(settings->instruments), false, caf::none};
          }};
}

} // namespace tradenode::synthetic
