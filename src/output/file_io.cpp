#include "output/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

namespace py2cpp::output_detail {

namespace {

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return false;
    done += static_cast<size_t>(w);
  }
  return true;
}

// A new, exclusively created file "<dir>/.<name><tag><random>"; -1 with errno set on failure.
// Random names (not pid/counter) keep concurrent writers, threads or processes, from colliding.
int create_unique(const std::string& path, const char* tag, std::string& created) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::random_device rd;
  for (int attempt = 0; attempt < 16; ++attempt) {
    created = fmt::format("{}.{}{}{:08x}{:08x}", dir, name, tag, rd(), rd());
    int fd = ::open(created.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

}  // namespace

ReadResult read_file(const std::string& path) {
  ReadResult r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) {
      r.exists = true;
      r.error = errno_text();
    }
    return r;
  }
  r.exists = true;
  char buf[65536];
  for (;;) {
    ssize_t got = ::read(fd, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) r.error = errno_text();
    if (got <= 0) break;
    r.content.append(buf, static_cast<size_t>(got));
  }
  ::close(fd);
  return r;
}

std::optional<std::string> write_file_atomic(const std::string& path, const std::string& content) {
  std::string tmp;
  int fd = create_unique(path, ".tmp.", tmp);
  if (fd < 0) return errno_text();
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
  bool ok = write_all(fd, content);
  std::string error = ok ? "" : errno_text();
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno_text();
  }
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    error = errno_text();
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    return error;
  }
  return std::nullopt;
}

std::optional<std::string> probe_writable(const std::string& dir) {
  std::string probe;
  int fd = create_unique(dir + "/py2cpp", ".probe.", probe);
  if (fd < 0) return errno_text();
  ::close(fd);
  ::unlink(probe.c_str());
  return std::nullopt;
}

}  // namespace py2cpp::output_detail
