#include "tradenode/messages/data/bar_type.hpp"

#include <charconv>

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

caf::expected<bar_type> bar_type::parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return caf::make_error(errc::parse_failure,
                           "bar_type \"" + std::string{text} + "\": " + why);
  };
  // The instrument id may itself contain '-', so split the four fixed parts
  // off the end: INSTRUMENT-STEP-AGGREGATION-PRICE-SOURCE.
  std::string_view parts[4];
  auto rest = text;
  for (int i = 3; i >= 0; --i) {
    auto dash = rest.rfind('-');
    if (dash == std::string_view::npos)
      return bad("expected INSTRUMENT-STEP-AGGREGATION-PRICE_TYPE-SOURCE");
    parts[i] = rest.substr(dash + 1);
    rest = rest.substr(0, dash);
  }
  bar_type result;
  auto id = instrument_id::make(std::string{rest});
  if (!id)
    return bad(describe(id.error()));
  result.instrument_id = std::move(*id);
  auto [end, ec] = std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(),
                                   result.step);
  if (ec != std::errc{} || end != parts[0].data() + parts[0].size() || result.step == 0)
    return bad("step \"" + std::string{parts[0]} + "\" must be a positive integer");
  auto aggregation = parse_enum<bar_aggregation>(parts[1]);
  if (!aggregation)
    return bad(describe(aggregation.error()));
  auto kind = parse_enum<tradenode::price_type>(parts[2]);
  if (!kind)
    return bad(describe(kind.error()));
  auto source = parse_enum<aggregation_source>(parts[3]);
  if (!source)
    return bad(describe(source.error()));
  result.aggregation = *aggregation;
  result.price_type = *kind;
  result.source = *source;
  return result;
}

std::string to_string(const bar_type& x) {
  return x.instrument_id.value() + "-" + std::to_string(x.step) + "-"
         + to_string(x.aggregation) + "-" + to_string(x.price_type) + "-"
         + to_string(x.source);
}

void to_json(nlohmann::json& j, const bar_type& x) {
  j = to_string(x);
}

void from_json(const nlohmann::json& j, bar_type& x) {
  detail::from_json_string(j, x, "a bar type string", bar_type::parse);
}

} // namespace tradenode
