// Embedding dynarock in a C++ process (for example a test fixture): a DynamoDB endpoint on a
// loopback port, served by background threads until the object is destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace dynarock {

struct EmbeddedOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;            // 0: pick a free port
  bool in_memory = true;
  std::string data_dir;         // used when in_memory is false
  std::string s3_dir;           // folder standing in for S3 (exports, imports); default data_dir/s3
  bool shared_db = false;
  int threads = 1;
};

class EmbeddedServer {
 public:
  // Starts serving; throws std::exception when the port cannot be bound or storage not opened.
  explicit EmbeddedServer(EmbeddedOptions options = {});
  ~EmbeddedServer();
  EmbeddedServer(const EmbeddedServer&) = delete;
  EmbeddedServer& operator=(const EmbeddedServer&) = delete;

  uint16_t port() const;
  // "http://127.0.0.1:<port>", for an SDK's endpoint setting.
  std::string endpoint() const;
  // Stops serving and waits for the io threads; also done by the destructor.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynarock
