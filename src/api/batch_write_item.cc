// BatchWriteItem: up to 25 puts and deletes across tables. Each write is atomic on its own (as in
// DynamoDB, the batch as a whole is not); everything is always processed, so UnprocessedItems is
// always empty. Every request is validated (tables, keys, duplicates) before anything is written.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

// The RequestItems map as DynamoDB echoes it in a constraint message: {T1=[...], T2=[]}.
std::string echo_request_items(const Json& request_items) {
  std::string out = "{";
  bool first = true;
  for (auto it = request_items.begin(); it != request_items.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    out += it.key() + "=" + (it.value().empty() ? std::string("[]") : it.value().dump());
  }
  return out + "}";
}

}  // namespace

std::string batch_write_item(Context& ctx, const Json& req) {
  Constraints v;
  const Json* request_items = get_object(req, "RequestItems");
  if (!request_items) v.add_message("Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  else if (request_items->empty())
    v.add_message("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (request_items) {
    bool empty_list = false;
    for (auto it = request_items->begin(); it != request_items->end(); ++it) {
      if (!it.value().is_array()) throw serialization_error("Unexpected value type in payload");
      if (it.value().empty()) empty_list = true;
    }
    // An empty list is reported against the whole map, echoed; an over-long one against its table.
    if (empty_list)
      v.add_message("Value '" + echo_request_items(*request_items) + "' at 'requestItems' failed to satisfy constraint: Map value must "
            "satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
    for (auto it = request_items->begin(); it != request_items->end(); ++it)
      if (it.value().size() > 25)
        v.add_message("Value at 'RequestItems." + it.key() + ".member' failed to satisfy constraint: Member must have length less than or equal to 25");
  }
  v.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.enum_value(req, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics", {"SIZE", "NONE"});
  v.finish();

  size_t total = 0;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    for (const auto& request : it.value()) {
      if (!request.is_object()) throw serialization_error("Unexpected value type in payload");
      // A WriteRequest must hold exactly one of PutRequest and DeleteRequest; DynamoDB words it
      // as it words an AttributeValue with no or several types.
      if ((get_object(request, "PutRequest") != nullptr) == (get_object(request, "DeleteRequest") != nullptr))
        throw validation_error("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }
    total += it.value().size();
  }
  if (total > 25) throw validation_error("Too many items requested for the BatchWriteItem call");

  struct Write {
    model::TablePtr table;
    model::PrimaryKey key;
    std::optional<model::Item> item;  // nullopt: delete
  };
  std::vector<Write> writes;
  std::set<engine::ItemId> seen;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    model::TablePtr table = ctx.require_table(table_name_from(it.key()));
    size_t index = 0;
    for (const auto& request : it.value()) {
      ++index;
      const Json* put = get_object(request, "PutRequest");
      const Json* del = get_object(request, "DeleteRequest");
      Write w{table, {}, std::nullopt};
      if (put) {
        const Json* item = get_object(*put, "Item");
        if (!item)
          throw validation_error("1 validation error detected: Value null at 'requestItems." + it.key() + ".member." +
                                 std::to_string(index) + ".member.putRequest.item' failed to satisfy constraint: Member must not be null");
        w.item = model::parse_item(*item);
        try {
          w.key = model::key_from_item(table->key, *w.item);
        } catch (const ApiError& e) {
          // BatchWriteItem words a missing or wrongly typed key attribute as a schema mismatch.
          if (e.message().find("Type mismatch") != std::string::npos || e.message().find("Missing the key") != std::string::npos)
            throw validation_error("The provided key element does not match the schema");
          throw;
        }
        check_item_for_write(*table, *w.item);
      } else {
        const Json* key = get_object(*del, "Key");
        if (!key)
          throw validation_error("1 validation error detected: Value null at 'requestItems." + it.key() + ".member." +
                                 std::to_string(index) + ".member.deleteRequest.key' failed to satisfy constraint: Member must not be null");
        w.key = model::key_from_request(table->key, model::parse_item(*key));
      }
      if (!seen.insert(engine::item_id(*table, w.key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      writes.push_back(std::move(w));
    }
  }

  // Capacity per table: the table's own units plus one write per affected index, as for PutItem
  // and DeleteItem.
  struct Usage {
    model::TablePtr table;
    double units = 0;
    std::map<std::string, double> index_units;
  };
  std::map<std::string, Usage> usage;
  for (const auto& w : writes) {
    ctx.engine.mutate(*w.table, w.key, [&](const model::Item* old) {
      const model::Item* now = w.item ? &*w.item : nullptr;
      size_t size = std::max(old ? model::item_size(*old) : 0, now ? model::item_size(*now) : 0);
      Usage& u = usage[w.table->name];
      u.table = w.table;
      u.units += write_units(size);
      for (const auto& ix : w.table->indexes) {
        model::IndexKey k;
        bool in_old = old && model::index_key_of(ix, *old, k);
        bool in_new = now && model::index_key_of(ix, *now, k);
        if (!in_old && !in_new) continue;
        size_t isize = std::max(in_old ? model::item_size(model::project_for_index(*w.table, ix, *old)) : 0,
                                in_new ? model::item_size(model::project_for_index(*w.table, ix, *now)) : 0);
        u.index_units[ix.name] += write_units(isize);
      }
      if (w.item) return engine::Decision{engine::Decision::Action::put, *w.item};
      return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
    });
  }
  CapacityDetail detail = capacity_detail(req);
  std::string out = "{\"UnprocessedItems\":{}";
  if (detail != CapacityDetail::none) {
    out += ",\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto& [name, u] : usage) {
      if (!first) out += ',';
      first = false;
      std::vector<std::pair<std::string, double>> index_units(u.index_units.begin(), u.index_units.end());
      out += consumed_capacity(detail, *u.table, u.units, true, index_units);
    }
    out += ']';
  }
  out += '}';
  return out;
}

}  // namespace dynarock::api
