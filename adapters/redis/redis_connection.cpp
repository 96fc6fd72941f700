#include "tradenode/adapters/redis/redis_connection.hpp"

#include <chrono>
#include <utility>

#include <hiredis/hiredis.h>

#include "tradenode/messages/errc.hpp"

namespace tradenode {

namespace {

timeval to_timeval(caf::timespan x) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(x).count();
  return timeval{static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
}

// Copies hiredis's reply; an error reply (at the top) is returned as text in
// `error` instead.
redis_reply copy_reply(const redisReply& r, std::string& error) {
  redis_reply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = redis_reply::kind::string;
      out.text.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = redis_reply::kind::status;
      out.text.assign(r.str, r.len);
      break;
    case REDIS_REPLY_ERROR:
      error.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = redis_reply::kind::integer;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY: {
      out.type = redis_reply::kind::array;
      std::string nested;
      for (size_t i = 0; i < r.elements; ++i)
        out.elements.push_back(copy_reply(*r.element[i], nested));
      break;
    }
    default:
      break; // nil
  }
  return out;
}

} // namespace

redis_connection::redis_connection(redis_config cfg) : cfg_(std::move(cfg)) {
}

redis_connection::redis_connection(redis_connection&& other) noexcept
  : cfg_(std::move(other.cfg_)), ctx_(std::exchange(other.ctx_, nullptr)) {
}

redis_connection& redis_connection::operator=(redis_connection&& other) noexcept {
  if (this != &other) {
    disconnect();
    cfg_ = std::move(other.cfg_);
    ctx_ = std::exchange(other.ctx_, nullptr);
  }
  return *this;
}

redis_connection::~redis_connection() {
  disconnect();
}

void redis_connection::disconnect() {
  if (ctx_ != nullptr)
    redisFree(std::exchange(ctx_, nullptr));
}

caf::error redis_connection::failure(const std::string& what) const {
  return caf::make_error(errc::database_failed, "redis " + cfg_.address() + ": " + what);
}

caf::error redis_connection::connect() {
  auto tv = to_timeval(cfg_.timeout);
  ctx_ = redisConnectWithTimeout(cfg_.host.c_str(), cfg_.port, tv);
  if (ctx_ == nullptr)
    return failure("cannot allocate a connection");
  if (ctx_->err != 0) {
    auto why = std::string{ctx_->errstr};
    disconnect();
    return failure("cannot connect: " + why);
  }
  redisSetTimeout(ctx_, tv);
  std::vector<std::vector<std::string>> setup;
  if (!cfg_.password.empty()) {
    if (cfg_.username.empty())
      setup.push_back({"AUTH", cfg_.password});
    else
      setup.push_back({"AUTH", cfg_.username, cfg_.password});
  }
  if (cfg_.db != 0)
    setup.push_back({"SELECT", std::to_string(cfg_.db)});
  for (auto& cmd : setup) {
    auto reply = command(cmd);
    if (!reply) {
      disconnect();
      return std::move(reply.error());
    }
  }
  return caf::error{};
}

caf::expected<redis_reply> redis_connection::command(const std::vector<std::string>& args) {
  auto replies = pipeline({args});
  if (!replies)
    return std::move(replies.error());
  return std::move(replies->front());
}

caf::expected<std::vector<caf::expected<redis_reply>>>
redis_connection::pipeline(const std::vector<std::vector<std::string>>& commands) {
  if (ctx_ == nullptr)
    if (auto err = connect())
      return err;
  for (auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (auto& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    if (redisAppendCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(),
                               lengths.data())
        != REDIS_OK) {
      auto why = std::string{ctx_->errstr};
      disconnect();
      return failure("cannot send " + args.front() + ": " + why);
    }
  }
  std::vector<caf::expected<redis_reply>> result;
  for (auto& args : commands) {
    void* raw = nullptr;
    if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) {
      auto why = std::string{ctx_->errstr};
      disconnect();
      return failure(args.front() + ": no reply: " + (why.empty() ? "connection lost" : why));
    }
    auto* reply = static_cast<redisReply*>(raw);
    std::string error;
    auto copied = copy_reply(*reply, error);
    freeReplyObject(reply);
    if (error.empty())
      result.emplace_back(std::move(copied));
    else
      result.emplace_back(failure(args.front() + " refused: " + error));
  }
  return result;
}

} // namespace tradenode
