"""The command line as a new user meets it: DynamoDB Local's command lines (Java launcher parts
included) start dynarock unchanged, bad values are refused clearly, start-up errors say what to
do, the start-up line says where and how, and `dynarock healthcheck` reports health."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from harness import BINARY, free_port


class Running:
    """A dynarock process started with exactly the given arguments; collects its log."""

    def __init__(self, *args, cwd=None):
        self.port = free_port()
        self.proc = subprocess.Popen([os.path.abspath(BINARY), *[a.replace("PORT", str(self.port)) for a in args]],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("exited: " + self.proc.stderr.read().decode())
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/" % self.port, timeout=1).read()
                return
            except OSError:
                time.sleep(0.02)
        raise AssertionError("did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)
        log = self.proc.stderr.read().decode()
        self.proc.stderr.close()
        return log


def run(*args, cwd=None):
    proc = subprocess.run([BINARY, *args], capture_output=True, timeout=30, cwd=cwd)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


class ServerFlagsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dynarock-flags-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_dynamodb_local_command_line_starts_unchanged(self):
        server = Running("-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar", "-sharedDb",
                         "-dbPath", "./data", "-port", "PORT", cwd=self.dir)
        log = server.stop()
        self.assertTrue(os.path.isdir(os.path.join(self.dir, "data")))
        ignored = [l for l in log.splitlines() if "Java" in l]
        self.assertEqual(len(ignored), 1, log)
        self.assertIn("-Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar", ignored[0])
        start = [l for l in log.splitlines() if "listening" in l][0]
        self.assertIn("http://127.0.0.1:%d" % server.port, start)
        self.assertIn("data in ./data", start)
        self.assertIn("tables shared by all credentials and regions", start)

    def test_start_line_in_memory_and_per_credential(self):
        log = Running("--in-memory", "--port", "PORT").stop()
        start = [l for l in log.splitlines() if "listening" in l][0]
        self.assertIn("data in memory", start)
        self.assertIn("tables per access key id and region", start)

    def test_in_memory_with_db_path_warns(self):
        log = Running("-inMemory", "-dbPath", os.path.join(self.dir, "unused"), "-port", "PORT").stop()
        self.assertIn("warning", log)
        self.assertIn("both -inMemory and -dbPath", log)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "unused")))

    def test_log_level_is_checked_and_case_insensitive(self):
        status, _, err = run("--log-level", "verbose", "--in-memory")
        self.assertEqual(status, 2)
        self.assertIn("unknown log level: verbose", err)
        log = Running("--in-memory", "--port", "PORT", "--log-level", "WARN").stop()
        self.assertNotIn("listening", log)
        log = Running("--in-memory", "--port", "PORT", "--log-level", "Info").stop()
        self.assertIn("listening", log)

    def test_unknown_flag_and_bad_port(self):
        status, _, err = run("--frobnicate")
        self.assertEqual(status, 2)
        self.assertIn("unknown option: --frobnicate", err)
        status, _, err = run("-port", "99999")
        self.assertEqual(status, 2)
        self.assertIn("invalid port for -port: 99999", err)

    def test_stream_flags_are_checked(self):
        for args, message in ((("--stream-shard-records", "0"), "invalid value for --stream-shard-records: 0"),
                              (("--stream-retention-seconds", "1h"), "invalid value for --stream-retention-seconds: 1h"),
                              (("--stream-iterator-seconds",), "missing value for --stream-iterator-seconds"),
                              (("--stream-hook", "Jobs"), "invalid --stream-hook"),
                              (("--stream-hook", "Jobs=ftp://x/"), "invalid --stream-hook")):
            status, _, err = run(*args)
            self.assertEqual(status, 2, args)
            self.assertIn(message, err)
        status, out, _ = run("--help")
        for flag in ("--stream-shard-seconds", "--stream-shard-records", "--stream-retention-seconds",
                     "--stream-iterator-seconds", "--stream-hook TABLE=URL"):
            self.assertIn(flag, out)

    def test_help_and_version(self):
        status, out, _ = run("--help")
        self.assertEqual(status, 0)
        for flag in ("--init PATH", "-dbPath", "healthcheck", "--log-level"):
            self.assertIn(flag, out)
        status, out, _ = run("-version")
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("dynarock "))

    def test_port_in_use_names_the_port(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
            port = s.getsockname()[1]
            status, _, err = run("--in-memory", "--port", str(port))
        self.assertEqual(status, 1)
        self.assertIn("port %d is already in use" % port, err)
        self.assertIn("--port", err)

    def test_locked_data_dir_is_in_use_by_another_dynarock(self):
        data = os.path.join(self.dir, "data")
        first = Running("--data-dir", data, "--port", "PORT")
        try:
            status, _, err = run("--data-dir", data, "--port", "0")
        finally:
            first.stop()
        self.assertEqual(status, 1)
        self.assertIn("the data directory %s is already in use by another dynarock" % data, err)
        self.assertNotIn("Internal", err)

    def test_data_dir_that_is_a_file(self):
        path = os.path.join(self.dir, "file")
        open(path, "w").close()
        status, _, err = run("--data-dir", path, "--port", "0")
        self.assertEqual(status, 1)
        self.assertIn(path, err)

    def test_healthcheck_subcommand(self):
        server = Running("--in-memory", "--port", "PORT")
        try:
            status, out, _ = run("healthcheck", "--port", str(server.port))
            self.assertEqual(status, 0)
            self.assertIn("healthy", out)
        finally:
            server.stop()
        status, _, err = run("healthcheck", "--port", str(server.port))
        self.assertEqual(status, 1)
        self.assertIn("unhealthy", err)

    def test_port_file_and_environment_defaults(self):
        port_file = os.path.join(self.dir, "port")
        port = free_port()
        env = dict(os.environ, DYNAROCK_PORT=str(port), DYNAROCK_PORT_FILE=port_file, DYNAROCK_DATA_DIR=os.path.join(self.dir, "d"))
        proc = subprocess.Popen([BINARY], env=env, stderr=subprocess.PIPE)
        try:
            deadline = time.time() + 20
            while not os.path.exists(port_file) and time.time() < deadline:
                time.sleep(0.02)
            time.sleep(0.05)
            with open(port_file) as f:
                self.assertEqual(f.read().strip(), str(port))
            self.assertEqual(subprocess.run([BINARY, "healthcheck"], env=env, capture_output=True).returncode, 0)
            self.assertTrue(os.path.isdir(os.path.join(self.dir, "d")))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            proc.stderr.close()


if __name__ == "__main__":
    unittest.main()
