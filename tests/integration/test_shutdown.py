"""Graceful shutdown: on SIGTERM/SIGINT the server stops accepting, answers the request in flight,
closes idle connections and exits 0."""
import signal
import socket
import time
import unittest

from harness import Server
from test_http_hostile import exchange, head, parse_reply


class ShutdownTest(unittest.TestCase):
    def check_signal(self, signum):
        server = Server(in_memory=False).start()
        try:
            idle = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            idle.sendall(head("ListTables", 2) + b"{}")
            self.assertTrue(idle.recv(65536).startswith(b"HTTP/1.1 200"))
            # A request in flight: its headers and half its body are in when the signal arrives.
            busy = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            busy.sendall(head("ListTables", 2) + b"{")
            time.sleep(0.3)  # let the server read the partial request
            server.proc.send_signal(signum)
            self.assertEqual(idle.recv(65536), b"")  # the idle keep-alive connection is closed
            busy.sendall(b"}")
            reply = b""
            while True:
                chunk = busy.recv(65536)
                if not chunk:
                    break
                reply += chunk
            status, headers, body = parse_reply(reply)
            self.assertEqual(status, 200)
            self.assertEqual(body, b'{"TableNames":[]}')
            self.assertEqual(headers["connection"], "close")
            self.assertEqual(server.proc.wait(timeout=20), 0)
            with self.assertRaises(OSError):  # no longer accepting
                exchange(server.port, head("ListTables", 2) + b"{}", timeout=2)
            idle.close()
            busy.close()
        finally:
            server.cleanup()

    def test_sigterm_answers_the_request_in_flight_and_exits_0(self):
        self.check_signal(signal.SIGTERM)

    def test_sigint_too(self):
        self.check_signal(signal.SIGINT)


if __name__ == "__main__":
    unittest.main()
