#include "tradenode/adapters/redis/redis_streamer.hpp"

#include <algorithm>
#include <cctype>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

/// Commands per pipelined write.
constexpr size_t batch_size = 256;

std::string lower(std::string x) {
  std::transform(x.begin(), x.end(), x.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return x;
}

} // namespace

void redis_streamer_state::enqueue(const std::string& key, uint64_t& seq, std::string type,
                                   const std::string& strategy, const std::string& instrument,
                                   const nlohmann::json& data) {
  std::vector<std::string> xadd{"XADD", key};
  if (cfg.max_len > 0) {
    xadd.insert(xadd.end(), {"MAXLEN", "~", std::to_string(cfg.max_len)});
  }
  xadd.insert(xadd.end(), {"*", "seq", std::to_string(++seq), "type", std::move(type),
                           "strategy_id", strategy, "instrument_id", instrument, "data",
                           data.dump()});
  pending.push_back(std::move(xadd));
  if (away) {
    // Held for the retry, which is scheduled.
    if (pending.size() > cfg.buffer_limit) {
      pending.pop_front();
      if (dropped++ == 0)
        lifecycle.log().warn("Streaming: more than {} event(s) held for redis {}; dropping the "
                             "oldest",
                             cfg.buffer_limit, cfg.redis.address());
    }
    return;
  }
  // A full batch goes now; a smaller one after the events already queued.
  if (pending.size() >= batch_size)
    flush();
  else if (!tick_pending) {
    tick_pending = true;
    self->send(self, caf::tick_atom_v);
  }
}

void redis_streamer_state::flush() {
  while (!pending.empty()) {
    auto n = std::min(pending.size(), batch_size);
    std::vector<std::vector<std::string>> batch(pending.begin(), pending.begin() + n);
    auto replies = conn->pipeline(batch);
    if (!replies) {
      // Kept for the next try; a batch that broke half-way may be written
      // twice, which the entries' seq shows.
      if (!away)
        lifecycle.log().warn("Streaming: {}; holding events, trying again every {} ms",
                             context_of(replies.error()),
                             std::chrono::duration_cast<std::chrono::milliseconds>(
                               cfg.retry_interval)
                               .count());
      away = true;
      if (!tick_pending) {
        tick_pending = true;
        self->delayed_send(self, cfg.retry_interval, caf::tick_atom_v);
      }
      return;
    }
    for (auto& reply : *replies) {
      if (reply)
        ++streamed;
      else if (refused++ == 0)
        lifecycle.log().error("Streaming: {}", context_of(reply.error()));
    }
    pending.erase(pending.begin(), pending.begin() + n);
    if (away) {
      away = false;
      lifecycle.log().info("Streaming: redis {} is back; {} event(s) streamed so far",
                           cfg.redis.address(), streamed);
    }
  }
}

redis_streamer_actor::behavior_type redis_streamer(redis_streamer_state::pointer self,
                                                   std::shared_ptr<spdlog::logger> log,
                                                   streaming_config cfg) {
  auto& st = self->state;
  st.self = self;
  st.lifecycle = component_lifecycle{"Streamer", std::move(log)};
  st.cfg = std::move(cfg);
  st.conn = std::make_unique<redis_connection>(st.cfg.redis);
  return {
    [&st](start_atom) {
      return st.lifecycle.start([&st] {
        st.lifecycle.log().info("Streaming order events to redis {} {}, position events to {}",
                                st.cfg.redis.address(), st.cfg.orders_key,
                                st.cfg.positions_key);
        return caf::error{};
      });
    },
    [&st](stop_atom) {
      return st.lifecycle.stop([&st] {
        st.flush(); // one last try for what is held
        st.lifecycle.log().info("Streaming: {} event(s) streamed, {} not delivered, {} "
                                "dropped, {} refused",
                                st.streamed, st.pending.size(), st.dropped, st.refused);
        return caf::error{};
      });
    },
    [&st](caf::get_atom, state_atom) { return st.lifecycle.state(); },
    [&st](const order_event& ev) {
      auto type = std::string{event_name(ev)};
      nlohmann::json data = ev;
      std::string instrument;
      if (auto i = data.find("instrument_id"); i != data.end() && i->is_string())
        instrument = i->get<std::string>();
      st.enqueue(st.cfg.orders_key, st.order_seq, std::move(type),
                 strategy_id_of(ev).value(), instrument, data);
    },
    [&st](const position_event& ev) {
      st.enqueue(st.cfg.positions_key, st.position_seq,
                 "position_" + lower(to_string(ev.kind)), ev.strategy_id.value(),
                 ev.instrument_id.value(), nlohmann::json(ev));
    },
    [&st](caf::tick_atom) {
      st.tick_pending = false;
      st.flush();
    },
  };
}

} // namespace tradenode
