#include "tradenode/messages/errc.hpp"

#include <caf/message.hpp>
#include <caf/sec.hpp>

namespace tradenode {

std::string to_string(errc x) {
  switch (x) {
    case errc::invalid_state: return "invalid_state";
    case errc::invalid_config: return "invalid_config";
    case errc::invalid_argument: return "invalid_argument";
    case errc::parse_failure: return "parse_failure";
    case errc::overflow: return "overflow";
    case errc::precision_mismatch: return "precision_mismatch";
    case errc::invalid_state_transition: return "invalid_state_transition";
    case errc::overfill: return "overfill";
    case errc::duplicate_fill: return "duplicate_fill";
    case errc::order_mismatch: return "order_mismatch";
    case errc::already_built: return "already_built";
    case errc::not_built: return "not_built";
    case errc::already_running: return "already_running";
    case errc::disposed: return "disposed";
    case errc::timeout: return "timeout";
    case errc::client_failed: return "client_failed";
    case errc::strategy_faulted: return "strategy_faulted";
    case errc::engine_failed: return "engine_failed";
    case errc::invalid_factory: return "invalid_factory";
    case errc::unauthorized: return "unauthorized";
    case errc::peer_lost: return "peer_lost";
    case errc::journal_failed: return "journal_failed";
    case errc::database_failed: return "database_failed";
  }
  return "errc(" + std::to_string(static_cast<int>(x)) + ")";
}

namespace {

// Joins the context's elements; strings are shown without quotes so that a
// context such as "timeouts.connection: must be > 0" reads as written.
std::string context_text(const caf::message& context) {
  std::string result;
  for (size_t i = 0; i < context.size(); ++i) {
    if (i > 0)
      result += ", ";
    if (context.match_element<std::string>(i))
      result += context.get_as<std::string>(i);
    else
      result += context.stringify(i);
  }
  return result;
}

} // namespace

std::string render_error(uint8_t code, caf::atom_value category,
                         const caf::message& context) {
  auto result = caf::to_string(category);
  result += ": ";
  result += to_string(static_cast<errc>(code));
  if (!context.empty()) {
    result += " (";
    result += context_text(context);
    result += ")";
  }
  return result;
}

std::string context_of(const caf::error& err) {
  return err ? context_text(err.context()) : std::string{};
}

std::string reason_of(const caf::error& err) {
  if (err.category() == error_category && !err.context().empty())
    return context_of(err);
  return describe(err);
}

std::string describe(const caf::error& err) {
  if (!err)
    return "no error";
  if (err.category() == error_category)
    return render_error(err.code(), err.category(), err.context());
  if (err.category() == caf::atom("system")) {
    auto result = "system: " + caf::to_string(static_cast<caf::sec>(err.code()));
    if (!err.context().empty())
      result += " (" + context_text(err.context()) + ")";
    return result;
  }
  auto result = caf::to_string(err.category()) + ": code "
                + std::to_string(err.code());
  if (!err.context().empty())
    result += " (" + context_text(err.context()) + ")";
  return result;
}

} // namespace tradenode
