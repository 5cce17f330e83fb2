#!/usr/bin/env python3
"""Generates src/protocol/generated/shapes.{h,cc} from the botocore DynamoDB service model.

For every structure reachable from the input or output of the 57 DynamoDB operations it writes
one C++ struct; for input shapes a type checker (check_<Shape>: walks the request JSON and throws
SerializationException with DynamoDB's texts, before any validation) and a decoder
(decode_<Shape>: builds the struct from checked JSON); for output shapes an encoder
(encode_<Shape>: appends the wire JSON). AttributeValue maps to model::AttributeValue.

Usage: scripts/gen_shapes.py [path/to/service-2.json(.gz)]
Without a path it reads the model of the installed botocore. The model file itself is never
copied into the repository; only the generated code is checked in.
"""
import gzip
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "src", "protocol", "generated")
JAVA_PACKAGE = "com.amazonaws.dynamodb.v20120810."


def load_model(path):
    version = "unknown"
    if path is None:
        import botocore
        version = botocore.__version__
        path = os.path.join(os.path.dirname(botocore.__file__), "data", "dynamodb", "2012-08-10", "service-2.json.gz")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f), version


def reachable(shapes, name, seen):
    if name in seen:
        return
    seen.add(name)
    s = shapes[name]
    for m in s.get("members", {}).values():
        reachable(shapes, m["shape"], seen)
    if "member" in s:
        reachable(shapes, s["member"]["shape"], seen)
    if "value" in s:
        reachable(shapes, s["value"]["shape"], seen)


def ident(name):
    # Member names become C++ identifiers; a few collide with macros or keywords.
    return name + "_" if name in ("NULL", "BOOL", "delete", "default", "operator") else name


# Structures used in both directions whose null list elements an operation answers itself (a
# SerializationException at that point in its order): they keep a null marker like input-only
# structures do (CreateGlobalTable's ReplicationGroup, the restores' GlobalSecondaryIndexOverride).
NULL_MARKED_SHARED = {"Replica", "GlobalSecondaryIndex"}

# Input lists kept as their (type-checked) wire JSON: PartiQL's Parameters are placed as they are
# into the requests a statement is lowered to, whose operations validate them in their own order.
RAW_JSON_SHAPES = {"PreparedStatementParameters"}


class Gen:
    def __init__(self, model):
        self.shapes = model["shapes"]
        self.ops = model["operations"]
        self.inputs, self.outputs = set(), set()
        for op in self.ops.values():
            if "input" in op:
                reachable(self.shapes, op["input"]["shape"], self.inputs)
            if "output" in op:
                reachable(self.shapes, op["output"]["shape"], self.outputs)

    def kind(self, name):
        return self.shapes[name]["type"]

    def is_av(self, name):
        return name == "AttributeValue"

    def is_av_map(self, name):
        # Items and keys become one model::Item. ExpressionAttributeValues stays a map of single
        # values: the expression layer validates them in DynamoDB's own (hash) order.
        s = self.shapes[name]
        return s["type"] == "map" and self.is_av(s["value"]["shape"]) and name != "ExpressionAttributeValueMap"

    # --- C++ types -------------------------------------------------------------------------
    # q: qualify structure names (a member may share its type's name, e.g. ConsumedCapacity).
    def cpp_type(self, name, q=False):
        s = self.shapes[name]
        t = s["type"]
        if self.is_av(name):
            return "model::AttributeValue"
        if self.is_av_map(name):
            return "model::Item"
        if t in ("string", "blob"):
            return "std::string"
        if t in ("integer", "long"):
            return "long long"
        if t in ("double", "timestamp"):
            return "double"
        if t == "boolean":
            return "bool"
        if t == "list":
            return "std::vector<%s>" % self.cpp_type(s["member"]["shape"], q)
        if t == "map":
            return "std::map<std::string, %s>" % self.cpp_type(s["value"]["shape"], q)
        if t == "structure":
            return ("shapes::" if q else "") + name
        raise ValueError(t)

    # Request members holding AttributeValues are validated by the operation, not while decoding,
    # so DynamoDB's order holds: wire types, then the model's constraints, then item contents.
    def input_type(self, name, q=False):
        s = self.shapes[name]
        if name in RAW_JSON_SHAPES:
            return "nlohmann::json"
        if self.is_av(name):
            return "Checked<model::AttributeValue>"
        if self.is_av_map(name):
            return "Checked<model::Item>"
        if s["type"] == "list":
            return "std::vector<%s>" % self.input_type(s["member"]["shape"], q)
        if s["type"] == "map":
            return "std::map<std::string, %s>" % self.input_type(s["value"]["shape"], q)
        if s["type"] == "structure":
            return ("shapes::" if q else "") + name + ("In" if name in self.outputs and self.has_av(name, set()) else "")
        return self.cpp_type(name, q)

    def has_av(self, name, seen):
        if name in seen:
            return False
        seen.add(name)
        if self.is_av(name):
            return True
        s = self.shapes[name]
        kids = [m["shape"] for m in s.get("members", {}).values()]
        if "member" in s:
            kids.append(s["member"]["shape"])
        if "value" in s:
            kids.append(s["value"]["shape"])
        return any(self.has_av(k, seen) for k in kids)

    # The Java type DynamoDB's binder names in "Unrecognized collection type ..." messages.
    def java_type(self, name):
        s = self.shapes[name]
        t = s["type"]
        if t == "structure":
            return JAVA_PACKAGE + name
        if t == "list":
            return "java.util.List<%s>" % self.java_type(s["member"]["shape"])
        if t == "map":
            return "java.util.Map<java.lang.String, %s>" % self.java_type(s["value"]["shape"])
        return {"string": "java.lang.String", "blob": "java.nio.ByteBuffer", "integer": "java.lang.Integer",
                "long": "java.lang.Long", "boolean": "java.lang.Boolean", "double": "java.lang.Double",
                "timestamp": "java.util.Date"}[t]

    # --- ordering --------------------------------------------------------------------------
    def struct_order(self, names, wrap):
        order, done = [], set()

        def visit(n):
            if n in done or self.kind(n) != "structure" or self.is_av(n):
                return
            done.add(n)
            for m in self.shapes[n].get("members", {}).values():
                deps = [m["shape"]]
                while deps:
                    d = deps.pop()
                    if self.kind(d) == "structure":
                        visit(d)
                    elif self.kind(d) == "list":
                        deps.append(self.shapes[d]["member"]["shape"])
                    elif self.kind(d) == "map":
                        deps.append(self.shapes[d]["value"]["shape"])
            order.append(n)

        for n in sorted(names):
            visit(n)
        return [n for n in order if n in names]

    # --- checks ----------------------------------------------------------------------------
    def check_expr(self, name, j, pos, depth):
        """C++ statement type-checking JSON `j` against shape `name` at position `pos`."""
        s = self.shapes[name]
        t = s["type"]
        java = json.dumps(self.java_type(name))
        if t == "string":
            return "check_string(%s);" % j
        if t == "blob":
            return "check_blob(%s);" % j
        if t == "boolean":
            return "check_boolean(%s);" % j
        if t == "integer":
            return 'check_number(%s, "Integer");' % j
        if t == "long":
            return 'check_number(%s, "Long");' % j
        if t == "double":
            return 'check_number(%s, "Double");' % j
        if t == "timestamp":
            return "check_timestamp(%s);" % j
        if t == "structure":
            return "check_%s(%s, Position::%s, %s);" % (name, j, pos, depth)
        e = "e%d" % depth.count("+")  # one loop variable per nesting level
        if t == "list":
            inner = self.check_expr(s["member"]["shape"], e, "value", depth + " + 1")
            return "if (list_start(%s, Position::%s)) for (const Json& %s : %s) if (!%s.is_null()) { %s }" % (
                j, pos, e, j, e, inner)
        if t == "map":
            inner = self.check_expr(s["value"]["shape"], e, "value", depth + " + 1")
            return "if (map_start(%s, Position::%s, %s)) for (const Json& %s : %s) if (!%s.is_null()) { %s }" % (
                j, pos, json.dumps("java.util.Map<java.lang.String, %s>" % self.java_type(s["value"]["shape"])), e, j, e, inner)
        raise ValueError(t)

    def gen_check(self, name, h, cc):
        h.append("void check_%s(const Json& j, Position pos = Position::field, int depth = 0);" % name)
        cc.append("void check_%s(const Json& j, Position pos, int depth) {" % name)
        cc.append("  if (!struct_start(j, pos, %s, depth)) return;" % json.dumps(JAVA_PACKAGE + name))
        for mname, m in self.shapes[name].get("members", {}).items():
            cc.append("  if (Json v = member(j, %s); v.exists()) { %s }" % (
                json.dumps(mname), self.check_expr(m["shape"], "v", "field", "depth + 1")))
        cc.append("}")
        cc.append("")

    # --- decoders --------------------------------------------------------------------------
    def decode_expr(self, name, j):
        s = self.shapes[name]
        t = s["type"]
        if name in RAW_JSON_SHAPES:
            return "raw_json(%s)" % j
        if self.is_av(name):
            return "checked_value(%s)" % j
        if self.is_av_map(name):
            return ("checked_put_item(%s)" if name == "PutItemInputAttributeMap" else "checked_item(%s)") % j
        if t == "string":
            return "%s.get<std::string>()" % j
        if t == "blob":
            return "decode_blob(%s)" % j
        if t == "boolean":
            return "%s.get<bool>()" % j
        if t in ("integer", "long"):
            return "integer_of(%s)" % j
        if t in ("double", "timestamp"):
            return "%s.get<double>()" % j
        if t == "structure":
            return "decode_%s(%s)" % (self.input_type(name), j)
        if t == "list":
            return "decode_list<%s>(%s, [](const Json& e) { return %s; })" % (
                self.input_type(s["member"]["shape"]), j, self.decode_expr(s["member"]["shape"], "e"))
        if t == "map":
            return "decode_map<%s>(%s, [](const Json& e) { return %s; })" % (
                self.input_type(s["value"]["shape"]), j, self.decode_expr(s["value"]["shape"], "e"))
        raise ValueError(t)

    def gen_input_struct(self, name, h, cc):
        cname = self.input_type(name)
        if cname != name or name not in self.outputs:  # otherwise the output section defined it
            h.append("struct %s {" % cname)
            for mname, m in self.shapes[name].get("members", {}).items():
                h.append("  std::optional<%s> %s;" % (self.input_type(m["shape"], True), ident(mname)))
            h.append("  bool null_element = false;  // decoded from a null list or map element")
            h.append("};")
        h.append("%s decode_%s(const Json& j);" % (cname, cname))
        h.append("")
        cc.append("%s decode_%s([[maybe_unused]] const Json& j) {" % (cname, cname))
        cc.append("  %s out;" % cname)
        for mname, m in self.shapes[name].get("members", {}).items():
            cc.append("  if (Json v = member(j, %s); v.exists()) out.%s = %s;" % (
                json.dumps(mname), ident(mname), self.decode_expr(m["shape"], "v")))
        cc.append("  return out;")
        cc.append("}")
        cc.append("")

    # --- encoders --------------------------------------------------------------------------
    def encode_stmt(self, name, v, level=0):
        s = self.shapes[name]
        e = "e%d" % level
        t = s["type"]
        if self.is_av(name) or self.is_av_map(name):
            return "model::write_json(%s, out);" % v
        if t in ("string",):
            return "json_writer::string(out, %s);" % v
        if t == "blob":
            return "write_blob(out, %s);" % v
        if t == "boolean":
            return 'out += %s ? "true" : "false";' % v
        if t in ("integer", "long"):
            return "out += std::to_string(%s);" % v
        if t in ("double", "timestamp"):
            return "write_double(out, %s);" % v
        if t == "structure":
            return "encode_%s(%s, out);" % (name, v)
        if t == "list":
            return ("out += '['; { bool first = true; for (const auto& %s : %s) { if (!first) out += ','; first = false; %s } } out += ']';"
                    % (e, v, self.encode_stmt(s["member"]["shape"], e, level + 1)))
        if t == "map":
            return ("out += '{'; { bool first = true; for (const auto& [k%d, %s] : %s) { if (!first) out += ','; first = false; "
                    "json_writer::string(out, k%d); out += ':'; %s } } out += '}';" % (level, e, v, level, self.encode_stmt(s["value"]["shape"], e, level + 1)))
        raise ValueError(t)

    def gen_output_struct(self, name, h, cc):
        h.append("struct %s {" % name)
        for mname, m in self.shapes[name].get("members", {}).items():
            h.append("  std::optional<%s> %s;" % (self.cpp_type(m["shape"], True), ident(mname)))
        if name in NULL_MARKED_SHARED and name in self.inputs:
            h.append("  bool null_element = false;  // decoded from a null list or map element")
        h.append("};")
        h.append("void encode_%s(const %s& v, std::string& out);" % (name, name))
        h.append("")
        cc.append("void encode_%s([[maybe_unused]] const %s& v, std::string& out) {" % (name, name))
        cc.append("  out += '{';")
        cc.append("  [[maybe_unused]] bool first = true;")
        for mname, m in self.shapes[name].get("members", {}).items():
            cc.append("  if (v.%s) { if (!first) out += ','; first = false; out += %s; %s }" % (
                ident(mname), json.dumps(json.dumps(mname) + ":"), self.encode_stmt(m["shape"], "(*v.%s)" % ident(mname))))
        cc.append("  out += '}';")
        cc.append("}")
        cc.append("")

    def run(self, version):
        header = [
            "// Generated by scripts/gen_shapes.py from the botocore DynamoDB model (botocore %s). Do not edit." % version,
            "// One struct per input and output structure of the 57 DynamoDB operations; type checkers and",
            "// decoders for inputs, encoders for outputs. Regenerate: scripts/gen_shapes.py",
            "#pragma once",
            "",
            "#include <map>",
            "#include <optional>",
            "#include <string>",
            "#include <vector>",
            "",
            "#include \"protocol/shape_runtime.h\"",
            "",
            "namespace dynarock::shapes {",
            "",
        ]
        source = [
            "// Generated by scripts/gen_shapes.py from the botocore DynamoDB model (botocore %s). Do not edit." % version,
            "#include \"protocol/generated/shapes.h\"",
            "",
            "#include \"model/json_writer.h\"",
            "",
            "namespace dynarock::shapes {",
            "",
        ]
        in_structs = [n for n in self.inputs if self.kind(n) == "structure" and not self.is_av(n)]
        out_structs = [n for n in self.outputs if self.kind(n) == "structure" and not self.is_av(n)]
        header.append("// ---- type checkers (every input structure, AttributeValue included)")
        for n in sorted(self.inputs):
            if self.kind(n) == "structure":
                header.append("void check_%s(const Json& j, Position pos = Position::field, int depth = 0);" % n)
        header.append("")
        for n in sorted(self.inputs):
            if self.kind(n) == "structure":
                self.gen_check(n, [], source)
        header.append("// ---- output structures and encoders")
        for n in self.struct_order(set(out_structs), None):
            self.gen_output_struct(n, header, source)
        header.append("// ---- input structures and decoders")
        for n in self.struct_order(set(in_structs), None):
            self.gen_input_struct(n, header, source)
        header.append("// ---- operations: name, input type checker")
        header.append("struct OperationShape {")
        header.append("  const char* name;")
        header.append("  void (*check)(const Json& j, Position pos, int depth);")
        header.append("};")
        header.append("extern const OperationShape kOperationShapes[%d];" % len(self.ops))
        source.append("const OperationShape kOperationShapes[%d] = {" % len(self.ops))
        for name in sorted(self.ops):
            source.append("    {%s, check_%s}," % (json.dumps(name), self.ops[name]["input"]["shape"]))
        source.append("};")
        source.append("")
        header += ["}  // namespace dynarock::shapes", ""]
        source += ["}  // namespace dynarock::shapes", ""]
        os.makedirs(OUT_DIR, exist_ok=True)
        with open(os.path.join(OUT_DIR, "shapes.h"), "w") as f:
            f.write("\n".join(header))
        with open(os.path.join(OUT_DIR, "shapes.cc"), "w") as f:
            f.write("\n".join(source))


def main():
    model, version = load_model(sys.argv[1] if len(sys.argv) > 1 else None)
    if len(sys.argv) > 1:
        version = model.get("metadata", {}).get("uid", "from " + os.path.basename(sys.argv[1]))
    Gen(model).run(version)


if __name__ == "__main__":
    main()
