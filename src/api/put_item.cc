// PutItem: creates or replaces an item, optionally under a condition, atomically with its index
// entries.
#include "api/item_collection.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api::ops {

shapes::PutItemOutput put_item(Context& ctx, const shapes::PutItemInput& req) {
  ItemWrite w = prepare_item_write(ctx, req);
  const model::TableInfo& table = *w.table;
  const model::Item& item = *w.item;
  model::PrimaryKey key = model::key_from_item(table.key, item);
  check_item_for_write(table, item);

  shapes::PutItemOutput out;
  // Nothing in the response or the decision needs the old item: the engine reads only what its
  // writers need (existence and size for counts; attributes only for index entries).
  if (w.condition.empty() && w.return_values == "NONE" && w.detail == CapacityDetail::none) {
    ctx.engine.put(table, key, &item);
  } else {
    ctx.engine.mutate(table, key, [&](const model::Item* old) {
      if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(w.return_old_on_failure, old);
      if (w.return_values == "ALL_OLD" && old && !old->empty()) out.Attributes = *old;
      out.ConsumedCapacity = write_capacity_of(w.detail, *req.TableName, table, old, &item);
      return engine::Decision{engine::Decision::Action::put, item};
    });
  }
  out.ItemCollectionMetrics = collection_metrics_of(ctx.engine, req.ReturnItemCollectionMetrics, table, key);
  return out;
}

}  // namespace dynarock::api::ops
