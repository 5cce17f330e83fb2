// Context: what one API call knows about its caller and endpoint.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "model/table.h"
#include "model/wire_json.h"

namespace dynarock::api {

struct Context {
  engine::Engine& engine;
  std::string ns;      // isolation namespace: "" with --shared-db, else "<access key>_<region>"
  std::string region;  // from the SigV4 credential scope
  std::string host;    // Host header, for DescribeEndpoints
  int delay_transient_ms = 0;
  int ttl_change_window_s = 3600;  // UpdateTimeToLive refuses a second change this soon
  std::string s3_dir;  // the folder standing in for S3: bucket B, key K is s3_dir/B/K ("" = none)

  // The table, or ResourceNotFoundException as DynamoDB words it.
  model::TablePtr require_table(const std::string& name) const;
};

using Json = nlohmann::json;
// Every operation: the request as read (the wire document's root) in, response body text out;
// throws ApiError.
using Handler = std::string (*)(Context&, const wire::Value&);

// The wire form of a request built in process (PartiQL's lowered requests, ImportTable's table
// definition, the JSON forms of query_page / scan_page), read as a client's.
wire::Document to_wire(const Json& request);

}  // namespace dynarock::api
