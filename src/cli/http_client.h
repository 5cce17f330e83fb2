// A small blocking HTTP/1.1 client on Boost.Beast with one keep-alive connection, for the
// subcommands that talk to a server (healthcheck, dump, load). Plain http only.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace dynarock::cli {

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::string port, std::chrono::seconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  // Throws std::runtime_error when the server cannot be reached; reconnects once on a dropped connection.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers, const std::string& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "http://host:port/..." -> host, port; false when it is not such a URL.
bool split_url(const std::string& url, std::string& host, std::string& port);

}  // namespace dynarock::cli
