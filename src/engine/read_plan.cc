// Storage keys of reads: a ReadSpec (Query or Scan by descriptor) becomes a key range here, so
// no caller encodes keys.
#include "engine/item_store.h"
#include "engine/key_codec.h"
#include "engine/key_hash.h"

namespace dynarock::engine {

namespace kc = key_codec;

std::string index_entry_key(const model::IndexInfo& index, const model::IndexKey& index_key, const model::TableInfo& table,
                            const model::PrimaryKey& table_key) {
  std::string out = kc::index_partition_prefix(index.id, index_key.hash);
  for (const auto& v : index_key.range) kc::append_value(out, v);
  kc::append_value(out, table_key.hash);
  if (table.key.range && table_key.range) kc::append_value(out, *table_key.range);
  return out;
}

std::string index_entry_key(const model::IndexInfo& index, const model::PrimaryKey& index_key, const model::TableInfo& table,
                            const model::PrimaryKey& table_key) {
  model::IndexKey k{{index_key.hash}, {}};
  if (index_key.range) k.range.push_back(*index_key.range);
  return index_entry_key(index, k, table, table_key);
}

ItemId item_id(const model::TableInfo& table, const model::PrimaryKey& key) {
  ItemId id;
  id.bytes_ = kc::item_key(table.id, key);
  return id;
}

namespace {

uint32_t source_id(const ReadSpec& spec) { return spec.index ? spec.index->id : spec.table->id; }

// The Query's partition plus its equality-fixed leading sort-key values.
std::string partition_of(const ReadSpec& spec) {
  uint32_t id = source_id(spec);
  std::string out = spec.partition.size() == 1 ? kc::partition_prefix(id, spec.partition[0]) : kc::index_partition_prefix(id, spec.partition);
  for (const auto& v : spec.sort_prefix) kc::append_value(out, v);
  return out;
}

// Encoded bounds of the sort condition within `prefix`.
void bound_sort(const SortCondition& cond, const std::string& prefix, Range& range) {
  using Op = SortCondition::Op;
  range.lower = prefix;
  range.upper = kc::prefix_successor(prefix);
  auto at = [&](const model::AttributeValue& v) {
    std::string k = prefix;
    kc::append_value(k, v);
    return k;
  };
  switch (cond.op) {
    case Op::none: break;
    case Op::eq:
      range.lower = at(cond.a);
      range.upper = kc::prefix_successor(range.lower);
      break;
    case Op::lt: range.upper = at(cond.a); break;
    case Op::le: range.upper = kc::prefix_successor(at(cond.a)); break;
    case Op::gt: range.lower = kc::prefix_successor(at(cond.a)); break;
    case Op::ge: range.lower = at(cond.a); break;
    case Op::between:
      range.lower = at(cond.a);
      range.upper = kc::prefix_successor(at(cond.b));
      break;
    case Op::begins_with: {
      // Escaped bytes without the value terminator: every value starting with them sorts here.
      std::string k = at(cond.a);
      k.resize(k.size() - 2);
      range.lower = k;
      range.upper = kc::prefix_successor(k);
      break;
    }
  }
}

// The first key of segment s of T (DynamoDB's segments, key_hash.h); past the last hash,
// the next id's first key, so the segment is empty.
std::string segment_bound(uint32_t id, long long s, long long total) {
  long long bucket = key_hash::segment_start(s, total);
  std::string k;
  if (bucket >= 4096) {
    kc::append_id(k, id + 1);
    return k;
  }
  kc::append_id(k, id);
  kc::append_hash(k, static_cast<uint64_t>(bucket) << 52);
  return k;
}

std::string start_position(const ReadSpec& spec) {
  if (!spec.start) return "";
  if (!spec.index) return kc::item_key(spec.table->id, spec.start->table_key);
  return index_entry_key(*spec.index, spec.start->index_key, *spec.table, spec.start->table_key);
}

}  // namespace

Range plan_read(const ReadSpec& spec) {
  Range range;
  range.id = source_id(spec);
  range.index = spec.index != nullptr;
  range.reverse = spec.reverse;
  if (spec.query) {
    bound_sort(spec.sort, partition_of(spec), range);
  } else if (spec.total_segments > 0) {
    range.lower = segment_bound(range.id, spec.segment, spec.total_segments);
    if (spec.segment + 1 < spec.total_segments) range.upper = segment_bound(range.id, spec.segment + 1, spec.total_segments);
  }
  range.after = start_position(spec);
  return range;
}

StartFit check_start(const ReadSpec& spec) {
  if (!spec.start) return StartFit::ok;
  std::string position = start_position(spec);
  if (spec.query) {
    std::string partition = partition_of(spec);
    if (position.compare(0, partition.size(), partition) != 0) return StartFit::outside_partition;
  } else if (spec.total_segments > 0) {
    Range r = plan_read(spec);
    if (position < r.lower || (!r.upper.empty() && position >= r.upper)) return StartFit::outside_segment;
  }
  return StartFit::ok;
}

}  // namespace dynarock::engine
