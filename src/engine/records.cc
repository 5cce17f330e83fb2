#include "engine/records.h"

#include <rocksdb/iterator.h>

namespace dynarock::engine::records {

namespace {

std::string prefix_of(const std::string& kind, const std::string& ns) {
  std::string p = "record";
  p += '\0';
  p += kind;
  p += '\0';
  p += ns;
  p += '\0';
  return p;
}

}  // namespace

void put(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key, const nlohmann::json& value) {
  check(storage.db()->Put(storage.write_options, storage.meta, prefix_of(kind, ns) + key, value.dump()), "record");
}

std::optional<nlohmann::json> get(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key) {
  std::string value;
  auto s = storage.db()->Get(rocksdb::ReadOptions(), storage.meta, prefix_of(kind, ns) + key, &value);
  if (s.IsNotFound()) return std::nullopt;
  check(s, "record");
  return nlohmann::json::parse(value);
}

std::vector<nlohmann::json> list(Storage& storage, const std::string& kind, const std::string& ns) {
  std::string prefix = prefix_of(kind, ns);
  std::vector<nlohmann::json> out;
  std::unique_ptr<rocksdb::Iterator> it(storage.db()->NewIterator(rocksdb::ReadOptions(), storage.meta));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    out.push_back(nlohmann::json::parse(it->value().ToString()));
  check(it->status(), "records");
  return out;
}

void remove(Storage& storage, const std::string& kind, const std::string& ns, const std::string& key) {
  check(storage.db()->Delete(storage.write_options, storage.meta, prefix_of(kind, ns) + key), "record");
}

}  // namespace dynarock::engine::records
