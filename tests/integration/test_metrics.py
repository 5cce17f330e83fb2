"""GET /metrics: Prometheus text format (checked by a strict parser of the exposition format),
per-operation request and error counters and latency histograms."""
import re
import unittest
import urllib.request

from harness import ServerTestCase

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|\+Inf|NaN)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)')


def parse(text):
    """{family: {"type":..., "help":..., "samples": [(name, labels dict, value)]}}; fails on bad lines."""
    families = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            kind, name, rest = line[2:6], line.split(" ")[2], line.split(" ", 3)[3]
            families.setdefault(name, {"samples": []})[kind.lower()] = rest
            continue
        m = SAMPLE.match(line)
        assert m, "not a Prometheus sample line: %r" % line
        name, labels = m.group(1), {}
        if m.group(3):
            pos = 0
            while pos < len(m.group(3)):
                lm = LABEL.match(m.group(3), pos)
                assert lm, "bad labels in %r" % line
                labels[lm.group(1)] = lm.group(2)
                pos = lm.end()
        family = re.sub(r"_(bucket|sum|count)$", "", name) if name not in families else name
        assert family in families and "type" in families[family], "sample before its TYPE: %r" % line
        families[family]["samples"].append((name, labels, float(m.group(4))))
    return families


class MetricsTest(ServerTestCase):
    def scrape(self):
        with urllib.request.urlopen(self.server.url + "/metrics") as resp:
            self.assertTrue(resp.headers["Content-Type"].startswith("text/plain"))
            return parse(resp.read().decode())

    def value(self, families, family, name, **labels):
        for n, l, v in families.get(family, {"samples": []})["samples"]:
            if n == name and l == labels:
                return v
        return 0.0

    def test_counters_and_histograms_per_operation(self):
        before = self.scrape()
        self.ddb.list_tables()
        self.ddb.list_tables()
        with self.assertRaises(self.ddb.exceptions.ResourceNotFoundException):
            self.ddb.describe_table(TableName="nope")
        m = self.scrape()
        for family, kind in (("dynarock_requests_total", "counter"), ("dynarock_errors_total", "counter"),
                             ("dynarock_request_duration_seconds", "histogram")):
            self.assertEqual(m[family]["type"], kind)
            self.assertTrue(m[family]["help"])
        req = lambda fams, op: self.value(fams, "dynarock_requests_total", "dynarock_requests_total", operation=op)
        self.assertEqual(req(m, "ListTables") - req(before, "ListTables"), 2)
        self.assertEqual(self.value(m, "dynarock_errors_total", "dynarock_errors_total",
                                    operation="DescribeTable", type="ResourceNotFoundException"), 1)
        h = "dynarock_request_duration_seconds"
        buckets = [(l["le"], v) for n, l, v in m[h]["samples"] if n == h + "_bucket" and l["operation"] == "ListTables"]
        counts = [v for _, v in buckets]
        self.assertEqual(counts, sorted(counts))  # cumulative
        self.assertEqual(buckets[-1][0], "+Inf")
        self.assertEqual(buckets[-1][1], self.value(m, h, h + "_count", operation="ListTables"))
        self.assertGreater(self.value(m, h, h + "_sum", operation="ListTables"), 0)


if __name__ == "__main__":
    unittest.main()
