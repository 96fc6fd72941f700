#pragma once

namespace tradenode {

/// The pause state of a feed that drives itself with tick messages (at most
/// one in flight): a tick arriving while paused is swallowed, and resuming
/// says whether one was, so the feed sends itself a new one.
class feed_pause {
public:
  void pause() {
    paused_ = true;
  }

  /// True if the tick must be swallowed.
  bool swallow_tick() {
    stalled_ = stalled_ || paused_;
    return paused_;
  }

  /// True if a tick was swallowed and the feed must restart its ticking.
  bool resume() {
    paused_ = false;
    bool restart = stalled_;
    stalled_ = false;
    return restart;
  }

  bool paused() const {
    return paused_;
  }

private:
  bool paused_ = false;
  bool stalled_ = false;
};

} // namespace tradenode
