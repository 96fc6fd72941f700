#pragma once

#include <array>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tradenode::test {

/// Reads a reference table from tests/data: one "CURRENT INPUT NEXT" row per
/// line, '#' comments and blank lines skipped.
inline std::vector<std::array<std::string, 3>> read_table(const std::string& name) {
  std::ifstream in{std::string{TRADENODE_TEST_DATA_DIR} + "/" + name};
  std::vector<std::array<std::string, 3>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#')
      continue;
    std::istringstream fields{line};
    std::array<std::string, 3> row;
    fields >> row[0] >> row[1] >> row[2];
    rows.push_back(row);
  }
  return rows;
}

} // namespace tradenode::test
