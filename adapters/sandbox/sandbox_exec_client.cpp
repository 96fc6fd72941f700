#include "tradenode/adapters/sandbox/sandbox_exec_client.hpp"

#include <chrono>

#include "tradenode/adapters/sandbox/remote_venue_client.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode::sandbox {

void sandbox_state::stamp() {
  ctx->now = clock->now();
}

matching_engine* sandbox_state::book(const instrument_id& instrument) {
  auto i = books.find(instrument);
  return i == books.end() ? nullptr : i->second.get();
}

void sandbox_state::add_books(const std::vector<instrument>& instruments) {
  for (auto& x : instruments) {
    if (venue_of(x.id) != ctx->venue || books.count(x.id) != 0)
      continue;
    books.emplace(x.id, std::make_unique<matching_engine>(x, *ctx));
    if (data_engine)
      subscribe_market_data(self, data_engine, x.id, market_data_sink_actor{self},
                            ctx->event_ids, clock->now(), *log);
  }
  log->info("Sandbox: {} book(s) on venue {}", books.size(), ctx->venue.value());
}

void sandbox_state::publish(matching_engine& b, const std::vector<order_event>& events) {
  auto& changed = changed_currencies;
  changed.clear();
  for (auto& ev : events) {
    tell(ev);
    if (auto fill = caf::get_if<order_filled>(&ev)) {
      account.apply(b.traded(), *fill, changed);
      net[fill->instrument_id] += fill->side == order_side::buy ? fill->last_qty.raw()
                                                                : -fill->last_qty.raw();
      fills.push_back(fill_report{fill->account_id, fill->instrument_id, fill->venue_order_id,
                                  fill->client_order_id, fill->trade_id, fill->side,
                                  fill->last_qty, fill->last_px, fill->commission,
                                  fill->liquidity_side, fill->position_id, fill->ts_event,
                                  uuid4::random(ctx->event_ids), fill->ts_init});
    }
    if (auto ccy = update_lock(b, client_order_id_of(ev)))
      add_changed(changed, *ccy);
  }
  if (!changed.empty())
    tell(account.state(ctx->account, ctx->venue, ctx->now, &changed));
}

caf::optional<currency> sandbox_state::update_lock(const matching_engine& b,
                                                   const client_order_id& order_id) {
  auto i = b.orders().find(order_id);
  if (i == b.orders().end())
    return caf::none;
  auto& o = i->second;
  // A market order (or a stop until it triggers) locks at the touch it would take.
  caf::optional<price> px = o.spec.price;
  if (!px && b.top())
    px = o.spec.side == order_side::buy ? b.top()->ask_price : b.top()->bid_price;
  auto leaves = o.is_open() && px ? o.leaves() : quantity::exact(0, o.spec.quantity.precision());
  return account.hold(order_id, b.traded(), o.spec.side, leaves, px ? *px : price{});
}

void sandbox_state::receive(venue_command cmd) {
  if (latency == caf::timespan{0}) {
    execute(cmd);
    return;
  }
  // Constant latency keeps the arrival order: one tick per command, FIFO.
  in_flight.push_back(std::move(cmd));
  self->delayed_send(self, clock->delay(latency), arrive_atom_v);
}

void sandbox_state::execute(const venue_command& cmd) {
  stamp();
  if (auto x = std::get_if<submit_order>(&cmd))
    return submit(*x);
  if (auto x = std::get_if<cancel_all_orders>(&cmd))
    return cancel_all(*x);
  if (auto x = std::get_if<cancel_order>(&cmd)) {
    if (auto* b = book(x->instrument_id))
      return publish(*b, b->cancel(*x));
    log->warn("Sandbox: cancel of {} on unknown instrument {}", x->client_order_id.value(),
              x->instrument_id.value());
  }
  if (auto x = std::get_if<modify_order>(&cmd)) {
    if (auto* b = book(x->instrument_id))
      return publish(*b, b->modify(*x));
    log->warn("Sandbox: modify of {} on unknown instrument {}", x->client_order_id.value(),
              x->instrument_id.value());
  }
}

void sandbox_state::cancel_all(const cancel_all_orders& cmd) {
  auto* b = book(cmd.instrument_id);
  if (b == nullptr)
    return;
  std::vector<cancel_order> cancels;
  for (auto& [order_id, o] : b->orders())
    if (o.is_open() && o.spec.strategy_id == cmd.strategy_id
        && (cmd.side == order_side::no_order_side || cmd.side == o.spec.side))
      cancels.push_back(cancel_order{cmd.trader_id, cmd.strategy_id, cmd.instrument_id, order_id,
                                     o.venue_order_id, caf::none, cmd.command_id,
                                     cmd.ts_init});
  for (auto& x : cancels)
    publish(*b, b->cancel(x));
}

caf::optional<std::string> sandbox_state::reduce_only_problem(const order_initialized& spec,
                                                             const instrument& traded) const {
  auto i = net.find(spec.instrument_id);
  auto held = i == net.end() ? 0 : i->second;
  bool buy = spec.side == order_side::buy;
  auto reducible = buy ? -held : held; // what this side can take off
  if (spec.quantity.raw() <= reducible)
    return caf::none;
  auto position = held == 0 ? std::string{"FLAT"}
                            : std::string{held > 0 ? "LONG " : "SHORT "}
                                + to_string(quantity::exact(held > 0 ? held : -held,
                                                            traded.size_precision));
  return "reduce-only " + to_string(spec.side) + " " + to_string(spec.quantity)
         + " would increase the position (" + position + ")";
}

void sandbox_state::submit(const submit_order& cmd) {
  auto& spec = cmd.order;
  auto reject = [&](std::string reason) {
    log->warn("Sandbox: order {} rejected: {}", spec.client_order_id.value(), reason);
    tell(order_event{order_rejected{
                              spec.trader_id, spec.strategy_id, spec.instrument_id,
                              spec.client_order_id, ctx->account, std::move(reason), false,
                              uuid4::random(ctx->event_ids), ctx->now, ctx->now}});
  };
  auto* b = book(spec.instrument_id);
  if (b == nullptr)
    return reject("unknown instrument " + spec.instrument_id.value());
  if (spec.reduce_only)
    if (auto reason = reduce_only_problem(spec, b->traded()))
      return reject(*reason);
  // The price the order would pay: its limit, else the touch it takes.
  caf::optional<price> px = spec.price;
  if (!px && b->top())
    px = spec.side == order_side::buy ? b->top()->ask_price : b->top()->bid_price;
  if (px)
    if (auto reason = account.check(b->traded(), spec, *px))
      return reject(*reason);
  publish(*b, b->submit(cmd));
}

execution_mass_status sandbox_state::mass_status() const {
  execution_mass_status x;
  x.client_id = id;
  x.account_id = ctx->account;
  x.venue = ctx->venue;
  for (auto& [instrument, b] : books) {
    for (auto& [order_id, o] : b->orders()) {
      if (o.venue_order_id.empty())
        continue; // rejected before acceptance: the venue never held it
      order_status_report r;
      r.account_id = ctx->account;
      r.instrument_id = instrument;
      r.client_order_id = order_id;
      r.venue_order_id = o.venue_order_id;
      r.side = o.spec.side;
      r.order_type = o.spec.order_type;
      r.time_in_force = o.spec.time_in_force;
      r.status = o.status;
      r.quantity = o.spec.quantity;
      r.filled_qty = o.filled;
      if (o.filled.raw() > 0)
        r.avg_px = price::exact(static_cast<int64_t>(o.filled_value / o.filled.raw()),
                                o.spec.quantity.precision());
      r.price = o.spec.price;
      r.trigger_price = o.spec.trigger_price;
      r.expire_time = o.spec.expire_time;
      r.post_only = o.spec.post_only;
      r.reduce_only = o.spec.reduce_only;
      r.ts_accepted = o.ts_accepted;
      r.ts_last = o.ts_last;
      r.ts_init = ctx->now;
      x.order_reports.push_back(std::move(r));
    }
  }
  x.fill_reports = fills;
  for (auto& [instrument, raw] : net) {
    position_status_report p;
    p.account_id = ctx->account;
    p.instrument_id = instrument;
    p.side = raw > 0 ? position_side::long_side
                     : raw < 0 ? position_side::short_side : position_side::flat;
    p.quantity = quantity::exact(raw < 0 ? -raw : raw,
                                 books.at(instrument)->traded().size_precision);
    p.ts_init = ctx->now;
    x.position_reports.push_back(std::move(p));
  }
  x.ts_init = ctx->now;
  return x;
}

namespace {

struct sandbox_setup {
  client_id id;
  std::shared_ptr<spdlog::logger> log;
  data_engine_actor data_engine;
  venue_listener_actor listener;
  venue venue_id;
  sandbox_settings settings;
  node_clock_ptr clock;
};

sandbox_exec_client_actor::behavior_type sandbox(sandbox_state::pointer self,
                                                 sandbox_setup setup) {
  auto& init = self->state;
  init.id = setup.id;
  init.log = setup.log;
  init.data_engine = setup.data_engine;
  init.listener = setup.listener;
  init.ctx = std::make_unique<venue_context>(
    venue_context{setup.venue_id, setup.settings.account});
  init.account = setup.settings.cash;
  init.latency = setup.settings.latency;
  init.clock = setup.clock;
  init.ctx->event_ids = init.clock->id_generator(setup.id.value());
  return {
    [self](caf::connect_atom) {
      auto& st = self->state;
      st.stamp();
      st.tell(st.account.state(st.ctx->account, st.ctx->venue, st.ctx->now));
      return caf::ok_atom_v;
    },
    [](disconnect_atom) { return caf::ok_atom_v; },
    [self](attach_atom) {
      auto& st = self->state;
      st.stamp();
      st.listener = caf::actor_cast<venue_listener_actor>(self->current_sender());
      st.log->info("Sandbox: a client attached to venue {}", st.ctx->venue.value());
      st.tell(st.account.state(st.ctx->account, st.ctx->venue, st.ctx->now));
      return caf::ok_atom_v;
    },
    [self](caf::add_atom, const std::vector<instrument>& xs) {
      self->state.add_books(xs);
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, mass_status_atom) -> caf::result<execution_mass_status> {
      if (!self->state.data_engine) {
        self->state.stamp();
        return self->state.mass_status();
      }
      auto rp = self->make_response_promise<execution_mass_status>();
      self->request(self->state.data_engine, caf::infinite, caf::get_atom_v, instruments_atom_v)
        .then(
          [self, rp](const std::vector<instrument>& xs) mutable {
            self->state.stamp();
            self->state.add_books(xs);
            rp.deliver(self->state.mass_status());
          },
          [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
      return rp;
    },
    [self](const submit_order& cmd) {
      auto& st = self->state;
      st.stamp();
      auto& spec = cmd.order;
      st.tell(order_event{order_submitted{spec.trader_id, spec.strategy_id, spec.instrument_id,
                                          spec.client_order_id, st.ctx->account,
                                          uuid4::random(st.ctx->event_ids), st.ctx->now,
                                          st.ctx->now}});
      st.receive(cmd);
    },
    [self](const cancel_order& cmd) { self->state.receive(cmd); },
    [self](const modify_order& cmd) { self->state.receive(cmd); },
    [self](const cancel_all_orders& cmd) { self->state.receive(cmd); },
    [self](arrive_atom) {
      auto& st = self->state;
      if (st.in_flight.empty())
        return;
      auto cmd = std::move(st.in_flight.front());
      st.in_flight.pop_front();
      st.execute(cmd);
    },
    [self](const quote_tick& q) {
      auto& st = self->state;
      st.stamp();
      if (auto* b = st.book(q.instrument_id))
        st.publish(*b, b->on_quote(q));
    },
    [self](const trade_tick& t) {
      auto& st = self->state;
      st.stamp();
      if (auto* b = st.book(t.instrument_id))
        st.publish(*b, b->on_trade(t));
    },
    [](const bar&) {},
  };
}

} // namespace

caf::expected<sandbox_settings> parse_sandbox_settings(const nlohmann::json& settings,
                                                       const std::string& name,
                                                       std::vector<const char*> extra_keys) {
  std::vector<money> balances{money::of("1000000 USD")};
  std::string account = name + "-001";
  caf::timespan latency{0};
  try {
    detail::strict_object_reader reader{settings};
    const nlohmann::json* given = nullptr;
    caf::optional<std::string> account_text;
    double latency_ms = 0;
    reader.read_raw("balances", given);
    reader.read("account_id", account_text);
    reader.read_if_present("latency_ms", latency_ms);
    for (auto* key : extra_keys) {
      const nlohmann::json* ignored = nullptr;
      reader.read_raw(key, ignored);
    }
    // Every problem in one pass: each check keeps its own.
    json_error_collector problems;
    problems.within("", [&] { reader.finish(); });
    if (given && !given->is_array())
      problems.require(false, "balances",
                       std::string{"expected an array, got "} + given->type_name());
    if (given && given->is_array()) {
      balances.clear();
      for (size_t i = 0; i < given->size(); ++i)
        problems.within("balances[" + std::to_string(i) + "]",
                        [&] { balances.push_back(parse_balance((*given)[i])); });
    }
    if (account_text)
      account = *account_text;
    problems.require(latency_ms >= 0 && latency_ms <= 60'000, "latency_ms",
                     "must be 0..60000 milliseconds");
    problems.throw_if_any();
    latency = std::chrono::duration_cast<caf::timespan>(
      std::chrono::duration<double, std::milli>{latency_ms});
  } catch (const json_error& e) {
    return settings_error(e);
  }
  auto account_ok = account_id::make(account);
  if (!account_ok)
    return caf::make_error(errc::invalid_config,
                           "settings.account_id: " + reason_of(account_ok.error()));
  auto cash = sandbox_account::make(balances);
  if (!cash)
    return caf::make_error(errc::invalid_config, "settings.balances" + context_of(cash.error()));
  return sandbox_settings{*account_ok, *cash, latency};
}

sandbox_exec_client_actor spawn_sandbox_venue(caf::actor_system& sys, client_id id,
                                              std::shared_ptr<spdlog::logger> log,
                                              venue venue_id, sandbox_settings settings,
                                              data_engine_actor data_engine,
                                              venue_listener_actor listener,
                                              node_clock_ptr clock) {
  return sys.spawn(sandbox, sandbox_setup{std::move(id), std::move(log), std::move(data_engine),
                                          std::move(listener), std::move(venue_id),
                                          std::move(settings), std::move(clock)});
}

namespace {

// The settings of a sandbox that connects to a venue process: {"connect"} alone.
bool connects(const nlohmann::json& settings) {
  return settings.is_object() && settings.contains("connect");
}

caf::error check_connect_only(const nlohmann::json& settings) {
  if (settings.size() != 1)
    return caf::make_error(errc::invalid_config,
                           "settings: a sandbox that connects to a venue process takes "
                           "no other settings (the venue process has them)");
  return caf::none;
}

} // namespace

exec_client_factory sandbox_exec_client_factory() {
  return {[](const client_context& ctx) -> caf::expected<exec_client_actor> {
            if (connects(ctx.settings)) {
              if (auto err = check_connect_only(ctx.settings))
                return err;
              return spawn_remote_venue_client(ctx);
            }
            auto settings = parse_sandbox_settings(ctx.settings, ctx.id.value());
            if (!settings)
              return std::move(settings.error());
            return spawn_sandbox_venue(ctx.system, ctx.id, ctx.log, ctx.venue,
                                       std::move(*settings), ctx.data_engine, ctx.exec_engine,
                                       ctx.node_time());
          },
          [](const client_settings& x) -> caf::expected<client_check_result> {
            if (connects(x.settings)) {
              if (auto err = check_connect_only(x.settings))
                return err;
              if (auto address = parse_venue_address(x.settings.at("connect")); !address)
                return std::move(address.error());
              return client_check_result{};
            }
            auto settings = parse_sandbox_settings(x.settings, x.id.value());
            if (!settings)
              return std::move(settings.error());
            return client_check_result{};
          }};
}

} // namespace tradenode::sandbox
