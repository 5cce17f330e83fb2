// A small blocking HTTP/1.1 client on Boost.Beast with one keep-alive connection (http or https),
// for the subcommands that talk to a server: healthcheck, dump, load.
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

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  // The Host header: host, plus the port when it is not the scheme's default.
  std::string host_header() const;
};

// "http://host:port", "https://host" or "host:port"; false when it is none of those.
bool parse_url(const std::string& text, Url& url);

class HttpClient {
 public:
  explicit HttpClient(Url url, std::chrono::seconds timeout = std::chrono::seconds(30));
  ~HttpClient();
  // Throws std::runtime_error when the server cannot be reached; reconnects once on a dropped connection.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers, const std::string& body);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynarock::cli
