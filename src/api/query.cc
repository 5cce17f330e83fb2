// Query: one partition of a table or index, read by seeking to the partition prefix and bounding
// the sort key in the encoded key space, so the cost follows the page, never the table.
#include "api/item_request.h"
#include "api/operations.h"
#include "api/read_page.h"
#include "model/error.h"

namespace dynarock::api {

namespace {

using expr::KeyCondition;

// The key condition's sort-key part as the engine's descriptor.
engine::SortCondition sort_condition(const KeyCondition& cond) {
  using Op = engine::SortCondition::Op;
  engine::SortCondition out;
  if (!cond.range_name) return out;
  switch (cond.op) {
    case KeyCondition::Op::EQ: out.op = Op::eq; break;
    case KeyCondition::Op::LT: out.op = Op::lt; break;
    case KeyCondition::Op::LE: out.op = Op::le; break;
    case KeyCondition::Op::GT: out.op = Op::gt; break;
    case KeyCondition::Op::GE: out.op = Op::ge; break;
    case KeyCondition::Op::BETWEEN: out.op = Op::between; break;
    case KeyCondition::Op::BEGINS_WITH: out.op = Op::begins_with; break;
  }
  out.a = cond.range_a;
  out.b = cond.range_b;
  return out;
}

// DynamoDB resumes a Query only from a key the query itself could have returned: the start key's
// sort key must satisfy the key condition, and it must lie in the queried partition.
void check_start_key(const shapes::QueryInput& req, const KeyCondition& cond, const engine::ReadSpec& spec) {
  if (!spec.start) return;
  if (cond.range_name) {
    const model::Item& start = req.ExclusiveStartKey->get();
    auto it = start.find(*cond.range_name);
    if (it == start.end() || !cond.range_matches(it->second))
      throw validation_error("The provided starting key does not match the range key predicate");
  }
  if (engine::check_start(spec) == engine::StartFit::outside_partition)
    throw validation_error("The provided starting key is outside query boundaries based on provided conditions");
}

// Operands no key type could satisfy fail as expression errors naming the operator; operands of
// a key type other than the attribute's fail the schema check (the order AWS reports them in).
void check_key_condition_types(const KeyCondition& key, const ReadSource& source) {
  if (key.range_name) {
    const char* op = nullptr;
    bool ok = true;
    auto scalar = [](const model::AttributeValue& v) { return v.is_scalar(); };
    switch (key.op) {
      case KeyCondition::Op::BEGINS_WITH:
        op = "begins_with";
        ok = key.range_a.type == model::Type::S || key.range_a.type == model::Type::B;
        break;
      case KeyCondition::Op::LT: op = "<"; ok = scalar(key.range_a); break;
      case KeyCondition::Op::LE: op = "<="; ok = scalar(key.range_a); break;
      case KeyCondition::Op::GT: op = ">"; ok = scalar(key.range_a); break;
      case KeyCondition::Op::GE: op = ">="; ok = scalar(key.range_a); break;
      case KeyCondition::Op::BETWEEN: op = "BETWEEN"; ok = scalar(key.range_a) && scalar(key.range_b); break;
      case KeyCondition::Op::EQ: break;
    }
    if (!ok) {
      const model::AttributeValue& bad = scalar(key.range_a) && key.op == KeyCondition::Op::BETWEEN ? key.range_b : key.range_a;
      throw validation_error(std::string("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: ") +
                             op + ", operand type: " + model::type_name(bad.type));
    }
  }
  const model::IndexInfo* ix = source.index;
  std::vector<model::KeyElement> hashes = ix ? ix->hash_elements() : std::vector<model::KeyElement>{source.table->key.hash};
  std::vector<model::KeyElement> ranges = ix ? ix->range_elements() : std::vector<model::KeyElement>{};
  if (!ix && source.table->key.range) ranges.push_back(*source.table->key.range);
  const std::vector<model::AttributeValue> single_hash = {key.hash_value};
  const auto& hash_values = key.hash_values.empty() ? single_hash : key.hash_values;
  bool matches = true;
  for (size_t i = 0; i < hash_values.size() && i < hashes.size(); ++i) matches = matches && hash_values[i].type == hashes[i].type;
  for (size_t i = 0; i < key.range_prefix.size(); ++i) matches = matches && key.range_prefix[i].type == ranges[i].type;
  if (key.range_name) {
    const model::Type want = ranges[key.range_prefix.size()].type;
    matches = matches && key.range_a.type == want && (key.op != KeyCondition::Op::BETWEEN || key.range_b.type == want);
    // begins_with is for strings and binaries only.
    matches = matches && !(key.op == KeyCondition::Op::BEGINS_WITH && want == model::Type::N);
  }
  if (!matches) throw validation_error("One or more parameter values were invalid: Condition parameter type does not match schema type");
}

}  // namespace

Page query_page(Context& ctx, const shapes::QueryInput& req) {
  Constraints c;
  check_read_request(req, c);
  c.finish();
  // DynamoDB's order (answers recorded from the service): which parameters are present, the
  // legacy filter, AttributesToGet, the start key's contents, that a key condition is given, the
  // expressions (the key condition parsed first); then the table and index, and the key schema.
  const Given kce_given{"KeyConditionExpression", req.KeyConditionExpression.has_value()},
      filter_given{"FilterExpression", req.FilterExpression.has_value()},
      projection_given{"ProjectionExpression", req.ProjectionExpression.has_value()};
  // KeyConditions counts as a legacy parameter only beside a KeyConditionExpression.
  check_no_mixing({{"AttributesToGet", req.AttributesToGet.has_value()},
                   {"QueryFilter", req.QueryFilter.has_value()},
                   {"ConditionalOperator", req.ConditionalOperator.has_value()},
                   {"KeyConditions", req.KeyConditions.has_value() && req.KeyConditionExpression.has_value()}},
                  {projection_given, filter_given, kce_given});
  check_attributes_have_expressions(present_attributes(req), {projection_given, filter_given, kce_given});
  expr::Condition filter = legacy_filter(req, "QueryFilter");
  std::optional<expr::Projection> projection;
  if (req.AttributesToGet) projection = expr::from_attributes_to_get(*req.AttributesToGet);
  check_start_key_contents(req.ExclusiveStartKey);
  const std::string* kce = ptr(req.KeyConditionExpression);
  if (!kce && !req.KeyConditions)
    throw validation_error("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");

  expr::Attributes attrs = expr::parse_attributes(ptr(req.ExpressionAttributeNames), ptr(req.ExpressionAttributeValues));
  std::vector<expr::KeyTerm> key_terms;
  if (kce) key_terms = expr::parse_key_condition(*kce, attrs);
  if (req.FilterExpression) filter = expr::compile_condition(*req.FilterExpression, attrs, "FilterExpression");
  if (req.ProjectionExpression) projection = expr::compile_projection(*req.ProjectionExpression, attrs);
  expr::check_unused(attrs);

  ReadSource source = resolve_source(ctx, req);
  KeyCondition key;
  const bool multi = source.index && !source.index->hash_keys.empty();
  if (multi) {
    if (!kce) throw validation_error("KeyConditions cannot be used with a multi-attribute key schema; use KeyConditionExpression");
    std::vector<std::string> hash_names, range_names;
    for (const auto& e : source.index->hash_elements()) hash_names.push_back(e.name);
    for (const auto& e : source.index->range_elements()) range_names.push_back(e.name);
    key = expr::match_key_condition(std::move(key_terms), hash_names, range_names);
  } else {
    const model::KeySchema& schema = source.schema();
    const std::string range_key = schema.range ? schema.range->name : "";
    key = kce ? expr::match_key_condition(std::move(key_terms), schema.hash.name, range_key)
              : expr::from_key_conditions(read_conditions(*req.KeyConditions), schema.hash.name, range_key);
  }
  check_read_paths(source, projection, filter);
  const model::KeySchema& schema = source.schema();

  check_key_condition_types(key, source);
  for (const auto& name : filter.top_level_names())
    if ((source.index ? source.index->is_key_attribute(name) : schema.is_key_attribute(name)) || source.table->key.is_key_attribute(name))
      throw validation_error(std::string(req.FilterExpression ? "Filter Expression" : "QueryFilter") +
                             " can only contain non-primary key attributes: Primary key attribute: " + name);
  Select select = resolve_select(req, source, projection.has_value(), true);

  PageOptions options = page_options(req, source, filter, projection, select);
  engine::ReadSpec& spec = options.spec;
  spec.query = true;
  spec.partition = multi ? key.hash_values : std::vector<model::AttributeValue>{key.hash_value};
  spec.sort_prefix = key.range_prefix;
  spec.sort = sort_condition(key);
  spec.reverse = !req.ScanIndexForward.value_or(true);
  spec.start = start_key(req.ExclusiveStartKey, source);
  check_start_key(req, key, spec);
  options.key_condition = &key;
  return read_page(ctx, source, options);
}

Page query_page(Context& ctx, const Json& request) {
  wire::Document doc = to_wire(request);
  shapes::check_QueryInput(doc.root());
  return query_page(ctx, shapes::decode_QueryInput(doc.root()));
}

namespace ops {
std::string query(Context& ctx, const shapes::QueryInput& req) { return page_body(query_page(ctx, req)); }
}  // namespace ops

}  // namespace dynarock::api
