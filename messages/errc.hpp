#pragma once

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/fwd.hpp>
#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace tradenode {

/// Error codes of tradenode, chosen by what the caller should do about them.
enum class errc : uint8_t {
  /// A command arrived in a state that does not accept it (e.g. run before build).
  invalid_state = 1,
  /// The configuration is malformed; the context names the offending JSON path.
  invalid_config,
  /// A value failed validation; the context names the value and the rule.
  invalid_argument,
  /// A text could not be parsed; the context names the text and what was expected.
  parse_failure,
  /// A fixed-point or money operation would leave the 64-bit range.
  overflow,
  /// Fixed-point operands differ in precision, or money operands in currency.
  precision_mismatch,
  /// An order event is not allowed in the order's current status ("FILLED -> ACCEPTED").
  invalid_state_transition,
  /// A fill would take an order's filled quantity beyond its quantity.
  overfill,
  /// A fill with a trade id the order has already applied.
  duplicate_fill,
  /// An event does not belong to the order it was applied to.
  order_mismatch,
  /// build arrived for a node that is already built.
  already_built,
  /// run (or another command needing components) arrived before build.
  not_built,
  /// run arrived while the node is starting, running or has already run.
  already_running,
  /// A command arrived after dispose; the node accepts nothing but queries.
  disposed,
  /// A start or stop step did not finish in time; the context names the step
  /// and the component.
  timeout,
  /// A client failed a step (connect, instruments, reconciliation); the context
  /// names the client and the cause.
  client_failed,
  /// An engine actor terminated abnormally; the context names it and the reason.
  engine_failed,
  /// A factory name is empty, registered twice, or not registered.
  invalid_factory,
  /// A strategy hook threw; the context names the strategy, the hook and the cause.
  strategy_faulted,
  /// A remote peer presented no token or a wrong one.
  unauthorized,
  /// A remote peer (node, strategy, feed, monitor) went away or was cut off.
  peer_lost,
  /// The execution journal cannot be read or written; the context names the
  /// file (and the line).
  journal_failed,
  /// A Redis server (the journal's or the streams' database) cannot be
  /// reached or refused a command; the context names its address and the
  /// command.
  database_failed,
};

/// Returns the name of `x`, e.g. "invalid_state".
std::string to_string(errc x);

/// Renders an error of the tradenode category for `actor_system::render`.
std::string render_error(uint8_t code, caf::atom_value category,
                         const caf::message& context);

/// The atom that names tradenode's error category.
constexpr caf::atom_value error_category = caf::atom("tradenode");

} // namespace tradenode

CAF_ERROR_CODE_ENUM(tradenode::errc, "tradenode")

namespace tradenode {

/// Returns the context of `err` as text (what describe() shows in parentheses).
std::string context_of(const caf::error& err);

/// Returns a readable text of `err` (category, code and context) without an
/// actor system, e.g. "tradenode: invalid_config (timeouts.connection: must be > 0)".
std::string describe(const caf::error& err);

/// Returns what went wrong, for a message that quotes it: the context of a
/// tradenode error ("trader_id \"X\": must have the form NAME-TAG"), describe()
/// of any other. No category or code repeated inside another error's text.
std::string reason_of(const caf::error& err);

} // namespace tradenode
