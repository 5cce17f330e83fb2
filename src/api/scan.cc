// Scan: a whole table or index in storage order (partition-key hash, then sort key). Parallel
// scan segments split the 64-bit hash space evenly (in the engine), so every item falls in
// exactly one segment.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/read_page.h"
#include "model/error.h"

namespace dynarock::api {

Page scan_page(Context& ctx, const shapes::ScanInput& req) {
  Constraints c;
  check_read_request(req, c);
  const std::optional<long long>&segment = req.Segment, &total = req.TotalSegments;
  c.integer_range(segment, "segment", 0, 999999);
  c.integer_range(total, "totalSegments", 1, 1000000);
  c.finish();
  // DynamoDB's order (answers recorded from the service): which parameters are present,
  // AttributesToGet, the legacy filter, the start key's contents, the segments, the expressions;
  // the table after.
  const Given filter_given{"FilterExpression", req.FilterExpression.has_value()},
      projection_given{"ProjectionExpression", req.ProjectionExpression.has_value()};
  check_no_mixing({{"AttributesToGet", req.AttributesToGet.has_value()},
                   {"ScanFilter", req.ScanFilter.has_value()},
                   {"ConditionalOperator", req.ConditionalOperator.has_value()}},
                  {projection_given, filter_given});
  check_attributes_have_expressions(present_attributes(req), {projection_given, filter_given});
  std::optional<expr::Projection> projection;
  if (req.AttributesToGet) projection = expr::from_attributes_to_get(*req.AttributesToGet);
  expr::Condition filter = legacy_filter(req, "ScanFilter");
  check_start_key_contents(req.ExclusiveStartKey);
  if (segment && !total)
    throw validation_error("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  if (total && !segment)
    throw validation_error("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  if (segment && *segment >= *total)
    throw validation_error("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                           std::to_string(*segment) + " is not less than TotalSegments: " + std::to_string(*total));

  expr::Attributes attrs = expr::parse_attributes(ptr(req.ExpressionAttributeNames), ptr(req.ExpressionAttributeValues));
  if (req.FilterExpression) filter = expr::compile_condition(*req.FilterExpression, attrs, "FilterExpression");
  if (req.ProjectionExpression) projection = expr::compile_projection(*req.ProjectionExpression, attrs);
  expr::check_unused(attrs);

  ReadSource source = resolve_source(ctx, req);
  check_read_paths(source, projection, filter);
  Select select = resolve_select(req, source, projection.has_value(), false);

  PageOptions options = page_options(req, source, filter, projection, select);
  engine::ReadSpec& spec = options.spec;
  if (segment) {
    spec.segment = *segment;
    spec.total_segments = *total;
  }
  spec.start = start_key(req.ExclusiveStartKey, source);
  // A start key from another segment would read (or skip) part of another worker's share.
  if (segment && engine::check_start(spec) == engine::StartFit::outside_segment)
    throw validation_error("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: " +
                           std::to_string(*total) + " Segment: " + std::to_string(*segment));
  return read_page(ctx, source, options);
}

Page scan_page(Context& ctx, const Json& request) {
  wire::Document doc = to_wire(request);
  shapes::check_ScanInput(doc.root());
  return scan_page(ctx, shapes::decode_ScanInput(doc.root()));
}

namespace ops {
std::string scan(Context& ctx, const shapes::ScanInput& req) { return page_body(scan_page(ctx, req)); }
}  // namespace ops

}  // namespace dynarock::api
