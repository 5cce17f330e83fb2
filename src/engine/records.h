// Records: small JSON documents kept per kind and namespace in `meta`, under
// "record" \0 kind \0 namespace \0 key (backups, exports, imports, global tables).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/storage.h"

namespace dynarock::engine::records {

void put(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key, const nlohmann::json& value);
std::optional<nlohmann::json> get(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key);
std::vector<nlohmann::json> list(Storage& storage, const std::string& kind, const std::string& ns);
void remove(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key);

}  // namespace dynarock::engine::records
