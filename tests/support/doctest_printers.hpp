#pragma once

#include <string>
#include <vector>

#include <doctest/doctest.h>

/// Prints string vectors in failed checks ({"a", "b"}) instead of {?}.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& xs) {
    std::string result = "{";
    for (size_t i = 0; i < xs.size(); ++i)
      result += (i == 0 ? "\"" : ", \"") + xs[i] + "\"";
    result += "}";
    return result.c_str();
  }
};
