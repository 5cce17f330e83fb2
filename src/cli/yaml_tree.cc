#include "cli/yaml_tree.h"

#include <yaml.h>

#include <map>
#include <memory>

#include "cli/init_error.h"

namespace dynarock::cli {

const Node* Node::find(const std::string& key) const {
  for (const auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}

namespace {

class Builder {
 public:
  Builder(const std::string& text, const std::string& file) : file_(file) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Builder() { yaml_parser_delete(&parser_); }

  Node document() {
    yaml_event_t event;
    // Skip STREAM-START and DOCUMENT-START; an empty stream is an empty document.
    for (;;) {
      next(event);
      yaml_event_type_t type = event.type;
      yaml_event_delete(&event);
      if (type == YAML_DOCUMENT_START_EVENT) break;
      if (type == YAML_STREAM_END_EVENT) throw InitError(file_, 1, "the file is empty");
    }
    next(event);
    return node(event);
  }

 private:
  void next(yaml_event_t& event) {
    if (!yaml_parser_parse(&parser_, &event)) {
      int line = static_cast<int>(parser_.problem_mark.line) + 1;
      std::string problem = parser_.problem ? parser_.problem : "syntax error";
      if (parser_.context) problem = std::string(parser_.context) + ", " + problem;
      throw InitError(file_, line, "not valid YAML/JSON: " + problem);
    }
  }

  // Builds the node that starts with `event` (consumed here).
  Node node(yaml_event_t& event) {
    Node n;
    n.line = static_cast<int>(event.start_mark.line) + 1;
    std::string anchor;
    auto take = [&](yaml_char_t* tag, yaml_char_t* a) {
      if (tag) n.tag = reinterpret_cast<const char*>(tag);
      if (a) anchor = reinterpret_cast<const char*>(a);
    };
    switch (event.type) {
      case YAML_ALIAS_EVENT: {
        std::string name = reinterpret_cast<const char*>(event.data.alias.anchor);
        yaml_event_delete(&event);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) throw InitError(file_, n.line, "unknown alias *" + name);
        return it->second;
      }
      case YAML_SCALAR_EVENT:
        take(event.data.scalar.tag, event.data.scalar.anchor);
        n.value.assign(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
        n.quoted = event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        yaml_event_delete(&event);
        break;
      case YAML_SEQUENCE_START_EVENT:
        take(event.data.sequence_start.tag, event.data.sequence_start.anchor);
        yaml_event_delete(&event);
        n.kind = Node::Kind::sequence;
        for (;;) {
          yaml_event_t child;
          next(child);
          if (child.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&child);
            break;
          }
          n.items.push_back(node(child));
        }
        break;
      case YAML_MAPPING_START_EVENT:
        take(event.data.mapping_start.tag, event.data.mapping_start.anchor);
        yaml_event_delete(&event);
        n.kind = Node::Kind::mapping;
        for (;;) {
          yaml_event_t key_event;
          next(key_event);
          if (key_event.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&key_event);
            break;
          }
          Node key = node(key_event);
          if (!key.is_scalar()) throw InitError(file_, key.line, "a mapping key must be a plain value");
          yaml_event_t value_event;
          next(value_event);
          Node value = node(value_event);
          if (n.find(key.value)) throw InitError(file_, key.line, "duplicate key " + key.value);
          n.fields.emplace_back(key.value, std::move(value));
        }
        break;
      default:
        yaml_event_delete(&event);
        throw InitError(file_, n.line, "unexpected YAML structure");
    }
    if (!anchor.empty()) anchors_[anchor] = n;
    return n;
  }

  yaml_parser_t parser_;
  std::string file_;
  std::map<std::string, Node> anchors_;
};

}  // namespace

Node parse_yaml(const std::string& text, const std::string& file) { return Builder(text, file).document(); }

namespace {

// A YAML plain scalar that is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)?
// (hand-written: std::regex trips GCC's -Wmaybe-uninitialized under the sanitizer build).
bool plain_number(const std::string& v, bool& integer) {
  size_t i = 0, n = v.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && v[i] >= '0' && v[i] <= '9') ++i;
    return i - start;
  };
  if (i < n && v[i] == '-') ++i;
  if (i < n && v[i] == '0') ++i;
  else if (i >= n || v[i] < '1' || v[i] > '9' || digits() == 0) return false;
  integer = i == n;
  if (i < n && v[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < n && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < n && (v[i] == '+' || v[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == n;
}

}  // namespace

nlohmann::json to_json(const Node& node) {
  if (node.is_map()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : node.fields) out[k] = to_json(v);
    return out;
  }
  if (node.is_seq()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : node.items) out.push_back(to_json(v));
    return out;
  }
  if (node.quoted) return node.value;
  if (node.is_null()) return nullptr;
  const std::string& v = node.value;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  bool integer = false;
  if (plain_number(v, integer)) return integer && v.size() < 18 ? nlohmann::json(std::stoll(v)) : nlohmann::json::parse(v, nullptr, false);
  return v;
}

}  // namespace dynarock::cli
