#include "api/read_page.h"

#include <algorithm>

#include "api/item_request.h"
#include "model/error.h"

namespace dynarock::api {

std::vector<expr::LegacyComparison> read_conditions(const std::map<std::string, shapes::Condition>& conditions) {
  // A null condition is a wire error on Query and Scan, as it was before they were typed.
  for (const auto& [name, c] : conditions)
    if (c.null_element) throw serialization_error("Expected map or null");
  return legacy_comparisons(conditions);
}


template <typename Req>
void check_read_request(const Req& req, Constraints& c) {
  c.table_name_or_arn(ptr(req.TableName), "tableName");
  c.index_name(ptr(req.IndexName), "indexName");
  c.enum_value(ptr(req.Select), "select", {"ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"});
  c.integer_range(req.Limit, "limit", 1, std::nullopt);
  c.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.enum_value(ptr(req.ConditionalOperator), "conditionalOperator", {"AND", "OR"});
  if (req.AttributesToGet && req.AttributesToGet->empty())
    c.add("'[]'", "attributesToGet", "Member must have length greater than or equal to 1");
}

template <typename Req>
ReadSource resolve_source(Context& ctx, const Req& req) {
  ReadSource source;
  source.table = ctx.require_table(table_name_from(*req.TableName));
  if (req.IndexName) {
    const std::string& name = *req.IndexName;
    source.index = source.table->find_index(name);
    if (!source.index) throw validation_error("The table does not have the specified index: " + name);
    if (source.index->status != "ACTIVE" || source.index->backfilling)
      throw validation_error("Cannot read from backfilling global secondary index: " + name);
  }
  return source;
}

template <typename Req>
expr::Condition legacy_filter(const Req& req, const char* legacy) {
  const std::optional<std::map<std::string, shapes::Condition>>* filter;
  if constexpr (requires { req.QueryFilter; }) filter = &req.QueryFilter;
  else filter = &req.ScanFilter;
  if (*filter) return expr::from_filter(read_conditions(**filter), ptr(req.ConditionalOperator), legacy);
  return expr::Condition();
}

void check_read_paths(const ReadSource& source, const std::optional<expr::Projection>& projection, const expr::Condition& filter) {
  if (projection) check_key_paths(*source.table, projection->paths());
  check_key_paths(*source.table, filter.paths());
}

template <typename Req>
Select resolve_select(const Req& req, const ReadSource& source, bool has_projection, bool query) {
  if (req.ConsistentRead.value_or(false) && source.index && source.index->global)
    throw validation_error("Consistent reads are not supported on global secondary indexes");
  const std::string* select = ptr(req.Select);
  const char* projection_name = req.ProjectionExpression ? "ProjectionExpression" : "AttributesToGet";
  if (!select) {
    if (has_projection) return Select::specific;
    if (source.index && source.index->global && source.index->projection != model::ProjectionType::ALL) return Select::all_projected;
    if (source.index && !source.index->global) return Select::all_projected;
    return Select::all_attributes;
  }
  if (*select == "SPECIFIC_ATTRIBUTES") {
    if (!has_projection)
      throw validation_error(std::string(query ? "1 validation error detected: " : "") +
                             "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
    return Select::specific;
  }
  if (*select == "COUNT") {
    // Query reports this one inside the constraint envelope, Scan bare.
    if (has_projection)
      throw validation_error(std::string(query ? "1 validation error detected: " : "") + "Cannot specify the " + projection_name +
                             " when choosing to get only the Count");
    return Select::count;
  }
  if (*select == "ALL_PROJECTED_ATTRIBUTES") {
    if (has_projection)
      throw validation_error(std::string("Cannot specify the ") + projection_name + " when choosing to get ALL_PROJECTED_ATTRIBUTES");
    if (!source.index)
      throw validation_error(query ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                                   : "ALL_PROJECTED_ATTRIBUTES can be used only when Scanning using an IndexName");
    return Select::all_projected;
  }
  if (has_projection) throw validation_error(std::string("Cannot specify the ") + projection_name + " when choosing to get ALL_ATTRIBUTES");
  if (source.index && source.index->global && source.index->projection != model::ProjectionType::ALL)
    throw validation_error("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index " +
                           source.index->name + " because its projection type is not ALL");
  return Select::all_attributes;
}

template <typename Req>
PageOptions page_options(const Req& req, const ReadSource& source, const expr::Condition& filter,
                         const std::optional<expr::Projection>& projection, Select select) {
  PageOptions options;
  options.spec.table = source.table.get();
  options.spec.index = source.index;
  options.limit = req.Limit;
  options.filter = &filter;
  options.projection = &projection;
  options.select = select;
  options.consistent = req.ConsistentRead.value_or(false);
  options.capacity = capacity_detail(req.ReturnConsumedCapacity);
  if (req.TableName) options.table_name = *req.TableName;
  return options;
}

#define DYNAROCK_READ_REQUEST(Req)                                                                                         \
  template void check_read_request(const Req&, Constraints&);                                                              \
  template ReadSource resolve_source(Context&, const Req&);                                                                \
  template expr::Condition legacy_filter(const Req&, const char*);                                                         \
  template Select resolve_select(const Req&, const ReadSource&, bool, bool);                                               \
  template PageOptions page_options(const Req&, const ReadSource&, const expr::Condition&, const std::optional<expr::Projection>&, \
                                    Select);
DYNAROCK_READ_REQUEST(shapes::QueryInput)
DYNAROCK_READ_REQUEST(shapes::ScanInput)
#undef DYNAROCK_READ_REQUEST

namespace {

const model::AttributeValue& start_value(const model::Item& key, const model::KeyElement& element) {
  auto it = key.find(element.name);
  if (it == key.end() || it->second.type != element.type)
    throw validation_error("The provided starting key is invalid: The provided key element does not match the schema");
  return it->second;
}

}  // namespace

void check_start_key_contents(const std::optional<model::Checked<model::Item>>& exclusive_start_key) {
  if (!exclusive_start_key) return;
  try {
    exclusive_start_key->get();
  } catch (const ApiError& e) {
    // DynamoDB words most content errors as an invalid starting key, but not those about numbers
    // or duplicate set members (answers recorded from the service).
    const std::string& m = e.message();
    for (const char* bare : {"contains duplicates", "number set", "numeric value", "significant digits", "number with magnitude"})
      if (m.find(bare) != std::string::npos) throw;
    throw validation_error("The provided starting key is invalid: " + m);
  }
}

std::optional<engine::StartKey> start_key(const std::optional<model::Checked<model::Item>>& exclusive_start_key,
                                          const ReadSource& source) {
  if (!exclusive_start_key) return std::nullopt;
  const model::Item& key = exclusive_start_key->get();
  const model::TableInfo& t = *source.table;
  model::PrimaryKey tk{start_value(key, t.key.hash), std::nullopt};
  if (t.key.range) tk.range = start_value(key, *t.key.range);
  size_t expected = t.key.range ? 2 : 1;
  if (!source.index) {
    if (key.size() != expected) throw validation_error("The provided starting key is invalid: The provided key element does not match the schema");
    return engine::StartKey{tk, {}};
  }
  const model::IndexInfo& ix = *source.index;
  model::IndexKey ik;
  for (const auto& e : ix.hash_elements()) ik.hash.push_back(start_value(key, e));
  for (const auto& e : ix.range_elements()) ik.range.push_back(start_value(key, e));
  for (const auto& [name, value] : key)
    if (!t.key.is_key_attribute(name) && !ix.is_key_attribute(name))
      throw validation_error("The provided starting key is invalid: The provided key element does not match the schema");
  return engine::StartKey{tk, ik};
}

Page read_page(Context& ctx, const ReadSource& source, const PageOptions& options) {
  constexpr size_t kPageBytes = 1024 * 1024;
  const model::TableInfo& table = *source.table;
  const model::IndexInfo* index = source.index;
  // An LSI fetches attributes it does not project from the table (a GSI cannot); when every
  // requested attribute is projected, the read stays on the index.
  auto projected = [&](const std::string& name) {
    if (table.key.is_key_attribute(name) || index->is_key_attribute(name)) return true;
    return std::find(index->non_key_attributes.begin(), index->non_key_attributes.end(), name) != index->non_key_attributes.end();
  };
  bool fetch_from_table = false;
  if (index && !index->global && index->projection != model::ProjectionType::ALL) {
    if (options.select == Select::all_attributes) fetch_from_table = true;
    else if (options.select == Select::specific && options.projection && *options.projection)
      for (const auto& name : (*options.projection)->top_level_names())
        if (!projected(name)) fetch_from_table = true;
  }

  std::string items = "[";
  size_t count = 0, scanned = 0, bytes = 0;
  double fetch_units = 0;  // an LSI's fetches from the table, each item rounded up on its own
  bool stopped = false, more = false;
  model::Item last;
  ctx.engine.read(options.spec, [&](model::Item&& entry) {
    if (stopped) {
      more = true;
      return false;
    }
    if (options.key_condition && options.key_condition->range_name) {
      auto it = entry.find(*options.key_condition->range_name);
      if (it == entry.end() || !options.key_condition->range_matches(it->second)) return true;
    }
    ++scanned;
    bytes += model::item_size(entry);
    model::Item full;
    const model::Item* item = &entry;
    if (fetch_from_table) {
      if (auto base = ctx.engine.get(table, model::key_from_item(table.key, entry))) {
        fetch_units += read_units(model::item_size(*base), options.consistent);
        full = std::move(*base);
        item = &full;
      }
    }
    if (options.filter->empty() || options.filter->evaluate(*item)) {
      ++count;
      if (options.select != Select::count) {
        if (items.size() > 1) items += ',';
        model::write_json(options.projection && *options.projection ? (*options.projection)->apply(*item) : *item, items);
      }
    }
    last = model::key_attributes(table.key, entry);
    if (index) {
      auto ik = model::index_key_attributes(*index, entry);
      last.insert(ik.begin(), ik.end());
    }
    if ((options.limit && static_cast<long long>(scanned) >= *options.limit) || bytes >= kPageBytes) {
      stopped = true;
      // At Limit DynamoDB returns LastEvaluatedKey even when nothing follows; at 1 MB only if more.
      if (options.limit && static_cast<long long>(scanned) >= *options.limit) {
        more = true;
        return false;
      }
    }
    return true;
  });
  items += ']';

  Page page;
  if (options.select != Select::count) page.items = std::move(items);
  page.count = count;
  page.scanned = scanned;
  if (stopped && more) page.last_key = std::move(last);
  if (options.capacity != CapacityDetail::none) {
    // The entries read, before any filter, rounded up once for the page; a read of an index
    // charges the index, and the table only for what an LSI fetched from it.
    double units = read_units(bytes, options.consistent);
    Consumed consumed;
    if (index) {
      consumed.table = fetch_units;
      consumed.indexes[index->name] = units;
    } else {
      consumed.table = units;
    }
    page.capacity = consumed_capacity(options.capacity, options.table_name.empty() ? table.name : options.table_name, table,
                                      consumed);
  }
  return page;
}

std::string page_body(const Page& page) {
  std::string out = "{";
  if (!page.items.empty()) out += "\"Items\":" + page.items + ",";
  out += "\"Count\":" + std::to_string(page.count) + ",\"ScannedCount\":" + std::to_string(page.scanned);
  if (page.last_key) {
    out += ",\"LastEvaluatedKey\":";
    model::write_json(*page.last_key, out);
  }
  if (!page.capacity.empty()) out += ",\"ConsumedCapacity\":" + page.capacity;
  out += '}';
  return out;
}

}  // namespace dynarock::api
