#pragma once

// Counts heap allocations (operator new, every thread) while switched on:
// the bench replaces the global operator new and delete for this.

#include <cstdint>

namespace bench {

/// Starts counting from zero.
void start_heap_count();
/// Stops counting and returns the allocations since start_heap_count().
uint64_t stop_heap_count();

} // namespace bench
