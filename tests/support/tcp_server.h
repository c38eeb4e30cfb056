// Test support: a stock xapian-tcpsrv serving one shard on 127.0.0.1, for
// the tests that read an index through a stub with remote shards (query,
// report collection). Nothing leaves loopback.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace vigie::test {

// A loopback TCP port that was free a moment ago (-1 if none).
inline int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = -1;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

// Whether something accepts connections on 127.0.0.1:port.
inline bool accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// The xapian-tcpsrv executable (Debian package xapian-tools), or "".
inline std::string find_tcpsrv() {
  namespace fs = std::filesystem;
  for (const char* dir : {"/usr/bin", "/usr/local/bin"}) {
    fs::path p = fs::path(dir) / "xapian-tcpsrv";
    if (fs::exists(p)) return p.string();
  }
  return {};
}

// xapian-tcpsrv over one database, killed when this object dies (also when
// an assertion fails half-way).
class TcpServer {
 public:
  TcpServer(const std::string& exe, const std::string& db, int port) : port_(port) {
    std::vector<std::string> args = {exe, "--port", std::to_string(port), "--interface", "127.0.0.1", "--quiet", db};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // Own process group: on SIGTERM xapian-tcpsrv kills its whole process
    // group (its forked children), which must not include the test.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    if (::posix_spawn(&pid_, exe.c_str(), nullptr, &attr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawnattr_destroy(&attr);
  }
  ~TcpServer() {
    if (pid_ > 0) {
      ::kill(-pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // Waits up to 5 s for the server to accept connections.
  bool wait_ready() const {
    for (int i = 0; i < 100 && pid_ > 0; ++i) {
      if (accepts(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  pid_t pid_ = -1;
  int port_;
};

}  // namespace vigie::test
