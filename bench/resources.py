#!/usr/bin/env python3
"""Startup time and memory of dynarock next to dynalite and moto. See docs/benchmarks.md.

For each server (started here on a free loopback port, stopped before the next one):
  startup_ms    process start (just before exec) to the first answered request (ListTables, HTTP 200),
                median of --starts starts; the server is stopped after each answer
  rss_first_mb  VmRSS right after that first answer (median)
  rss_idle_mb   VmRSS 2 s after the first answer, no tables
  rss_loaded_mb VmRSS 2 s after creating one table and loading N ~200-byte items with PutItem
                (4 keep-alive connections); rss_peak_mb is VmHWM at that point
  load_items_per_s  that load's rate; the Python client is a large part of it, so it is a floor
  rss_anon_*_mb RssAnon at the same moments: private memory, without the shared libraries' pages
VmRSS is read from /proc/PID/status, summed over the server process and any children.

usage: bench/resources.py [--servers dynarock,dynarock-disk,dynalite,moto] [--starts 10]
                          [--items 100000] [--peer-items moto=20000]
--peer-items lowers N for a slow peer (moto loads at a few hundred items/s); the table says
which N each figure is for. Results: a markdown table on stdout and
bench-results/resources-<UTC stamp>.tsv (server metric value unit note).
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import ddb  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def moto_binary():
    path = shutil.which("moto_server")
    if path and "/shims/" in path and shutil.which("pyenv"):
        # A pyenv shim adds a bash start-up of its own; measure the real script.
        real = subprocess.run(["pyenv", "which", "moto_server"], capture_output=True, text=True)
        if real.returncode == 0 and real.stdout.strip():
            return real.stdout.strip()
    return path


def ensure_dynalite(log):
    if os.path.exists(os.path.join(HERE, "node_modules", "dynalite", "package.json")):
        return True
    if not (shutil.which("node") and shutil.which("npm")):
        return False
    print("installing dynalite into bench/node_modules", file=sys.stderr)
    r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "dynalite"], cwd=HERE, stdout=log,
                       stderr=subprocess.STDOUT, timeout=300)
    return r.returncode == 0


def server_commands(data_root, log):
    """name -> (function port -> argv), for the servers available on this machine."""
    cmds = {}
    binary = os.path.join(ROOT, "build", "dynarock")
    if os.access(binary, os.X_OK):
        cmds["dynarock"] = lambda port: [binary, "--port", str(port), "--in-memory", "--log-level", "warn"]

        def on_disk(port):
            d = tempfile.mkdtemp(prefix="dynarock-", dir=data_root)
            return [binary, "--port", str(port), "--data-dir", d, "--log-level", "warn"]
        cmds["dynarock-disk"] = on_disk
    else:
        print("build/dynarock not found: skipping dynarock", file=sys.stderr)
    if ensure_dynalite(log):
        cmds["dynalite"] = lambda port: ["node", os.path.join(HERE, "dynalite-loopback.js"), str(port)]
    else:
        print("dynalite not available: skipping", file=sys.stderr)
    moto = moto_binary()
    if moto:
        cmds["moto"] = lambda port: [moto, "-H", "127.0.0.1", "-p", str(port)]
    else:
        print("moto_server not found: skipping", file=sys.stderr)
    return cmds


def rss_kb(pid, field="VmRSS"):
    """`field` of /proc/PID/status in kB, summed over PID and its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class Server:
    def __init__(self, argv, log):
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def measure(name, make_argv, starts, items, log, rows):
    url_of = lambda port: "http://127.0.0.1:%d" % port  # noqa: E731
    startup, first = [], []
    for _ in range(starts):
        port = free_port()
        argv = make_argv(port)
        t0 = time.monotonic()
        server = Server(argv, log)
        try:
            ddb.wait_ready(url_of(port), timeout=60, interval=0.001)
            startup.append((time.monotonic() - t0) * 1000)
            first.append(rss_kb(server.proc.pid) / 1024)
        finally:
            server.stop()
    for v in startup:
        rows.append((name, "startup_ms_each", "%.1f" % v, "ms", ""))
    rows.append((name, "startup_ms", "%.1f" % statistics.median(startup), "ms",
                 "median of %d, min %.1f, max %.1f" % (starts, min(startup), max(startup))))
    rows.append((name, "rss_first_mb", "%.1f" % statistics.median(first), "MB", "median"))

    port = free_port()
    server = Server(make_argv(port), log)
    try:
        url = url_of(port)
        ddb.wait_ready(url, timeout=60)
        time.sleep(2)
        rows.append((name, "rss_idle_mb", "%.1f" % (rss_kb(server.proc.pid) / 1024), "MB", ""))
        rows.append((name, "rss_anon_idle_mb", "%.1f" % (rss_kb(server.proc.pid, "RssAnon") / 1024), "MB", ""))
        client = ddb.Client(url)
        ddb.create_table(client, ddb.GET_TABLE)
        client.close()
        rate = ddb.load(url, ddb.GET_TABLE, items, threads=4)
        time.sleep(2)
        rows.append((name, "rss_loaded_mb", "%.1f" % (rss_kb(server.proc.pid) / 1024), "MB", "%d items" % items))
        rows.append((name, "rss_anon_loaded_mb", "%.1f" % (rss_kb(server.proc.pid, "RssAnon") / 1024), "MB",
                     "%d items" % items))
        rows.append((name, "rss_peak_mb", "%.1f" % (rss_kb(server.proc.pid, "VmHWM") / 1024), "MB", "%d items" % items))
        rows.append((name, "load_items_per_s", "%.0f" % rate, "items/s", "PutItem, 4 connections, Python client"))
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--servers", default="dynarock,dynarock-disk,dynalite,moto")
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--peer-items", default="moto=20000",
                    help="comma-separated name=N overriding --items for some servers ('' for none)")
    args = ap.parse_args()
    peer_items = dict((k, int(v)) for k, v in (p.split("=") for p in args.peer_items.split(",") if p))

    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    results = os.path.join(ROOT, "bench-results")
    os.makedirs(results, exist_ok=True)
    tsv = os.path.join(results, "resources-%s.tsv" % stamp)
    log_path = os.path.join(results, "resources-%s.log" % stamp)
    rows = []
    with open(log_path, "w") as log, tempfile.TemporaryDirectory(prefix="bench-resources-") as data_root:
        cmds = server_commands(data_root, log)
        for name in args.servers.split(","):
            if name not in cmds:
                continue
            n = peer_items.get(name, args.items)
            print("== %s: %d starts, then %d items" % (name, args.starts, n), file=sys.stderr)
            log.write("== %s\n" % name)
            log.flush()
            try:
                measure(name, cmds[name], args.starts, n, log, rows)
            except Exception as e:  # noqa: BLE001 - one failing server must not hide the others
                print("   %s failed: %s" % (name, e), file=sys.stderr)
                rows.append((name, "error", "", "", str(e)))

    with open(tsv, "w") as f:
        f.write("server\tmetric\tvalue\tunit\tnote\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    by = {}
    for name, metric, value, unit, note in rows:
        by.setdefault(name, {})[metric] = (value, note)
    print("| server | startup ms (median of %d) | RSS at first answer MB | RSS idle MB (anon) | items loaded "
          "| RSS loaded MB (anon) | peak RSS MB | load items/s |" % args.starts)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, m in by.items():
        g = lambda k: m.get(k, ("-", ""))[0]  # noqa: E731
        loaded_note = m.get("rss_loaded_mb", ("", "-"))[1].replace(" items", "")
        print("| %s | %s | %s | %s (%s) | %s | %s (%s) | %s | %s |" % (
            name, g("startup_ms"), g("rss_first_mb"), g("rss_idle_mb"), g("rss_anon_idle_mb"), loaded_note,
            g("rss_loaded_mb"), g("rss_anon_loaded_mb"), g("rss_peak_mb"), g("load_items_per_s")))
        if "error" in m:
            print("\n%s: %s" % (name, m["error"][1]))
    print("\nresults: %s (server log: %s)" % (tsv, log_path), file=sys.stderr)


if __name__ == "__main__":
    main()
