// UpdateItem: edits an item in place (creating it from its key when absent), under the item's
// lock, so a condition and the update it guards are one atomic step.
#include "api/item_collection.h"
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api::ops {

shapes::UpdateItemOutput update_item(Context& ctx, const shapes::UpdateItemInput& req) {
  ItemWrite w = prepare_item_write(ctx, req);
  const model::TableInfo& table = *w.table;
  const model::Item& key_item = *w.item;
  model::PrimaryKey key = model::key_from_request(table.key, key_item);
  for (const auto& name : w.update.top_level_targets())
    if (table.key.is_key_attribute(name))
      throw validation_error("One or more parameter values were invalid: Cannot update attribute " + name + ". This attribute is part of the key");
  check_update_for_indexes(table, w.update);

  const std::string& rv = w.return_values;
  shapes::UpdateItemOutput out;
  auto attributes = [&](model::Item item) {
    if (!item.empty()) out.Attributes = std::move(item);
  };
  ctx.engine.mutate(table, key, [&](const model::Item* old) {
    if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(w.return_old_on_failure, old);
    model::Item next = w.update.apply(old ? *old : key_item);
    check_updated_item(table, w.update, next);
    if (rv == "ALL_OLD" && old) attributes(*old);
    else if (rv == "UPDATED_OLD" && old) attributes(w.update.updated_view(*old));
    else if (rv == "ALL_NEW") attributes(next);
    else if (rv == "UPDATED_NEW") attributes(w.update.updated_view(next));
    out.ConsumedCapacity = write_capacity_of(w.detail, *req.TableName, table, old, &next);
    return engine::Decision{engine::Decision::Action::put, std::move(next)};
  });
  out.ItemCollectionMetrics = collection_metrics_of(ctx.engine, req.ReturnItemCollectionMetrics, table, key);
  return out;
}

}  // namespace dynarock::api::ops
