#include "tradenode/messages/uuid.hpp"

#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/reflect.hpp"

namespace tradenode {

namespace {

constexpr uint64_t version_mask = 0xF000;
constexpr uint64_t version_4 = 0x4000;
constexpr uint64_t variant_mask = 0xC000'0000'0000'0000;
constexpr uint64_t variant_rfc4122 = 0x8000'0000'0000'0000;

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace

uuid4 uuid4::random(std::mt19937_64& gen) {
  auto high = (gen() & ~version_mask) | version_4;
  auto low = (gen() & ~variant_mask) | variant_rfc4122;
  return uuid4{high, low};
}

caf::expected<uuid4> uuid4::parse(std::string_view text) {
  auto bad = [&](const char* why) {
    return caf::make_error(errc::parse_failure,
                           "uuid4 \"" + std::string{text} + "\": " + why);
  };
  if (text.size() != 36)
    return bad("expected 36 characters xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx");
  uint64_t words[2] = {0, 0};
  int digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-')
        return bad("expected '-' at positions 9, 14, 19 and 24");
      continue;
    }
    auto value = hex_value(text[i]);
    if (value < 0)
      return bad("expected hexadecimal digits");
    auto& word = words[digits / 16];
    word = (word << 4) | static_cast<uint64_t>(value);
    ++digits;
  }
  if (words[0] == 0 && words[1] == 0)
    return uuid4{};
  if ((words[0] & version_mask) != version_4 || (words[1] & variant_mask) != variant_rfc4122)
    return bad("not a version-4 (RFC 4122) UUID");
  return uuid4{words[0], words[1]};
}

std::string to_string(const uuid4& x) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string result;
  result.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20)
      result += '-';
    auto word = i < 16 ? x.high_ : x.low_;
    result += hex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  return result;
}

void to_json(nlohmann::json& j, const uuid4& x) {
  j = to_string(x);
}

void from_json(const nlohmann::json& j, uuid4& x) {
  detail::from_json_string(j, x, "a UUID string", uuid4::parse);
}

} // namespace tradenode
