// CredentialStore: the access keys --require-auth accepts, with their secrets (and, for temporary
// credentials, the session token requests must carry).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace dynarock::protocol {

struct Secret {
  std::string secret_key;
  std::string session_token;  // "" for long-term keys
};

class CredentialStore {
 public:
  // Reads "ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]" lines; blank lines and lines starting
  // with '#' are skipped. Throws std::runtime_error naming the file and line on a malformed line.
  void load_file(const std::string& path);
  // Parses the same format from text (what load_file reads).
  void load_text(std::string_view text, const std::string& origin = "credentials");
  // Adds AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) when both are set.
  void add_from_environment();
  void add(std::string access_key, std::string secret_key, std::string session_token = "");

  const Secret* find(std::string_view access_key) const;
  size_t size() const { return keys_.size(); }

 private:
  std::unordered_map<std::string, Secret> keys_;
};

}  // namespace dynarock::protocol
