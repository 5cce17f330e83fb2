"""--stream-hook: the server POSTs a table's stream records, as Lambda DynamoDB events, to a local
HTTP endpoint, in order, retrying a batch until the endpoint answers 2xx."""
import http.server
import json
import threading
import time
import unittest

from harness import Server, free_port


class Receiver(http.server.BaseHTTPRequestHandler):
    batches = []
    failures_left = 2  # the first two deliveries fail, so the hook must retry

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.failures_left > 0:
            Receiver.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        Receiver.batches.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class StreamHookTest(unittest.TestCase):
    def test_records_are_posted_in_order_with_retries(self):
        port = free_port()
        receiver = http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver)
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        server = Server("--stream-hook", "Jobs=http://127.0.0.1:%d/events" % port).start()
        try:
            ddb = server.client()
            ddb.create_table(TableName="Jobs", BillingMode="PAY_PER_REQUEST",
                             AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                             KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                             StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
            for i in range(5):
                ddb.put_item(TableName="Jobs", Item={"id": {"S": "j%d" % i}, "state": {"S": "new"}})
            ddb.update_item(TableName="Jobs", Key={"id": {"S": "j0"}}, UpdateExpression="SET #s = :d",
                            ExpressionAttributeNames={"#s": "state"}, ExpressionAttributeValues={":d": {"S": "done"}})
            deadline = time.time() + 30
            records = []
            while time.time() < deadline:
                records = [r for b in Receiver.batches for r in b["Records"]]
                if len(records) >= 6:
                    break
                time.sleep(0.1)
            self.assertEqual([r["eventName"] for r in records], ["INSERT"] * 5 + ["MODIFY"])
            self.assertEqual([r["dynamodb"]["Keys"]["id"]["S"] for r in records], ["j0", "j1", "j2", "j3", "j4", "j0"])
            arn = ddb.describe_table(TableName="Jobs")["Table"]["LatestStreamArn"]
            for r in records:
                self.assertEqual(r["eventSourceARN"], arn)
                self.assertEqual(r["eventSource"], "aws:dynamodb")
                self.assertEqual(r["dynamodb"]["StreamViewType"], "NEW_AND_OLD_IMAGES")
            self.assertEqual(records[-1]["dynamodb"]["OldImage"]["state"], {"S": "new"})
            self.assertEqual(records[-1]["dynamodb"]["NewImage"]["state"], {"S": "done"})
            self.assertEqual(Receiver.failures_left, 0)
        finally:
            server.cleanup()
            receiver.shutdown()
            receiver.server_close()


if __name__ == "__main__":
    unittest.main()
