// BatchWriteItem: up to 25 puts and deletes across tables. Each write is atomic on its own (as in
// DynamoDB, the batch as a whole is not); everything is always processed, so UnprocessedItems is
// always empty.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "engine/key_codec.h"
#include "model/error.h"

namespace dynarock::api {

std::string batch_write_item(Context& ctx, const Json& req) {
  Constraints c;
  const Json* request_items = get_object(req, "RequestItems");
  if (!request_items) c.add("null", "requestItems", "Member must not be null");
  else if (request_items->empty()) c.add("'{}'", "requestItems", "Member must have length greater than or equal to 1");
  c.enum_value(req, "ReturnConsumedCapacity", "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  c.enum_value(req, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics", {"SIZE", "NONE"});
  if (request_items)
    for (auto it = request_items->begin(); it != request_items->end(); ++it) {
      if (!it.value().is_array()) throw serialization_error("Unexpected value type in payload");
      if (it.value().size() > 25 || it.value().empty())
        c.add("'" + it.value().dump() + "'", "requestItems",
              "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
    }
  c.finish();

  struct Write {
    model::TablePtr table;
    model::PrimaryKey key;
    std::optional<model::Item> item;  // nullopt: delete
  };
  std::vector<Write> writes;
  std::set<std::string> seen;
  for (auto it = request_items->begin(); it != request_items->end(); ++it) {
    model::TablePtr table = ctx.require_table(table_name_from(it.key()));
    for (const auto& request : it.value()) {
      const Json* put = get_object(request, "PutRequest");
      const Json* del = get_object(request, "DeleteRequest");
      if ((put != nullptr) == (del != nullptr))
        throw validation_error("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
      Write w{table, {}, std::nullopt};
      if (put) {
        const Json* item = get_object(*put, "Item");
        if (!item) throw validation_error("1 validation error detected: Value null at 'requestItems." + it.key() + ".member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null");
        w.item = model::parse_item(*item);
        try {
          w.key = model::key_from_item(table->key, *w.item);
        } catch (const ApiError& e) {
          // BatchWriteItem words a wrong key type as a schema mismatch.
          if (e.message().find("Type mismatch") != std::string::npos)
            throw validation_error("The provided key element does not match the schema");
          throw;
        }
        check_item_for_write(*table, *w.item);
      } else {
        const Json* key = get_object(*del, "Key");
        if (!key) throw validation_error("1 validation error detected: Value null at 'requestItems." + it.key() + ".member.1.member.deleteRequest.key' failed to satisfy constraint: Member must not be null");
        w.key = model::key_from_request(table->key, model::parse_item(*key));
      }
      if (!seen.insert(engine::key_codec::item_key(table->id, w.key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      writes.push_back(std::move(w));
    }
  }

  CapacityDetail detail = capacity_detail(req);
  std::map<std::string, double> units;
  std::map<std::string, model::TablePtr> tables;
  for (const auto& w : writes) {
    ctx.engine.mutate(*w.table, w.key, [&](const model::Item* old) {
      size_t size = std::max(old ? model::item_size(*old) : 0, w.item ? model::item_size(*w.item) : 0);
      units[w.table->name] += write_units(size);
      tables[w.table->name] = w.table;
      if (w.item) return engine::Decision{engine::Decision::Action::put, *w.item};
      return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
    });
  }
  std::string out = "{\"UnprocessedItems\":{}";
  if (detail != CapacityDetail::none) {
    out += ",\"ConsumedCapacity\":[";
    bool first = true;
    for (const auto& [name, u] : units) {
      if (!first) out += ',';
      first = false;
      out += consumed_capacity(detail, *tables[name], u, true);
    }
    out += ']';
  }
  out += '}';
  return out;
}

}  // namespace dynarock::api
