#include "tradenode/actors/exec_engine.hpp"

#include "tradenode/messages/errc.hpp"

// The execution engine's journal: what it appends, and how a restarted engine
// rebuilds its orders and positions from it (exec_engine.cpp: the rest).

namespace tradenode {

caf::error exec_engine_state::open_journal() {
  if (journal_cfg.path.empty() || journal)
    return caf::error{};
  auto contents = read_journal(journal_cfg.path);
  if (!contents)
    return std::move(contents.error());
  if (contents->torn_lines > 0)
    lifecycle.log().warn("Journal {}: cut off a torn last record (the process died writing "
                         "it)",
                         journal_cfg.path);
  auto last_seq = contents->records.empty() ? 0 : contents->records.back().seq;
  auto opened = execution_journal::open(journal_cfg, contents->valid_bytes, last_seq);
  if (!opened)
    return std::move(opened.error());
  journal.emplace(std::move(*opened));
  lifecycle.log().info("Journal {}: {} record(s) to recover, fsync {}", journal_cfg.path,
                       contents->records.size(), to_string(journal_cfg.fsync));
  replay_journal(contents->records);
  return caf::error{};
}

void exec_engine_state::sync_journal() {
  if (!journal)
    return;
  if (auto err = journal->sync())
    lifecycle.log().error("{}", describe(err));
}

void exec_engine_state::record(std::string_view kind, const nlohmann::json& data) {
  if (!journal)
    return;
  if (auto err = journal->append(kind, data)) {
    // Trading on without the journal would break the restart promise
    // silently; the error is logged each time so that it cannot be missed.
    ++journal_failures;
    lifecycle.log().error("{} ({} failed appends)", describe(err), journal_failures);
    return;
  }
  if (journal_cfg.fsync == fsync_policy::batched && !sync_pending) {
    sync_pending = true;
    self->delayed_send(self, journal_cfg.fsync_interval, caf::tick_atom_v);
  }
}

void exec_engine_state::replay_journal(const std::vector<journal_record>& records) {
  size_t applied = 0;
  size_t fills = 0;
  size_t refused = 0;
  for (auto& rec : records) {
    if (rec.kind == "strategy_state" && !replay_state(rec))
      ++refused;
    if (rec.kind != "order")
      continue; // commands are for audit; positions follow from the fills
    order_event ev;
    try {
      ev = rec.data.get<order_event>();
    } catch (const std::exception& e) {
      ++refused;
      lifecycle.log().error("Journal {}: record {}: {}", journal_cfg.path, rec.seq, e.what());
      continue;
    }
    if (auto init = caf::get_if<order_initialized>(&ev)) {
      orders.emplace(init->client_order_id, order{*init});
      ++applied;
      continue;
    }
    auto i = orders.find(client_order_id_of(ev));
    if (i == orders.end() || i->second.apply(ev)) {
      ++refused;
      lifecycle.log().error("Journal {}: record {} ({}) does not apply to order {}",
                            journal_cfg.path, rec.seq, event_name(ev),
                            client_order_id_of(ev).value());
      continue;
    }
    ++applied;
    if (auto fill = caf::get_if<order_filled>(&ev)) {
      unbooked.emplace_back(*fill, false); // booked below, or with the instruments
      ++fills;
    }
  }
  size_t open = 0;
  for (auto& [id, o] : orders)
    open += o.is_closed() ? 0 : 1;
  if (!records.empty())
    lifecycle.log().info("Journal {}: recovered {} order(s) ({} open), {} fill(s) from {} "
                         "record(s); {} refused",
                         journal_cfg.path, orders.size(), open, fills, records.size(),
                         refused);
  book_unbooked();
}

void exec_engine_state::book_unbooked() {
  if (unbooked.empty())
    return;
  auto waiting = std::move(unbooked);
  unbooked.clear();
  std::set<position_id> replayed_into;
  for (auto& [fill, announce] : waiting) {
    bool known = instruments.count(fill.instrument_id) != 0;
    update_positions(fill, announce);
    if (known && !announce)
      replayed_into.insert(netting_position_id(fill.instrument_id, fill.strategy_id));
  }
  // The risk engine and the portfolio learn each position as it now stands.
  for (auto& id : replayed_into) {
    auto i = positions.find(id);
    if (i == positions.end() || !i->second.last_event())
      continue;
    for (auto& listener : listeners)
      self->send(listener, *i->second.last_event());
  }
  if (!replayed_into.empty())
    lifecycle.log().info("Journal {}: {} position(s) rebuilt from its fills",
                         journal_cfg.path, replayed_into.size());
}

} // namespace tradenode
