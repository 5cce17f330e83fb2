#include "api/capacity.h"

#include <algorithm>
#include <cmath>

#include "api/validate.h"

namespace dynarock::api {

CapacityDetail capacity_detail(const Json& req) {
  const std::string* v = get_string(req, "ReturnConsumedCapacity");
  return v ? capacity_detail(std::optional<std::string>(*v)) : CapacityDetail::none;
}

CapacityDetail capacity_detail(const std::optional<std::string>& v) {
  if (!v || *v == "NONE") return CapacityDetail::none;
  return *v == "INDEXES" ? CapacityDetail::indexes : CapacityDetail::total;
}

double read_units(size_t bytes, bool consistent) {
  double units = std::max<double>(1, std::ceil(bytes / 4096.0));
  return consistent ? units : units / 2;
}

double write_units(size_t bytes) { return std::max<double>(1, std::ceil(bytes / 1024.0)); }

void Consumed::add(const Consumed& other) {
  table += other.table;
  for (const auto& [name, u] : other.indexes) indexes[name] += u;
}

double Consumed::total() const {
  double sum = table;
  for (const auto& [name, u] : indexes) sum += u;
  return sum;
}

Consumed write_consumed(const model::TableInfo& table, const model::Item* old, const model::Item* now) {
  Consumed out;
  out.table = write_units(std::max(old ? model::item_size(*old) : 0, now ? model::item_size(*now) : 0));
  for (const auto& ix : table.indexes) {
    model::IndexKey unused;
    bool in_old = old && model::index_key_of(ix, *old, unused);
    bool in_new = now && model::index_key_of(ix, *now, unused);
    if (!in_old && !in_new) continue;
    std::optional<model::Item> before, after;
    if (in_old) before = model::project_for_index(table, ix, *old);
    if (in_new) after = model::project_for_index(table, ix, *now);
    double units;
    if (!before) {
      units = write_units(model::item_size(*after));
    } else if (!after) {
      units = write_units(model::item_size(*before));
    } else if (model::index_key_attributes(ix, *old) != model::index_key_attributes(ix, *now)) {
      units = write_units(model::item_size(*before)) + write_units(model::item_size(*after));
    } else if (*before == *after) {
      continue;  // the index stores the same entry: no write
    } else {
      units = write_units(std::max(model::item_size(*before), model::item_size(*after)));
    }
    out.indexes[ix.name] += units;
  }
  return out;
}

namespace {

// One arm (Table or an index): CapacityUnits, and for transactions the read or write label.
shapes::Capacity arm(double units, Charge charge) {
  shapes::Capacity c;
  c.CapacityUnits = units;
  if (charge == Charge::transactional_read) c.ReadCapacityUnits = units;
  if (charge == Charge::transactional_write) c.WriteCapacityUnits = units;
  return c;
}

}  // namespace

std::optional<shapes::ConsumedCapacity> capacity(CapacityDetail detail, const std::string& table_name,
                                                 const model::TableInfo& table, const Consumed& units, Charge charge) {
  if (detail == CapacityDetail::none) return std::nullopt;
  shapes::ConsumedCapacity out;
  out.TableName = table_name;
  double total = units.total();
  out.CapacityUnits = total;
  if (charge == Charge::transactional_read) out.ReadCapacityUnits = total;
  if (charge == Charge::transactional_write) out.WriteCapacityUnits = total;
  if (detail == CapacityDetail::indexes) {
    out.Table = arm(units.table, charge);
    for (const auto& [name, u] : units.indexes) {
      const model::IndexInfo* ix = table.find_index(name);
      auto& dst = ix && !ix->global ? out.LocalSecondaryIndexes : out.GlobalSecondaryIndexes;
      if (!dst) dst.emplace();
      dst->emplace(name, arm(u, charge));
    }
  }
  return out;
}

std::string consumed_capacity(CapacityDetail detail, const std::string& table_name, const model::TableInfo& table,
                              const Consumed& units, Charge charge) {
  std::string out;
  if (auto c = capacity(detail, table_name, table, units, charge)) shapes::encode_ConsumedCapacity(*c, out);
  return out;
}

void CapacityByTable::add(const std::string& table_name, const model::TablePtr& table, const Consumed& units) {
  tables_.try_emplace(table->name, Entry{table_name, table, {}}).first->second.units.add(units);
}

std::vector<shapes::ConsumedCapacity> CapacityByTable::list(CapacityDetail detail, Charge charge) const {
  std::vector<shapes::ConsumedCapacity> out;
  for (const auto& [name, e] : tables_)
    if (auto c = capacity(detail, e.name, *e.table, e.units, charge)) out.push_back(std::move(*c));
  return out;
}

std::string CapacityByTable::member(CapacityDetail detail, Charge charge) const {
  std::string out = "\"ConsumedCapacity\":[";
  bool first = true;
  for (const auto& c : list(detail, charge)) {
    if (!first) out += ',';
    first = false;
    shapes::encode_ConsumedCapacity(c, out);
  }
  return out + ']';
}

namespace {

shapes::Capacity arm_from(const Json& j) {
  shapes::Capacity c;
  if (j.contains("ReadCapacityUnits")) c.ReadCapacityUnits = j["ReadCapacityUnits"].get<double>();
  if (j.contains("WriteCapacityUnits")) c.WriteCapacityUnits = j["WriteCapacityUnits"].get<double>();
  if (j.contains("CapacityUnits")) c.CapacityUnits = j["CapacityUnits"].get<double>();
  return c;
}

std::optional<std::map<std::string, shapes::Capacity>> arms_from(const Json& j, const char* member) {
  if (!j.contains(member)) return std::nullopt;
  std::map<std::string, shapes::Capacity> out;
  for (const auto& [name, arm] : j[member].items()) out.emplace(name, arm_from(arm));
  return out;
}

}  // namespace

std::string capacity_text(const Json& consumed) {
  std::string out;
  if (consumed.is_array()) {
    out += '[';
    for (const auto& entry : consumed) {
      if (out.size() > 1) out += ',';
      out += capacity_text(entry);
    }
    return out + ']';
  }
  shapes::ConsumedCapacity c;
  if (consumed.contains("TableName")) c.TableName = consumed["TableName"].get<std::string>();
  if (consumed.contains("CapacityUnits")) c.CapacityUnits = consumed["CapacityUnits"].get<double>();
  if (consumed.contains("ReadCapacityUnits")) c.ReadCapacityUnits = consumed["ReadCapacityUnits"].get<double>();
  if (consumed.contains("WriteCapacityUnits")) c.WriteCapacityUnits = consumed["WriteCapacityUnits"].get<double>();
  if (consumed.contains("Table")) c.Table = arm_from(consumed["Table"]);
  c.LocalSecondaryIndexes = arms_from(consumed, "LocalSecondaryIndexes");
  c.GlobalSecondaryIndexes = arms_from(consumed, "GlobalSecondaryIndexes");
  shapes::encode_ConsumedCapacity(c, out);
  return out;
}

}  // namespace dynarock::api
