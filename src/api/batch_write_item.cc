// BatchWriteItem: up to 25 puts and deletes across tables. Each write is atomic on its own (as in
// DynamoDB, the batch as a whole is not); everything is always processed, so UnprocessedItems is
// always empty. Every request is validated (tables, keys, duplicates) before anything is written.
#include <set>

#include "api/item_collection.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

namespace {

// The RequestItems map as DynamoDB echoes it in a constraint message: {T1=[...], T2=[]}, each
// list as its JSON.
std::string echo_request_items(const std::map<std::string, std::vector<shapes::WriteRequestIn>>& request_items) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, requests] : request_items) {
    if (!first) out += ", ";
    first = false;
    Json list = Json::array();
    for (const auto& r : requests) {
      if (r.null_element) {
        list.push_back(nullptr);
        continue;
      }
      Json& e = list.emplace_back(Json::object());
      auto item_json = [](const std::optional<model::Checked<model::Item>>& item) {
        Json j = Json::object();
        if (item) j = item->error ? Json() : model::to_json(item->value);
        return j;
      };
      if (r.DeleteRequest) {
        e["DeleteRequest"] = Json::object();
        if (r.DeleteRequest->Key) e["DeleteRequest"]["Key"] = item_json(r.DeleteRequest->Key);
      }
      if (r.PutRequest) {
        e["PutRequest"] = Json::object();
        if (r.PutRequest->Item) e["PutRequest"]["Item"] = item_json(r.PutRequest->Item);
      }
    }
    out += name + "=" + (requests.empty() ? std::string("[]") : list.dump());
  }
  return out + "}";
}

}  // namespace

// A null table entry is a wire error before anything else, as DynamoDB's binder reports it; the
// typed request keeps only what the operation can answer in its own order.
shapes::BatchWriteItemInput decode_batch_write_item(const wire::Value& req) {
  if (wire::Value items = shapes::member(req, "RequestItems"); items.exists())
    for (const wire::Value& value : items)
      if (value.is_null()) throw serialization_error("Unexpected value type in payload");
  return shapes::decode_BatchWriteItemInput(req);
}

shapes::BatchWriteItemOutput batch_write_item(Context& ctx, const shapes::BatchWriteItemInput& req) {
  Constraints v;
  const auto* request_items = ptr(req.RequestItems);
  if (!request_items) v.add_message("Value null at 'requestItems' failed to satisfy constraint: Member must not be null");
  else if (request_items->empty())
    v.add_message("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (request_items) {
    bool empty_list = false;
    for (const auto& [name, requests] : *request_items)
      if (requests.empty()) empty_list = true;
    // An empty list is reported against the whole map, echoed; an over-long one against its table.
    if (empty_list)
      v.add_message("Value '" + echo_request_items(*request_items) + "' at 'requestItems' failed to satisfy constraint: Map value must "
            "satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
    for (const auto& [name, requests] : *request_items)
      if (requests.size() > 25)
        v.add_message("Value at 'RequestItems." + name + ".member' failed to satisfy constraint: Member must have length less than or equal to 25");
  }
  v.enum_value(ptr(req.ReturnConsumedCapacity), "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
  v.enum_value(ptr(req.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", {"SIZE", "NONE"});
  if (request_items)
    for (const auto& [name, requests] : *request_items)
      for (size_t i = 0; i < requests.size(); ++i) {
        const auto& request = requests[i];
        const std::string at = "requestItems." + name + ".member." + std::to_string(i + 1) + ".member.";
        if (request.DeleteRequest && !request.DeleteRequest->Key) v.add("null", at + "deleteRequest.key", "Member must not be null");
        if (request.PutRequest && !request.PutRequest->Item) v.add("null", at + "putRequest.item", "Member must not be null");
      }
  v.finish();

  size_t total = 0;
  for (const auto& [name, requests] : *request_items) {
    for (const auto& request : requests) {
      if (request.null_element) throw serialization_error("Unexpected value type in payload");
      // A WriteRequest must hold exactly one of PutRequest and DeleteRequest; DynamoDB words it
      // as it words an AttributeValue with no or several types.
      if (request.PutRequest.has_value() == request.DeleteRequest.has_value())
        throw validation_error("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }
    total += requests.size();
  }
  if (total > 25) throw validation_error("Too many items requested for the BatchWriteItem call");
  // Every request's contents, and each put's size, are checked before any table is looked up.
  for (const auto& [name, requests] : *request_items)
    for (const auto& request : requests) {
      if (request.PutRequest && request.PutRequest->Item) check_item_size(request.PutRequest->Item->get());
      if (request.DeleteRequest && request.DeleteRequest->Key) request.DeleteRequest->Key->get();
    }

  struct Write {
    const std::string* name;  // as the request gave it
    model::TablePtr table;
    model::PrimaryKey key;
    const model::Item* item;  // null: delete
  };
  std::vector<Write> writes;
  std::set<engine::ItemId> seen;
  for (const auto& [name, requests] : *request_items) {
    model::TablePtr table = ctx.require_table(table_name_from(name));
    for (const auto& request : requests) {
      Write w{&name, table, {}, nullptr};
      if (request.PutRequest) {
        w.item = &request.PutRequest->Item->get();
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
        w.key = model::key_from_request(table->key, request.DeleteRequest->Key->get());
      }
      if (!seen.insert(engine::item_id(*table, w.key)).second)
        throw validation_error("Provided list of item keys contains duplicates");
      writes.push_back(std::move(w));
    }
  }

  // Each write is charged as the same PutItem or DeleteItem would be, summed per table.
  CapacityDetail detail = capacity_detail(req.ReturnConsumedCapacity);
  CapacityByTable usage;
  WrittenCollections collections(req.ReturnItemCollectionMetrics);
  for (const auto& w : writes) {
    collections.add(w.table, w.key);
    ctx.engine.mutate(*w.table, w.key, [&](const model::Item* old) {
      if (detail != CapacityDetail::none) usage.add(*w.name, w.table, write_consumed(*w.table, old, w.item));
      if (w.item) return engine::Decision{engine::Decision::Action::put, *w.item};
      return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
    });
  }
  shapes::BatchWriteItemOutput out;
  out.UnprocessedItems.emplace();
  out.ItemCollectionMetrics = collections.metrics(ctx.engine);
  if (detail != CapacityDetail::none) out.ConsumedCapacity = usage.list(detail, Charge::plain);
  return out;
}

}  // namespace dynarock::api::ops
