// A shared library with no tradenode_plugin_entry.
extern "C" int not_a_plugin_answer() {
  return 42;
}
