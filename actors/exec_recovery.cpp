#include "tradenode/actors/exec_engine.hpp"

#include "tradenode/messages/errc.hpp"

// The execution engine's journal: what it appends, and how a restarted engine
// rebuilds its orders and positions from it (exec_engine.cpp: the rest).

namespace tradenode {

caf::error exec_engine_state::open_journal() {
  if (!journal_cfg.enabled() || journal)
    return caf::error{};
  auto opened = tradenode::open_journal(journal_cfg);
  if (!opened)
    return std::move(opened.error());
  if (opened->contents.torn_lines > 0)
    lifecycle.log().warn("Journal {}: cut off a torn last record (the process died writing "
                         "it)",
                         journal_cfg.where());
  journal = std::move(opened->store);
  if (journal_cfg.open_store)
    lifecycle.log().info("Journal {}: {} record(s) to recover", journal_cfg.where(),
                         opened->contents.records.size());
  else
    lifecycle.log().info("Journal {}: {} record(s) to recover, fsync {}", journal_cfg.where(),
                         opened->contents.records.size(), to_string(journal_cfg.fsync));
  replay_journal(opened->contents.records);
  return caf::error{};
}

void exec_engine_state::sync_journal() {
  if (!journal)
    return;
  if (auto err = journal->sync())
    lifecycle.log().error("{}", describe(err));
}

void exec_engine_state::append_to_journal(std::string_view kind, const nlohmann::json& data) {
  if (auto err = journal->append(kind, data)) {
    // Trading on without the journal would break the restart promise
    // silently; the error is logged each time so that it cannot be missed.
    ++journal_failures;
    lifecycle.log().error("{} ({} failed appends)", describe(err), journal_failures);
    return;
  }
  if (journal_cfg.fsync == fsync_policy::batched && !journal_cfg.open_store && !sync_pending) {
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
      lifecycle.log().error("Journal {}: record {}: {}", journal_cfg.where(), rec.seq, e.what());
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
                            journal_cfg.where(), rec.seq, event_name(ev),
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
                         journal_cfg.where(), orders.size(), open, fills, records.size(),
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
                         journal_cfg.where(), replayed_into.size());
}

} // namespace tradenode
