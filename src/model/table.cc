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

json elements_to_json(const std::vector<KeyElement>& v) {
  json out = json::array();
  for (const auto& e : v) out.push_back({e.name, type_name(e.type)});
  return out;
}

std::vector<KeyElement> elements_from_json(const json& j) {
  std::vector<KeyElement> out;
  for (const auto& e : j) out.push_back({e[0].get<std::string>(), scalar_type(e[1].get<std::string>())});
  return out;
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
                       {"hash_keys", elements_to_json(ix.hash_keys)},
                       {"range_keys", elements_to_json(ix.range_keys)},
                       {"backfilling", ix.backfilling}});
  }
  return {{"id", t.id},
          {"ns", t.ns},
          {"name", t.name},
          {"region", t.region},
          {"key", schema_to_json(t.key)},
          {"indexes", indexes},
          {"status", t.status},
          {"created", t.created},
          {"ttl", {{"enabled", t.ttl.enabled}, {"attribute", t.ttl.attribute}, {"changed", t.ttl.changed}, {"backfilling", t.ttl.backfilling}}},
          {"stream", {{"enabled", t.stream.enabled}, {"view_type", t.stream.view_type}, {"label", t.stream.label}}},
          {"pitr",
           {{"enabled", t.pitr.enabled},
            {"earliest", t.pitr.earliest},
            {"period_days", t.pitr.period_days},
            {"base_id", t.pitr.base_id},
            {"log_id", t.pitr.log_id}}},
          {"extra", t.extra}};
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
    ix.hash_keys = elements_from_json(x.value("hash_keys", json::array()));
    ix.range_keys = elements_from_json(x.value("range_keys", json::array()));
    ix.backfilling = x["backfilling"].get<bool>();
    t.indexes.push_back(std::move(ix));
  }
  t.status = j["status"].get<std::string>();
  t.created = j["created"].get<double>();
  t.extra = j["extra"];
  if (j.contains("ttl")) {
    const json& x = j["ttl"];
    t.ttl.enabled = x["enabled"].get<bool>();
    t.ttl.attribute = x["attribute"].get<std::string>();
    t.ttl.changed = x["changed"].get<double>();
    t.ttl.backfilling = x.value("backfilling", false);
  }
  if (j.contains("stream")) {
    const json& x = j["stream"];
    t.stream.enabled = x["enabled"].get<bool>();
    t.stream.view_type = x["view_type"].get<std::string>();
    t.stream.label = x["label"].get<std::string>();
  } else {
    // Descriptions written before typed settings kept the stream in `extra`.
    if (t.extra.contains("StreamSpecification")) {
      t.stream.enabled = t.extra["StreamSpecification"].value("StreamEnabled", false);
      t.stream.view_type = t.extra["StreamSpecification"].value("StreamViewType", std::string());
    }
    t.stream.label = t.extra.value("LatestStreamLabel", std::string());
    for (const char* member : {"StreamSpecification", "LatestStreamLabel", "LatestStreamArn"}) t.extra.erase(member);
  }
  if (j.contains("pitr")) {
    t.pitr.enabled = j["pitr"]["enabled"].get<bool>();
    t.pitr.earliest = j["pitr"]["earliest"].get<double>();
    t.pitr.period_days = j["pitr"].value("period_days", 35);
    t.pitr.base_id = j["pitr"].value("base_id", 0u);
    t.pitr.log_id = j["pitr"].value("log_id", 0u);
  }
  return t;
}

bool index_key_of(const IndexInfo& ix, const Item& item, IndexKey& out) {
  out.hash.clear();
  out.range.clear();
  for (int part = 0; part < 2; ++part) {
    for (const auto& e : part == 0 ? ix.hash_elements() : ix.range_elements()) {
      auto it = item.find(e.name);
      if (it == item.end() || it->second.type != e.type) return false;
      (part == 0 ? out.hash : out.range).push_back(it->second);
    }
  }
  return true;
}

Item index_key_attributes(const IndexInfo& ix, const Item& item) {
  Item out;
  for (int part = 0; part < 2; ++part)
    for (const auto& e : part == 0 ? ix.hash_elements() : ix.range_elements())
      if (auto it = item.find(e.name); it != item.end()) out.insert(*it);
  return out;
}

Item project_for_index(const TableInfo& t, const IndexInfo& ix, const Item& item) {
  if (ix.projection == ProjectionType::ALL) return item;
  Item out;
  auto copy = [&](const std::string& name) {
    if (auto it = item.find(name); it != item.end()) out.insert(*it);
  };
  copy(t.key.hash.name);
  if (t.key.range) copy(t.key.range->name);
  for (const auto& e : ix.hash_elements()) copy(e.name);
  for (const auto& e : ix.range_elements()) copy(e.name);
  if (ix.projection == ProjectionType::INCLUDE)
    for (const auto& name : ix.non_key_attributes) copy(name);
  return out;
}

}  // namespace dynarock::model
