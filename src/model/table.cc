#include "model/table.h"

namespace dynarock::model {

using nlohmann::json;

namespace {

Type scalar_type(const std::string& s) { return s == "N" ? Type::N : s == "B" ? Type::B : Type::S; }

json schema_to_json(const KeySchema& k) {
  json j = {{"hash", {k.hash.name, type_name(k.hash.type)}}};
  if (k.range) j["range"] = {k.range->name, type_name(k.range->type)};
  return j;
}

KeySchema schema_from_json(const json& j) {
  KeySchema k;
  k.hash = {j["hash"][0].get<std::string>(), scalar_type(j["hash"][1].get<std::string>())};
  if (j.contains("range"))
    k.range = KeyElement{j["range"][0].get<std::string>(), scalar_type(j["range"][1].get<std::string>())};
  return k;
}

const char* projection_name(ProjectionType p) {
  return p == ProjectionType::ALL ? "ALL" : p == ProjectionType::KEYS_ONLY ? "KEYS_ONLY" : "INCLUDE";
}

ProjectionType projection_from(const std::string& s) {
  return s == "ALL" ? ProjectionType::ALL : s == "KEYS_ONLY" ? ProjectionType::KEYS_ONLY : ProjectionType::INCLUDE;
}

}  // namespace

json table_to_json(const TableInfo& t) {
  json indexes = json::array();
  for (const auto& ix : t.indexes) {
    indexes.push_back({{"name", ix.name},
                       {"global", ix.global},
                       {"id", ix.id},
                       {"key", schema_to_json(ix.key)},
                       {"projection", projection_name(ix.projection)},
                       {"non_key", ix.non_key_attributes},
                       {"status", ix.status},
                       {"backfilling", ix.backfilling}});
  }
  return {{"id", t.id},       {"ns", t.ns},           {"name", t.name},       {"region", t.region},
          {"key", schema_to_json(t.key)}, {"indexes", indexes}, {"status", t.status},
          {"created", t.created}, {"extra", t.extra}};
}

TableInfo table_from_json(const json& j) {
  TableInfo t;
  t.id = j["id"].get<uint32_t>();
  t.ns = j["ns"].get<std::string>();
  t.name = j["name"].get<std::string>();
  t.region = j["region"].get<std::string>();
  t.key = schema_from_json(j["key"]);
  for (const auto& x : j["indexes"]) {
    IndexInfo ix;
    ix.name = x["name"].get<std::string>();
    ix.global = x["global"].get<bool>();
    ix.id = x["id"].get<uint32_t>();
    ix.key = schema_from_json(x["key"]);
    ix.projection = projection_from(x["projection"].get<std::string>());
    ix.non_key_attributes = x["non_key"].get<std::vector<std::string>>();
    ix.status = x["status"].get<std::string>();
    ix.backfilling = x["backfilling"].get<bool>();
    t.indexes.push_back(std::move(ix));
  }
  t.status = j["status"].get<std::string>();
  t.created = j["created"].get<double>();
  t.extra = j["extra"];
  return t;
}

bool index_key_of(const IndexInfo& ix, const Item& item, PrimaryKey& out) {
  auto h = item.find(ix.key.hash.name);
  if (h == item.end() || h->second.type != ix.key.hash.type) return false;
  out.hash = h->second;
  out.range.reset();
  if (ix.key.range) {
    auto r = item.find(ix.key.range->name);
    if (r == item.end() || r->second.type != ix.key.range->type) return false;
    out.range = r->second;
  }
  return true;
}

Item project_for_index(const TableInfo& t, const IndexInfo& ix, const Item& item) {
  if (ix.projection == ProjectionType::ALL) return item;
  Item out;
  auto copy = [&](const std::string& name) {
    if (auto it = item.find(name); it != item.end()) out.insert(*it);
  };
  copy(t.key.hash.name);
  if (t.key.range) copy(t.key.range->name);
  copy(ix.key.hash.name);
  if (ix.key.range) copy(ix.key.range->name);
  if (ix.projection == ProjectionType::INCLUDE)
    for (const auto& name : ix.non_key_attributes) copy(name);
  return out;
}

}  // namespace dynarock::model
