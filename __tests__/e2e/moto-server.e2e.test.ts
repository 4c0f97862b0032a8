// The emulator holds under the conditions that broke it: a client that connects and then sends
// nothing (a tofu frozen with SIGSTOP, a process descheduled on a busy machine) must not stall
// anyone else, and servers started at the same moment never race for a port.
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from "../../sandbox/aws-environment.js";
import { MotoServer } from "../../sandbox/moto-server.js";
import { createLoopbackCertificate, type TlsCertificate } from "../../sandbox/tls-certificate.js";

let dir: string;
let tls: TlsCertificate;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "moto-server-"));
  tls = createLoopbackCertificate(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An S3 client that gives up after 20 s, so a stalled server fails the test instead of hanging it. */
const s3 = (moto: MotoServer) =>
  new S3Client({
    endpoint: moto.endpoint,
    region: SANDBOX_REGION,
    credentials: SANDBOX_CREDENTIALS,
    forcePathStyle: true,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: moto.ca }), connectionTimeout: 20_000, requestTimeout: 20_000 }),
  });

function openSilentConnection(endpoint: string, firstBytes?: Buffer): Promise<Socket> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      if (firstBytes) socket.write(firstBytes); // a handshake begun and never finished
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

describe("moto server", () => {
  it("answers everyone else while clients sit on unfinished connections", async () => {
    const moto = await MotoServer.start(tls);
    const silent: Socket[] = [];
    const client = s3(moto);
    try {
      silent.push(await openSilentConnection(moto.endpoint));
      silent.push(await openSilentConnection(moto.endpoint, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xc8])));
      const answers = await Promise.all(Array.from({ length: 8 }, () => client.send(new ListBucketsCommand({}))));
      expect(answers.every((answer) => answer.$metadata.httpStatusCode === 200)).toBe(true);
    } finally {
      silent.forEach((socket) => socket.destroy());
      client.destroy();
      await moto.stop();
    }
  });

  it("gives servers started at the same moment their own ports", async () => {
    const servers = await Promise.all([MotoServer.start(tls), MotoServer.start(tls), MotoServer.start(tls)]);
    try {
      expect(new Set(servers.map((server) => server.endpoint)).size).toBe(3);
      for (const server of servers) {
        const client = s3(server);
        expect((await client.send(new ListBucketsCommand({}))).$metadata.httpStatusCode).toBe(200);
        client.destroy();
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });

  it("stops by itself when the process that started it is killed", async () => {
    const owner = spawn(process.execPath, ["--import", "./scripts/ts-resolve.mjs", "__tests__/helpers/moto-owner.ts"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const motoPid = await new Promise<number>((resolve, reject) => {
        let out = "";
        owner.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /moto pid (\d+)/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        owner.once("exit", (code) => reject(new Error(`the owner exited (${code}) before starting moto`)));
      });
      expect(isAlive(motoPid)).toBe(true);
      owner.kill("SIGKILL");
      let alive = true;
      for (let attempt = 0; attempt < 100 && alive; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        alive = isAlive(motoPid);
      }
      expect(alive).toBe(false);
    } finally {
      owner.kill("SIGKILL");
    }
  });

  it("answers a retried request it already carried out with the first answer, not a second execution", async () => {
    const moto = await MotoServer.start(tls);
    try {
      const call = dynamoDb(moto);
      const table = { TableName: "locks", KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" };
      expect((await call("CreateTable", table, "create-1", 1)).status).toBe(200);
      const lock = { TableName: "locks", Item: { LockID: { S: "state" } }, ConditionExpression: "attribute_not_exists(LockID)" };
      const first = await call("PutItem", lock, "put-1", 1);
      expect(first.status).toBe(200);
      // The same invocation retried: answered as the first time, not carried out again.
      expect(await call("PutItem", lock, "put-1", 2)).toEqual(first);
      // A new invocation is carried out, and the lock is taken.
      const other = await call("PutItem", lock, "put-2", 1);
      expect(other.status).toBe(400);
      expect(other.body).toContain("ConditionalCheckFailedException");
    } finally {
      await moto.stop();
    }
  });

  it("carries out a retry whose first attempt was refused, or whose body differs, instead of replaying an answer", async () => {
    const moto = await MotoServer.start(tls);
    try {
      const call = dynamoDb(moto);
      const table = { TableName: "locks", KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" };
      expect((await call("CreateTable", table, "create-1", 1)).status).toBe(200);
      const lock = (id: string) => ({ TableName: "locks", Item: { LockID: { S: id } }, ConditionExpression: "attribute_not_exists(LockID)" });
      expect((await call("PutItem", lock("held"), "take-1", 1)).status).toBe(200);

      // Refused (the lock is held); released; the same request retried is judged again and succeeds.
      const refused = await call("PutItem", lock("held"), "take-2", 1);
      expect(refused.body).toContain("ConditionalCheckFailedException");
      expect((await call("DeleteItem", { TableName: "locks", Key: { LockID: { S: "held" } } }, "release-1", 1)).status).toBe(200);
      expect((await call("PutItem", lock("held"), "take-2", 2)).status).toBe(200);

      // An invocation id reused for another request: carried out, not answered from memory.
      expect((await call("PutItem", lock("first"), "reused", 1)).status).toBe(200);
      expect((await call("PutItem", lock("second"), "reused", 2)).status).toBe(200);
      const second = await call("GetItem", { TableName: "locks", Key: { LockID: { S: "second" } } }, "read-1", 1);
      expect(JSON.parse(second.body).Item).toEqual({ LockID: { S: "second" } });
      expect(await replays(moto)).toEqual({ replayed: 0, differentBody: 1 });
    } finally {
      await moto.stop();
    }
  });
});

/** A raw DynamoDB call with the SDK's retry headers set by hand. */
const dynamoDb = (moto: MotoServer) => (target: string, body: object, invocation: string, attempt: number) =>
  motoRequest(moto, {
    "X-Amz-Target": `DynamoDB_20120810.${target}`,
    "Content-Type": "application/x-amz-json-1.0",
    Authorization: "AWS4-HMAC-SHA256 Credential=testing/20261124/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x",
    "amz-sdk-invocation-id": invocation,
    "amz-sdk-request": `attempt=${attempt}; max=5`,
  }, body);

/** GET /_sandbox/replays: retries answered from memory, and invocation ids reused for another request. */
function replays(moto: MotoServer): Promise<{ replayed: number; differentBody: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${moto.endpoint}/_sandbox/replays`, { method: "GET", ca: moto.ca, timeout: 30_000 }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(text) as { replayed: number; differentBody: number }));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end();
  });
}

/** One raw HTTPS POST to moto with the given headers; resolves to status and body. */
function motoRequest(moto: MotoServer, headers: Record<string, string>, body: object): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(moto.endpoint, { method: "POST", ca: moto.ca, headers, timeout: 30_000 }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end(JSON.stringify(body));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
