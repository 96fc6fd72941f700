#include "measure.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sys/resource.h>

namespace bench {

double percentile(std::vector<double>& xs, double p) {
  if (xs.empty())
    return 0;
  std::sort(xs.begin(), xs.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(xs.size())));
  return xs[std::clamp<size_t>(rank, 1, xs.size()) - 1];
}

double runs::median() const {
  auto xs = values;
  return percentile(xs, 50);
}

double runs::min() const {
  return values.empty() ? 0 : *std::min_element(values.begin(), values.end());
}

double runs::max() const {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

namespace {

size_t status_field_kib(const std::string& key) {
  std::ifstream in{"/proc/self/status"};
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0)
      return std::stoull(line.substr(key.size())) * 1024;
  return 0;
}

std::string cell(const runs& x) {
  if (x.empty())
    return "-";
  if (x.values.size() == 1)
    return format_figure(x.median());
  return format_figure(x.median()) + " [" + format_figure(x.min()) + ".."
         + format_figure(x.max()) + "]";
}

std::string ratio(const runs& ours, const runs& base) {
  if (ours.empty() || base.empty() || base.median() == 0)
    return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", ours.median() / base.median());
  return text;
}

} // namespace

size_t rss_bytes() {
  return status_field_kib("VmRSS:");
}

size_t peak_rss_bytes() {
  return status_field_kib("VmHWM:");
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string format_figure(double x) {
  char text[32];
  auto magnitude = std::fabs(x);
  if (magnitude >= 1e9)
    std::snprintf(text, sizeof text, "%.2f G", x / 1e9);
  else if (magnitude >= 1e6)
    std::snprintf(text, sizeof text, "%.2f M", x / 1e6);
  else if (magnitude >= 1e4)
    std::snprintf(text, sizeof text, "%.1f k", x / 1e3);
  else if (magnitude >= 100 || x == std::floor(x))
    std::snprintf(text, sizeof text, "%.0f", x);
  else
    std::snprintf(text, sizeof text, "%.2f", x);
  return text;
}

void print_header() {
  std::printf("| %-46s | %-8s | %-28s | %-28s | %-28s | %-6s | %-6s | %s\n", "measurement",
              "unit", "tradenode median [min..max]", "raw CAF, same hops",
              "one thread, plain calls", "/raw", "/floor", "note |");
  std::printf("|%s|%s|%s|%s|%s|%s|%s|---|\n", std::string(48, '-').c_str(),
              std::string(10, '-').c_str(), std::string(30, '-').c_str(),
              std::string(30, '-').c_str(), std::string(30, '-').c_str(),
              std::string(8, '-').c_str(), std::string(8, '-').c_str());
}

void print_row(const row& x) {
  std::printf("| %-46s | %-8s | %-28s | %-28s | %-28s | %-6s | %-6s | %s |\n", x.measurement.c_str(),
              x.unit.c_str(), cell(x.ours).c_str(), cell(x.raw_caf).c_str(),
              cell(x.floor).c_str(), ratio(x.ours, x.raw_caf).c_str(),
              ratio(x.ours, x.floor).c_str(), x.note.c_str());
  std::fflush(stdout);
}

} // namespace bench
