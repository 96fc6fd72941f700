#pragma once

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tradenode {

/// Immutable text shared by reference count. Copying one copies a pointer and
/// bumps a counter, never the characters: identifiers ride in every order event,
/// every message and every holder, and a 30-character order id copied as a
/// `std::string` cost a heap allocation each time. The hash is computed once.
/// A default-constructed one is empty and allocates nothing.
class shared_text {
public:
  shared_text() noexcept = default;

  /// Takes `text` over (its buffer is moved, not copied) into one shared block.
  explicit shared_text(std::string text);

  shared_text(const shared_text& other) noexcept;
  shared_text(shared_text&& other) noexcept;
  shared_text& operator=(const shared_text& other) noexcept;
  shared_text& operator=(shared_text&& other) noexcept;
  ~shared_text();

  /// Returns the text (a static empty string when empty).
  const std::string& str() const noexcept;

  /// Returns std::hash<std::string> of the text, computed at construction.
  size_t hash() const noexcept;

  bool empty() const noexcept {
    return block_ == nullptr;
  }

  friend bool operator==(const shared_text& x, const shared_text& y) noexcept {
    return x.block_ == y.block_ || (x.hash() == y.hash() && x.str() == y.str());
  }

  friend std::strong_ordering operator<=>(const shared_text& x,
                                          const shared_text& y) noexcept {
    if (x.block_ == y.block_)
      return std::strong_ordering::equal;
    return x.str() <=> y.str();
  }

private:
  struct block;

  void release() noexcept;

  block* block_ = nullptr;
};

} // namespace tradenode
