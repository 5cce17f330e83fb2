// Starts a real dynarock process on a free port for the AWS SDK for JavaScript v3 suites.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const here = path.dirname(fileURLToPath(import.meta.url));
const binary = process.env.DYNAROCK_BIN || path.join(here, "..", "..", "build", "dynarock");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function startServer(...args) {
  const port = await freePort();
  const proc = spawn(binary, ["--port", String(port), "--in-memory", "--log-level", "warn", ...args], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 500; i++) {
    try {
      const res = await fetch(url + "/");
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const client = new DynamoDBClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDJS", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  const doc = DynamoDBDocumentClient.from(client);
  return {
    url,
    client,
    doc,
    stop() {
      client.destroy();
      proc.kill("SIGTERM");
    },
  };
}
