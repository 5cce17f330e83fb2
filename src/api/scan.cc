// Scan: a whole table or index in storage order (partition-key hash, then sort key). Parallel
// scan segments split the 64-bit hash space evenly (in the engine), so every item falls in
// exactly one segment.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/read_page.h"
#include "model/error.h"

namespace dynarock::api {

Page scan_page(Context& ctx, const Json& req) {
  Constraints c;
  check_read_request(req, c);
  auto segment = get_integer(req, "Segment");
  auto total = get_integer(req, "TotalSegments");
  c.integer_range(segment, "segment", 0, 999999);
  c.integer_range(total, "totalSegments", 1, 1000000);
  auto consistent = get_bool(req, "ConsistentRead");
  c.finish();
  if (segment && !total)
    throw validation_error("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  if (total && !segment)
    throw validation_error("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  if (segment && *segment >= *total)
    throw validation_error("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                           std::to_string(*segment) + " is not less than TotalSegments: " + std::to_string(*total));
  check_no_mixing(req, {"ScanFilter", "AttributesToGet", "ConditionalOperator"}, {"FilterExpression", "ProjectionExpression"});

  expr::Attributes attrs = expr::parse_attributes(req);
  expr::Condition filter = read_filter(req, attrs, "ScanFilter");
  std::optional<expr::Projection> projection = read_projection(req, attrs);
  check_attributes_have_expressions(req, attrs, {"FilterExpression", "ProjectionExpression"});
  expr::check_unused(attrs);

  ReadSource source = resolve_source(ctx, req);
  if (projection) check_key_paths(*source.table, projection->paths());
  check_key_paths(*source.table, filter.paths());
  if (consistent.value_or(false) && source.index && source.index->global)
    throw validation_error("Consistent reads are not supported on global secondary indexes");
  Select select = resolve_select(req, source, projection.has_value(), false);

  PageOptions options;
  engine::ReadSpec& spec = options.spec;
  spec.table = source.table.get();
  spec.index = source.index;
  if (segment) {
    spec.segment = *segment;
    spec.total_segments = *total;
  }
  spec.start = start_key(req, source);
  // A start key from another segment would read (or skip) part of another worker's share.
  if (segment && engine::check_start(spec) == engine::StartFit::outside_segment)
    throw validation_error("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: " +
                           std::to_string(*total) + " Segment: " + std::to_string(*segment));
  options.limit = get_integer(req, "Limit");
  options.filter = &filter;
  options.projection = &projection;
  options.select = select;
  options.consistent = consistent.value_or(false);
  options.capacity = capacity_detail(req);
  return read_page(ctx, source, options);
}

std::string scan(Context& ctx, const Json& req) { return page_body(scan_page(ctx, req)); }

}  // namespace dynarock::api
