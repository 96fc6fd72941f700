#include "tradenode/adapters/replay/replay_client.hpp"

#include <chrono>

#include "tradenode/adapters/instrument_settings.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode::replay {

namespace {

/// Events sent per tick at most, so that the client stays responsive.
constexpr int batch_size = 1000;

} // namespace

caf::expected<replay_settings> parse_replay_settings(const nlohmann::json& j,
                                                    const std::string& base_dir) {
  replay_settings result;
  try {
    detail::strict_object_reader reader{j};
    const nlohmann::json* instruments = nullptr;
    caf::optional<std::string> instruments_file;
    std::vector<std::string> files;
    double start_delay_ms = std::chrono::duration<double, std::milli>(result.start_delay).count();
    reader.read_raw("instruments", instruments);
    reader.read("instruments_file", instruments_file);
    reader.read("files", files);
    reader.read_if_present("speed", result.speed);
    reader.read_if_present("start_delay_ms", start_delay_ms);
    reader.read_if_present("stop_at_end", result.stop_at_end);
    // Every problem in one pass: each check keeps its own.
    json_error_collector problems;
    problems.within("", [&] { reader.finish(); });
    if (instruments_file)
      instruments_file = resolve_path(base_dir, *instruments_file);
    problems.within("", [&] { result.instruments = read_instruments(instruments, instruments_file); });
    problems.require(!files.empty(), "files", "expected at least one CSV file");
    // Each file opened here, so that a missing or unknown file fails the
    // check and the build, not the run.
    for (size_t i = 0; i < files.size(); ++i)
      problems.within("files[" + std::to_string(i) + "]", [&] {
        try {
          files[i] = resolve_path(base_dir, files[i]);
          replay_file probe{files[i], [](std::string_view) { return nullptr; }};
        } catch (const std::runtime_error& e) {
          throw json_error("", e.what());
        }
      });
    result.files = std::move(files);
    problems.require(result.speed >= 0 && result.speed <= 1e6, "speed",
                     "must be 0 (as fast as possible) or a factor up to 1000000");
    problems.require(start_delay_ms >= 0 && start_delay_ms <= 3'600'000, "start_delay_ms",
                     "must be 0..3600000");
    problems.throw_if_any();
    result.start_delay = std::chrono::duration_cast<caf::timespan>(
      std::chrono::duration<double, std::milli>{start_delay_ms});
  } catch (const json_error& e) {
    return settings_error(e);
  }
  return result;
}

namespace {

// Finds an instrument of `x` by id or raw symbol; `x` must outlive the files.
instrument_lookup lookup_in(const replay_settings& x) {
  return [&x](std::string_view wanted) -> const instrument* {
    for (auto& instrument : x.instruments)
      if (instrument.id.value() == wanted || instrument.raw_symbol == wanted)
        return &instrument;
    return nullptr;
  };
}

} // namespace

unix_nanos first_event_time(const replay_settings& x) {
  unix_nanos first = 0;
  for (auto& path : x.files) {
    replay_file file{path, lookup_in(x)};
    market_event head;
    if (file.next(head) && (first == 0 || replay_time(head) < first))
      first = replay_time(head);
  }
  return first;
}

void replay_state::open(replay_settings x) {
  settings = std::move(x);
  for (auto& path : settings.files)
    files.emplace_back(path, lookup_in(settings));
  heads.resize(files.size());
  reported_problems.resize(files.size());
  for (size_t i = 0; i < files.size(); ++i)
    refill(i);
}

void replay_state::refill(size_t i) {
  auto& file = files[i];
  bool more = file.next(heads[i]);
  for (auto& n = reported_problems[i]; n < file.problems().size(); ++n)
    log->warn("skipped {}", file.problems()[n]);
  if (more)
    merge.emplace(replay_time(heads[i]), i);
}

void replay_state::start_clock() {
  playing = true;
  wall_start = self->clock().now();
  data_start = merge.empty() ? 0 : merge.top().first;
  if (clock->follows_data() && settings.speed > 0)
    clock->run_from(data_start, settings.speed);
  log->info("replay started: {} files, speed {}", files.size(),
            settings.speed == 0 ? std::string{"as fast as possible"}
                                : fmt::format("{}x", settings.speed));
}

void replay_state::play() {
  auto now = self->clock().now();
  for (int n = 0; n < batch_size && playing && !merge.empty(); ++n) {
    auto [time, i] = merge.top();
    if (settings.speed > 0) {
      auto offset = std::chrono::nanoseconds{static_cast<int64_t>(
        static_cast<double>(time - data_start) / settings.speed)};
      auto due = wall_start + offset;
      if (due > now) {
        self->delayed_send(self, due - now, caf::tick_atom_v);
        return;
      }
    }
    merge.pop();
    if (settings.speed == 0 && clock->follows_data())
      clock->step_to(time);
    std::visit(
      [this](const auto& tick) {
        if constexpr (std::is_same_v<std::decay_t<decltype(tick)>, quote_tick>)
          ++quotes;
        else
          ++trades;
        self->send(data_engine, tick);
      },
      heads[i]);
    refill(i);
  }
  if (!playing)
    return;
  if (merge.empty())
    finish();
  else
    self->send(self, caf::tick_atom_v);
}

void replay_state::finish() {
  playing = false;
  stopped = true;
  uint64_t skipped = 0;
  for (auto& file : files) {
    skipped += file.malformed();
    if (file.malformed() > file.problems().size())
      log->warn("{}: {} malformed lines skipped in all ({} shown)", file.path(),
                file.malformed(), file.problems().size());
  }
  log->info("replay finished: {} quotes, {} trades, {} malformed lines skipped", quotes,
            trades, skipped);
  self->send(data_engine, end_atom_v, id);
}

namespace {

replay_client_actor::behavior_type replay_client(replay_state::pointer self, client_id id,
                                                 std::shared_ptr<replay_settings> settings,
                                                 data_engine_actor data_engine,
                                                 node_clock_ptr clock,
                                                 std::shared_ptr<spdlog::logger> log) {
  auto& init = self->state;
  init.clock = std::move(clock);
  // A backtest's clock jumps to each event's time: playing at the recorded
  // pace costs nothing there, and it is what makes the run exact.
  if (init.clock->simulated())
    settings->speed = 1;
  init.id = std::move(id);
  init.data_engine = std::move(data_engine);
  init.log = std::move(log);
  try {
    init.open(std::move(*settings));
  } catch (const std::runtime_error& e) {
    // The factory opened every file already; this is a file gone since.
    init.log->error("cannot replay: {}", e.what());
    self->quit(caf::make_error(errc::client_failed, e.what()));
  }
  return {
    [](caf::connect_atom) { return caf::ok_atom_v; },
    [self](disconnect_atom) {
      self->state.playing = false;
      self->state.stopped = true;
      return caf::ok_atom_v;
    },
    [self](caf::get_atom, instruments_atom) { return self->state.settings.instruments; },
    [self](const subscribe_data&) {
      auto& st = self->state;
      if (st.started)
        return;
      st.started = true;
      self->delayed_send(self, st.settings.start_delay, caf::tick_atom_v);
    },
    [](const unsubscribe_data&) {},
    [self](pause_atom) {
      auto& st = self->state;
      if (st.pause.paused())
        return;
      st.pause.pause();
      st.paused_at = self->clock().now();
      if (st.clock->follows_data() && st.settings.speed > 0)
        st.clock->hold();
    },
    [self](resume_atom) {
      auto& st = self->state;
      if (!st.pause.paused())
        return;
      // Data time stood still while paused: play on from where it stopped.
      st.wall_start += self->clock().now() - st.paused_at;
      if (st.clock->follows_data() && st.settings.speed > 0)
        st.clock->run_from(0, st.settings.speed);
      if (st.pause.resume())
        self->send(self, caf::tick_atom_v);
    },
    [self](caf::tick_atom) {
      auto& st = self->state;
      if (st.stopped || st.pause.swallow_tick())
        return;
      if (!st.playing)
        st.start_clock();
      st.play();
    },
  };
}

} // namespace

data_client_factory replay_client_factory() {
  return {[](const client_context& ctx) -> caf::expected<data_client_actor> {
            auto settings = parse_replay_settings(ctx.settings, ctx.base_dir);
            if (!settings)
              return std::move(settings.error());
            return ctx.system.spawn(replay_client, ctx.id,
                                    std::make_shared<replay_settings>(std::move(*settings)),
                                    ctx.data_engine, ctx.node_time(), ctx.log);
          },
          [](const client_settings& x) -> caf::expected<client_check_result> {
            auto settings = parse_replay_settings(x.settings, x.base_dir);
            if (!settings)
              return std::move(settings.error());
            client_check_result result{ids_of(settings->instruments), settings->stop_at_end,
                                       caf::none};
            try {
              result.data_start = first_event_time(*settings);
            } catch (const std::runtime_error& e) {
              return caf::make_error(errc::invalid_config, std::string{"settings.files: "}
                                                             + e.what());
            }
            return result;
          }};
}

} // namespace tradenode::replay
