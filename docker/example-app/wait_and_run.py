"""Waits until the DynamoDB endpoint answers GET /health (compose's depends_on condition does the
same where the engine runs health checks), then runs the given script."""
import os
import runpy
import sys
import time
import urllib.request

endpoint = os.environ["AWS_ENDPOINT_URL"]
for attempt in range(120):
    try:
        with urllib.request.urlopen(endpoint + "/health", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        pass
    time.sleep(0.5)
else:
    sys.exit("no healthy DynamoDB endpoint at " + endpoint)
print("endpoint healthy:", endpoint, flush=True)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
