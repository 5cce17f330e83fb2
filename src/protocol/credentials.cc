#include "protocol/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace dynarock::protocol {

void CredentialStore::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read credentials file " + path);
  std::stringstream text;
  text << in.rdbuf();
  load_text(text.str(), path);
}

void CredentialStore::load_text(std::string_view text, const std::string& origin) {
  size_t line_no = 0;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string line(text.substr(0, eol));
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    std::istringstream words(line);
    std::vector<std::string> parts;
    for (std::string w; words >> w;) parts.push_back(w);
    if (parts.empty() || parts[0][0] == '#') continue;
    if (parts.size() < 2 || parts.size() > 3)
      throw std::runtime_error(origin + ":" + std::to_string(line_no) +
                               ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]");
    add(parts[0], parts[1], parts.size() == 3 ? parts[2] : "");
  }
}

void CredentialStore::add_from_environment() {
  const char* id = std::getenv("AWS_ACCESS_KEY_ID");
  const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
  const char* token = std::getenv("AWS_SESSION_TOKEN");
  if (id && *id && secret && *secret) add(id, secret, token ? token : "");
}

void CredentialStore::add(std::string access_key, std::string secret_key, std::string session_token) {
  keys_[std::move(access_key)] = Secret{std::move(secret_key), std::move(session_token)};
}

const Secret* CredentialStore::find(std::string_view access_key) const {
  auto it = keys_.find(std::string(access_key));
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace dynarock::protocol
