#include "cli/file_text.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/init_error.h"

namespace dynarock::cli {

std::string read_file(const std::filesystem::path& path) {
  std::string out;
  if (path.extension() == ".gz") {
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) throw InitError(path.string(), 0, "cannot open: " + std::string(std::strerror(errno)));
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    bool bad = n < 0;
    gzclose(f);
    if (bad) throw InitError(path.string(), 0, "not a readable gzip file");
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InitError(path.string(), 0, "cannot open: " + std::string(std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace dynarock::cli
