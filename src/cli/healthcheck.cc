// `dynarock healthcheck`: exit 0 when the server on this machine answers GET /health, 1 otherwise.
// The container image's HEALTHCHECK runs it (the image has no shell or curl).
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/http_client.h"

namespace dynarock::cli {

int run_healthcheck(const std::vector<std::string>& args) {
  std::string host = "127.0.0.1", port;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--port" || args[i] == "-port") && i + 1 < args.size()) port = args[++i];
    else if (args[i] == "--host" && i + 1 < args.size()) host = args[++i];
    else {
      std::cerr << "usage: dynarock healthcheck [--host ADDR] [--port N]\n";
      return 2;
    }
  }
  // The server writes its port to DYNAROCK_PORT_FILE, so a -port given to the server is followed.
  if (port.empty())
    if (const char* file = std::getenv("DYNAROCK_PORT_FILE"); file && *file) std::ifstream(file) >> port;
  if (port.empty())
    if (const char* env = std::getenv("DYNAROCK_PORT"); env && *env) port = env;
  if (port.empty()) port = "8000";
  try {
    HttpClient client(Url{false, host, port}, std::chrono::seconds(3));
    HttpResponse res = client.request("GET", "/health", {}, "");
    if (res.status == 200) {
      std::cout << "healthy: " << res.body << "\n";
      return 0;
    }
    std::cerr << "unhealthy: HTTP " << res.status << "\n";
  } catch (const std::exception& e) {
    std::cerr << "unhealthy: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace dynarock::cli
