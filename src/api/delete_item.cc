// DeleteItem: removes an item (no error when it is absent), optionally under a condition.
#include "api/item_collection.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api::ops {

shapes::DeleteItemOutput delete_item(Context& ctx, const shapes::DeleteItemInput& req) {
  ItemWrite w = prepare_item_write(ctx, req);
  const model::TableInfo& table = *w.table;
  model::PrimaryKey key = model::key_from_request(table.key, *w.item);

  shapes::DeleteItemOutput out;
  if (w.condition.empty() && w.return_values == "NONE" && w.detail == CapacityDetail::none) {
    ctx.engine.put(table, key, nullptr);  // as in PutItem: no decode unless a writer needs it
  } else {
    ctx.engine.mutate(table, key, [&](const model::Item* old) {
      if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(w.return_old_on_failure, old);
      if (w.return_values == "ALL_OLD" && old && !old->empty()) out.Attributes = *old;
      out.ConsumedCapacity = write_capacity_of(w.detail, *req.TableName, table, old, nullptr);
      return engine::Decision{old ? engine::Decision::Action::remove : engine::Decision::Action::keep, {}};
    });
  }
  // Reported whether or not an item was there: the request still names (and sizes) the collection.
  out.ItemCollectionMetrics = collection_metrics_of(ctx.engine, req.ReturnItemCollectionMetrics, table, key);
  return out;
}

}  // namespace dynarock::api::ops
