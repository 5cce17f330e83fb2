// PutItem: creates or replaces an item, optionally under a condition, atomically with its index
// entries.
#include "api/item_request.h"
#include "api/operations.h"
#include "model/error.h"

namespace dynarock::api {

std::string put_item(Context& ctx, const Json& req) {
  SingleWrite w = prepare_single_write(ctx, req, "Item", "item");
  const model::TableInfo& table = *w.table;
  model::PrimaryKey key = model::key_from_item(table.key, w.item);
  check_item_for_write(table, w.item);

  // Nothing in the response or the decision needs the old item: the engine reads only what its
  // writers need (existence and size for counts; attributes only for index entries).
  if (w.condition.empty() && !w.return_old && w.detail == CapacityDetail::none) {
    ctx.engine.put(table, key, &w.item);
    return "{}";
  }
  std::string out = "{";
  ctx.engine.mutate(table, key, [&](const model::Item* old) {
    if (!w.condition.empty() && !w.condition.evaluate(old ? *old : model::Item())) condition_failed(req, old);
    if (w.return_old && old) append_attributes(out, *old);
    append_member(out, "ConsumedCapacity", write_capacity(w.detail, table, old, &w.item));
    return engine::Decision{engine::Decision::Action::put, w.item};
  });
  out += '}';
  return out;
}

}  // namespace dynarock::api
