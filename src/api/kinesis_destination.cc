#include "api/kinesis_destination.h"

#include "api/table_settings.h"
#include "api/validate.h"
#include "model/error.h"

namespace dynarock::api {

model::TablePtr kinesis_request(Context& ctx, const std::optional<std::string>& table_name, const std::optional<std::string>& stream_arn,
                                const std::string* precision, const char* precision_path) {
  Constraints c;
  c.table_name_or_arn(ptr(table_name), "tableName");
  const std::string* arn = ptr(stream_arn);
  if (!arn) c.add("null", "streamArn", "Member must not be null");
  c.length(arn, "streamArn", 37, 1024);
  c.enum_value(precision, precision_path, {"MILLISECOND", "MICROSECOND"});
  c.finish();
  if (arn->rfind("arn:aws:kinesis:", 0) != 0 || arn->find(":stream/") == std::string::npos)
    throw validation_error("Invalid StreamArn: " + *arn);
  return require_named_table(ctx, *table_name);
}

const Json* find_destination(const model::TableInfo& table, const std::string& stream_arn) {
  auto it = table.extra.find("KinesisDestinations");
  if (it == table.extra.end()) return nullptr;
  for (const auto& d : *it)
    if (d["StreamArn"] == stream_arn) return &d;
  return nullptr;
}

model::TablePtr set_destination(Context& ctx, const model::TableInfo& table, const std::string& stream_arn,
                                const std::string& status, const std::string& precision) {
  return update_settings(ctx, table, [&](Json& x) {
    Json& list = x["KinesisDestinations"];
    if (!list.is_array()) list = Json::array();
    for (auto& d : list)
      if (d["StreamArn"] == stream_arn) {
        d["DestinationStatus"] = status;
        if (!precision.empty()) d["ApproximateCreationDateTimePrecision"] = precision;
        return;
      }
    list.push_back({{"StreamArn", stream_arn},
                    {"DestinationStatus", status},
                    {"ApproximateCreationDateTimePrecision", precision.empty() ? "MILLISECOND" : precision}});
  });
}

}  // namespace dynarock::api
