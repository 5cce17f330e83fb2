// UpdateTimeToLive: enables or disables TTL on one attribute. The request is checked as the other
// table operations check theirs (TableName's own rules first). DynamoDB refuses a change that
// changes nothing, an attribute other than the active one, and a second change within its
// window (an hour; --ttl-change-window), in that order. Enabling backfills the expiry entries of
// existing items; disabling drops them (both in the engine).
#include "api/operations.h"
#include "api/table_description.h"
#include "api/table_settings.h"
#include "api/validate.h"
#include "model/error.h"
#include "protocol/generated/shapes.h"

namespace dynarock::api::ops {

std::string update_time_to_live(Context& ctx, const shapes::UpdateTimeToLiveInput& req) {
  check_table_operation_name(ptr(req.TableName), true);
  const auto* spec = ptr(req.TimeToLiveSpecification);
  // DynamoDB's own check of an empty attribute name, made with the TableName checks before the
  // model's constraints (so never reported as the model's length constraint).
  if (spec && spec->AttributeName && spec->AttributeName->empty())
    throw validation_error("TimeToLiveSpecification.AttributeName must be non empty");
  Constraints c;
  table_operation_name_constraint(c, *req.TableName);
  std::optional<bool> enabled;
  const std::string* attribute = nullptr;
  if (!spec) {
    c.add("null", "timeToLiveSpecification", "Member must not be null");
  } else {
    enabled = spec->Enabled;
    attribute = ptr(spec->AttributeName);
    if (!enabled) c.add("null", "timeToLiveSpecification.enabled", "Member must not be null");
    if (!attribute) c.add("null", "timeToLiveSpecification.attributeName", "Member must not be null");
    c.length(attribute, "timeToLiveSpecification.attributeName", 1, 255);
  }
  c.finish();

  model::TablePtr table = require_named_table(ctx, *req.TableName);
  const model::TimeToLive& current = table->ttl;
  if (current.enabled && current.attribute != *attribute)
    throw validation_error("TimeToLive is active on a different AttributeName: current AttributeName is " + current.attribute);
  if (*enabled && current.enabled) throw validation_error("TimeToLive is already enabled");
  if (!*enabled && !current.enabled) throw validation_error("TimeToLive is already disabled");
  double now = now_seconds();
  if (current.changed > 0 && now - current.changed < ctx.ttl_change_window_s)
    throw validation_error("Time to live has been modified multiple times within a fixed interval");

  model::TableInfo next = *table;
  next.ttl.enabled = *enabled;
  next.ttl.attribute = *attribute;  // kept while disabled: DISABLING names it
  next.ttl.changed = now;
  ctx.engine.update_table(std::move(next));
  return Json({{"TimeToLiveSpecification", {{"Enabled", *enabled}, {"AttributeName", *attribute}}}}).dump();
}

}  // namespace dynarock::api::ops
