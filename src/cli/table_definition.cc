#include "cli/table_definition.h"

#include <algorithm>
#include <string>

namespace dynarock::cli {

// A DescribeTable answer ({"Table": {...}}) made into the CreateTable request that rebuilds it.
nlohmann::json create_from_description(const nlohmann::json& t) {
  using Json = nlohmann::json;
  Json req = {{"TableName", t.value("TableName", Json())}, {"AttributeDefinitions", t.value("AttributeDefinitions", Json())},
              {"KeySchema", t.value("KeySchema", Json())}};
  bool on_demand = t.contains("BillingModeSummary") && t["BillingModeSummary"].value("BillingMode", "") == "PAY_PER_REQUEST";
  auto throughput = [&](const Json& pt) {
    return Json{{"ReadCapacityUnits", std::max<int64_t>(1, pt.value("ReadCapacityUnits", 1))},
                {"WriteCapacityUnits", std::max<int64_t>(1, pt.value("WriteCapacityUnits", 1))}};
  };
  if (on_demand) req["BillingMode"] = "PAY_PER_REQUEST";
  else req["ProvisionedThroughput"] = throughput(t.value("ProvisionedThroughput", Json::object()));
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (!t.contains(kind)) continue;
    Json list = Json::array();
    for (const auto& ix : t[kind]) {
      Json out = {{"IndexName", ix.value("IndexName", Json())}, {"KeySchema", ix.value("KeySchema", Json())},
                  {"Projection", ix.value("Projection", Json())}};
      if (std::string(kind) == "GlobalSecondaryIndexes" && !on_demand)
        out["ProvisionedThroughput"] = throughput(ix.value("ProvisionedThroughput", Json::object()));
      list.push_back(out);
    }
    req[kind] = list;
  }
  if (t.contains("StreamSpecification")) req["StreamSpecification"] = t["StreamSpecification"];
  if (t.contains("TableClassSummary")) req["TableClass"] = t["TableClassSummary"].value("TableClass", "STANDARD");
  return req;
}

}  // namespace dynarock::cli
