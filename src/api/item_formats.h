// The item formats of exports and imports: DynamoDB JSON lines ({"Item":{...}}), Amazon Ion text
// as DynamoDB writes it (sets as $dynamodb_SS:: / $dynamodb_NS:: / $dynamodb_BS:: annotated
// lists, numbers as decimals, binary as blobs), and CSV.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.h"
#include "model/table.h"

namespace dynarock::api::formats {

// One Ion value / an item as an Ion struct.
void write_ion(const model::AttributeValue& v, std::string& out);
void write_ion(const model::Item& item, std::string& out);

// One line of an import. Throw ApiError or std::runtime_error when the line is malformed.
model::Item parse_dynamodb_json_line(std::string_view line);
model::Item parse_ion_line(std::string_view line);

// CSV: rows of fields (RFC 4180 quoting, `delimiter` between fields).
std::vector<std::vector<std::string>> parse_csv(std::string_view text, char delimiter);
// An item from one CSV row: key attributes typed by the table's attribute definitions, every
// other non-empty field a string.
model::Item csv_item(const std::vector<std::string>& header, const std::vector<std::string>& row,
                     const model::TableInfo& table);

}  // namespace dynarock::api::formats
