#include "tradenode/messages/instrument.hpp"

namespace tradenode {

namespace {

caf::error field_error(const instrument& x, const char* field, const std::string& why) {
  return caf::make_error(errc::invalid_argument,
                         "instrument " + x.id.value() + "." + field + ": " + why);
}

} // namespace

caf::error validate(const instrument& x) {
  if (x.id.empty())
    return caf::make_error(errc::invalid_argument, "instrument.id: missing");
  if (x.price_precision > fixed_precision)
    return field_error(x, "price_precision", "exceeds 9");
  if (x.size_precision > fixed_precision)
    return field_error(x, "size_precision", "exceeds 9");
  if (!x.price_increment.is_positive())
    return field_error(x, "price_increment", "must be > 0");
  if (x.price_increment.precision() != x.price_precision)
    return field_error(x, "price_increment",
                       to_string(x.price_increment) + " does not carry price_precision "
                         + std::to_string(x.price_precision));
  if (!x.size_increment.is_positive())
    return field_error(x, "size_increment", "must be > 0");
  if (x.size_increment.precision() != x.size_precision)
    return field_error(x, "size_increment",
                       to_string(x.size_increment) + " does not carry size_precision "
                         + std::to_string(x.size_precision));
  if (x.min_quantity && x.max_quantity && *x.min_quantity > *x.max_quantity)
    return field_error(x, "min_quantity", "exceeds max_quantity");
  if (x.kind != instrument_kind::equity && !x.base_currency)
    return field_error(x, "base_currency", "required for " + to_string(x.kind));
  return caf::none;
}

bool is_valid_price(const instrument& x, price px) {
  return px.precision() <= x.price_precision && x.price_increment.is_positive()
         && px.raw() % x.price_increment.raw() == 0;
}

bool is_valid_quantity(const instrument& x, quantity qty) {
  return qty.precision() <= x.size_precision && x.size_increment.is_positive()
         && qty.raw() % x.size_increment.raw() == 0;
}

} // namespace tradenode
