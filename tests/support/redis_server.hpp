#pragma once

#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <string>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "child_process.hpp"
#include "tradenode/adapters/redis/redis_connection.hpp"
#include "wait_until.hpp"

namespace tradenode::test {

/// A port on loopback that nothing listens on right now.
inline uint16_t free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

/// A real redis-server of the test's own, on a free loopback port, with an
/// append-only file in `name`/ so that it keeps its data across stop() and
/// start(). Killed when destroyed.
class redis_server {
public:
  explicit redis_server(std::string name) : name_(std::move(name)) {
    std::filesystem::remove_all(name_);
    std::filesystem::create_directories(name_);
    // Another process may take the port between our look and the server's
    // bind: then try another.
    for (int attempt = 0; attempt < 5 && !running(); ++attempt) {
      port_ = free_loopback_port();
      start();
    }
  }

  /// Starts the server (again, on the same port and files); true once it
  /// answers PING.
  bool start() {
    process_ = std::make_unique<child_process>(
      std::vector<std::string>{TRADENODE_REDIS_SERVER, "--port", std::to_string(port_), "--bind",
                               "127.0.0.1", "--dir", std::filesystem::absolute(name_).string(),
                               "--save", "", "--appendonly", "yes", "--appendfsync", "always"},
      name_ + ".out");
    return wait_until(
      [&] {
        return running() || process_->output().find("Address already in use") != std::string::npos
               || process_->output().find("# Failed") != std::string::npos;
      },
      std::chrono::seconds{30})
           && running();
  }

  /// Stops the server as an operator would (SIGTERM: it writes its files).
  void stop() {
    process_->signal(SIGTERM);
    process_->wait();
  }

  bool running() const {
    if (!process_)
      return false;
    redis_connection conn{config()};
    auto reply = conn.command({"PING"});
    return reply && reply->text == "PONG";
  }

  uint16_t port() const {
    return port_;
  }

  redis_config config() const {
    redis_config cfg;
    cfg.port = port_;
    cfg.timeout = std::chrono::seconds{5};
    return cfg;
  }

  /// The server's log (for a failing test's message).
  std::string output() const {
    return process_ ? process_->output() : std::string{};
  }

private:
  std::string name_;
  uint16_t port_ = 0;
  std::unique_ptr<child_process> process_;
};

} // namespace tradenode::test
