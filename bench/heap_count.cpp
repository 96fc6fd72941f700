#include "heap_count.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace bench {

namespace {

// Off by default: a read-mostly flag costs the other measurements nothing
// measurable, a shared counter bumped by every thread would.
std::atomic<bool> counting{false};
std::atomic<uint64_t> allocations{0};

void* allocate(std::size_t n) {
  if (counting.load(std::memory_order_relaxed))
    allocations.fetch_add(1, std::memory_order_relaxed);
  if (auto* p = std::malloc(n == 0 ? 1 : n))
    return p;
  throw std::bad_alloc{};
}

void* allocate_aligned(std::size_t n, std::align_val_t al) {
  if (counting.load(std::memory_order_relaxed))
    allocations.fetch_add(1, std::memory_order_relaxed);
  auto align = static_cast<std::size_t>(al);
  // aligned_alloc wants a size that is a multiple of the alignment.
  if (auto* p = std::aligned_alloc(align, (n + align - 1) / align * align))
    return p;
  throw std::bad_alloc{};
}

} // namespace

void start_heap_count() {
  allocations.store(0, std::memory_order_relaxed);
  counting.store(true, std::memory_order_release);
}

uint64_t stop_heap_count() {
  counting.store(false, std::memory_order_release);
  return allocations.load(std::memory_order_relaxed);
}

} // namespace bench

void* operator new(std::size_t n) {
  return bench::allocate(n);
}
void* operator new[](std::size_t n) {
  return bench::allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return bench::allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return bench::allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t n, std::align_val_t al) {
  return bench::allocate_aligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al) {
  return bench::allocate_aligned(n, al);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
