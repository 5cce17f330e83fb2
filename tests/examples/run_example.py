"""Runs one examples/<name> folder as a new user would: start dynarock with
`--init examples/<name>` and run every access-pattern script in it (Python with boto3, JavaScript
with the AWS SDK v3) against that server. Exits non-zero when a script fails.

    python3 run_example.py loans-borrowers
"""
import glob
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from harness import ROOT, Server  # noqa: E402


def node_modules(examples):
    """The JS examples import the AWS SDK: use tests/js's installed copy when examples/ has none."""
    link = os.path.join(examples, "node_modules")
    if os.path.islink(link) and not os.path.exists(link):
        os.unlink(link)  # dangling (a link made in another checkout)
    if not os.path.exists(link):
        target = os.path.join(ROOT, "tests", "js", "node_modules")
        if not os.path.isdir(target):
            return False
        try:
            os.symlink(target, link)
        except FileExistsError:
            pass
    return True


def main(name):
    examples = os.path.join(ROOT, "examples")
    folder = os.path.join(examples, name)
    scripts = sorted(glob.glob(os.path.join(folder, "*.py")) + glob.glob(os.path.join(folder, "*.mjs")))
    if not scripts:
        sys.exit("no scripts in " + folder)
    server = Server("--init", folder, "--shared-db")
    server.start()
    env = dict(os.environ, AWS_ENDPOINT_URL=server.url, AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1",
               AWS_ACCESS_KEY_ID="example", AWS_SECRET_ACCESS_KEY="example")
    failed = []
    try:
        for script in scripts:
            if script.endswith(".mjs"):
                if not node_modules(examples):
                    print("skipping %s: tests/js/node_modules is missing (npm ci in tests/js)" % script)
                    continue
                cmd = ["node", script]
            else:
                cmd = [sys.executable, script]
            print("$ " + " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd), flush=True)
            if subprocess.run(cmd, cwd=folder, env=env, timeout=300).returncode != 0:
                failed.append(script)
    finally:
        server.cleanup()
    if failed:
        sys.exit("failed: " + ", ".join(failed))


if __name__ == "__main__":
    main(sys.argv[1])
