#include "util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

extern char** environ;

namespace py2cpp {

namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor; closing twice or leaking on an early return is impossible.
struct Fd {
  int fd = -1;
  Fd() = default;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// The child's ends are dup2'ed onto 0/1/2. If one of them already *is* 0..2 (the parent closed its
// own stdin, say), dup2(fd, fd) would not clear FD_CLOEXEC, so move it out of that range first.
bool above_stdio(Fd& f) {
  if (f.fd > 2) return true;
  int moved = ::fcntl(f.fd, F_DUPFD_CLOEXEC, 3);
  if (moved < 0) return false;
  f.reset();
  f.fd = moved;
  return true;
}

// All descriptors are created close-on-exec so that a concurrent spawn from another thread never
// inherits them (a leaked write end would keep this child's stdout open forever).
bool make_pipe(Fd& read_end, Fd& write_end) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return false;
  read_end.fd = p[0];
  write_end.fd = p[1];
  return true;
}

// stdin is a socket pair rather than a pipe: send(MSG_NOSIGNAL) reports a child that stopped
// reading as EPIPE instead of raising SIGPIPE, with no process-wide signal disposition to change.
bool make_stdin_socket(Fd& ours, Fd& childs) {
  int s[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s) != 0) return false;
  ours.fd = s[0];
  childs.fd = s[1];
  // The child only reads; shutting our read direction keeps the pair behaving like a pipe.
  ::shutdown(s[0], SHUT_RD);
  ::shutdown(s[1], SHUT_WR);
  return true;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

// Waits for the child, killing it if the deadline passes (it may have closed its outputs and
// kept running). Polls with a short backoff: there is no portable "wait with timeout".
void reap(pid_t pid, Clock::time_point deadline, ProcessResult& r) {
  auto nap = std::chrono::microseconds(200);
  for (;;) {
    int status = 0;
    pid_t got = ::waitpid(pid, &status, r.timed_out ? 0 : WNOHANG);
    if (got == pid) {
      r.exit_code = r.timed_out ? -1 : exit_code_of(status);
      return;
    }
    if (got < 0 && errno != EINTR) return;
    if (got == 0) {
      if (Clock::now() >= deadline) {
        ::kill(pid, SIGKILL);
        r.timed_out = true;
        continue;
      }
      std::this_thread::sleep_for(nap);
      nap = std::min(nap * 2, std::chrono::microseconds(10000));
    }
  }
}

// Spawns argv with the three prepared child descriptors. Returns 0 or an errno value.
int spawn(const std::vector<std::string>& argv, int in, int out, int err, pid_t& pid) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_adddup2(&actions, in, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  posix_spawn_file_actions_adddup2(&actions, err, 2);
  // If our own process ignores SIGPIPE or blocks signals, the child must not inherit that.
  sigset_t none, pipe_only;
  sigemptyset(&none);
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &pipe_only);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view stdin_data,
                          int timeout_ms) {
  ProcessResult r;
  if (argv.empty()) {
    r.spawn_failed = true;
    r.err = "run_process: empty command";
    return r;
  }
  Fd in_parent, in_child, out_parent, out_child, err_parent, err_child;
  if (!make_stdin_socket(in_parent, in_child) || !make_pipe(out_parent, out_child) ||
      !make_pipe(err_parent, err_child) || !above_stdio(in_child) || !above_stdio(out_child) ||
      !above_stdio(err_child)) {
    r.spawn_failed = true;
    r.err = std::string("cannot create pipes: ") + std::strerror(errno);
    return r;
  }

  pid_t pid = -1;
  if (int rc = spawn(argv, in_child.fd, out_child.fd, err_child.fd, pid); rc != 0) {
    r.spawn_failed = true;
    r.err = "cannot run " + argv[0] + ": " + std::strerror(rc);
    return r;
  }
  // Our copies of the child's ends must go, or we would never see EOF on its outputs.
  in_child.reset();
  out_child.reset();
  err_child.reset();
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);

  for (Fd* f : {&in_parent, &out_parent, &err_parent})
    ::fcntl(f->fd, F_SETFL, ::fcntl(f->fd, F_GETFL) | O_NONBLOCK);
  size_t written = 0;
  if (stdin_data.empty()) in_parent.reset();

  // One loop multiplexes all three streams: writing all of stdin before reading could deadlock
  // once the child fills its stdout pipe while we still block on its full stdin.
  char buf[65536];
  while (out_parent.fd >= 0 || err_parent.fd >= 0 || in_parent.fd >= 0) {
    pollfd fds[3] = {{in_parent.fd, POLLOUT, 0}, {out_parent.fd, POLLIN, 0}, {err_parent.fd, POLLIN, 0}};
    int n = ::poll(fds, 3, remaining_ms(deadline));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (n == 0) {  // deadline reached
      ::kill(pid, SIGKILL);
      r.timed_out = true;
      break;
    }
    if (fds[0].revents) {
      ssize_t w = ::send(in_parent.fd, stdin_data.data() + written, stdin_data.size() - written,
                         MSG_NOSIGNAL | MSG_DONTWAIT);
      if (w > 0) written += static_cast<size_t>(w);
      // EPIPE/ECONNRESET: the child exited or closed stdin without reading it all; not our error.
      if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_data.size())
        in_parent.reset();
    }
    for (int i = 1; i < 3; ++i) {
      if (!fds[i].revents) continue;
      Fd& f = i == 1 ? out_parent : err_parent;
      ssize_t got = ::read(f.fd, buf, sizeof buf);
      if (got > 0)
        (i == 1 ? r.out : r.err).append(buf, static_cast<size_t>(got));
      else if (got == 0 || (errno != EAGAIN && errno != EINTR))
        f.reset();
    }
  }
  in_parent.reset();
  out_parent.reset();
  err_parent.reset();
  reap(pid, deadline, r);
  return r;
}

}  // namespace py2cpp
