#pragma once

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wait_until.hpp"

extern char** environ;

namespace tradenode::test {

/// Returns the whole content of a text file (empty if missing).
inline std::string read_file(const std::string& path) {
  std::ifstream in{path};
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

/// A child process whose stdout and stderr go to `output_path`; killed with
/// SIGKILL if still running when destroyed.
class child_process {
public:
  child_process(std::vector<std::string> args, std::string output_path)
    : output_path_(std::move(output_path)) {
    std::vector<char*> argv;
    for (auto& arg : args)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_path_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    started_ = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
  }

  ~child_process() {
    if (started_ && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  bool started() const {
    return started_;
  }

  void signal(int signo) {
    kill(pid_, signo);
  }

  /// Waits up to `deadline` for the process to exit; returns its exit code,
  /// 128 + N if signal N ended it (as a shell says), or -1 if it did not exit.
  int wait(std::chrono::milliseconds deadline = std::chrono::seconds(60)) {
    int status = 0;
    exited_ = wait_until([&] { return waitpid(pid_, &status, WNOHANG) == pid_; }, deadline);
    if (!exited_)
      return -1;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }

  std::string output() const {
    return read_file(output_path_);
  }

private:
  std::string output_path_;
  pid_t pid_ = 0;
  bool started_ = false;
  bool exited_ = false;
};

} // namespace tradenode::test
