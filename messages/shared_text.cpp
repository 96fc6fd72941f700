#include "tradenode/messages/shared_text.hpp"

#include <functional>
#include <utility>

namespace tradenode {

struct shared_text::block {
  // Relaxed increments and acquire-release decrements, as std::shared_ptr does:
  // the last owner must see every other owner's reads finished before it deletes.
  std::atomic<uint32_t> owners{1};
  size_t hash;
  std::string text;
};

shared_text::shared_text(std::string text)
  : block_(text.empty() ? nullptr
                        : new block{{1}, std::hash<std::string>{}(text), std::move(text)}) {
  // nop
}

shared_text::shared_text(const shared_text& other) noexcept : block_(other.block_) {
  if (block_ != nullptr)
    block_->owners.fetch_add(1, std::memory_order_relaxed);
}

shared_text::shared_text(shared_text&& other) noexcept
  : block_(std::exchange(other.block_, nullptr)) {
  // nop
}

shared_text& shared_text::operator=(const shared_text& other) noexcept {
  auto* taken = other.block_; // read first: `other` may be *this
  if (taken != nullptr)
    taken->owners.fetch_add(1, std::memory_order_relaxed);
  release();
  block_ = taken;
  return *this;
}

shared_text& shared_text::operator=(shared_text&& other) noexcept {
  if (this != &other) {
    release();
    block_ = std::exchange(other.block_, nullptr);
  }
  return *this;
}

shared_text::~shared_text() {
  release();
}

const std::string& shared_text::str() const noexcept {
  static const std::string empty_text;
  return block_ != nullptr ? block_->text : empty_text;
}

size_t shared_text::hash() const noexcept {
  static const size_t empty_hash = std::hash<std::string>{}(std::string{});
  return block_ != nullptr ? block_->hash : empty_hash;
}

void shared_text::release() noexcept {
  if (block_ != nullptr && block_->owners.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete block_;
  block_ = nullptr;
}

} // namespace tradenode
