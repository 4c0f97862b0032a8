// moto server on 127.0.0.1 at a free port: the local AWS API (Organizations, S3, DynamoDB, STS,
// IAM). Whoever starts one stops it; a process exit stops any still running.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TlsCertificate } from "./tls-certificate.js";

export const MOTO_VERSION = "5.2.1";
const READY_ATTEMPTS = 150;
const READY_INTERVAL_MS = 100;

/** moto's own server, plus the aws:SecureTransport condition it lacks (see the file). */
const LAUNCHER = fileURLToPath(new URL("./moto_server_tls.py", import.meta.url));

const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));

/** Installs moto[server] from PyPI when python3 cannot import it. */
export function ensureMotoInstalled(): void {
  try {
    execFileSync("python3", ["-c", "import moto.server, flask_cors"], { stdio: "ignore" });
  } catch {
    process.stderr.write(`[sandbox] installing moto[server]==${MOTO_VERSION} from PyPI\n`);
    execFileSync("python3", ["-m", "pip", "install", "--quiet", `moto[server]==${MOTO_VERSION}`], { stdio: "inherit" });
  }
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export class MotoServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly endpoint: string,
    /** PEM of the certificate moto serves: clients trust exactly this. */
    readonly ca: string,
  ) {}

  /** One HTTPS request to moto's own API; resolves to the status code. */
  private call(method: string, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.endpoint}${path}`, { method, ca: this.ca, timeout: 2_000 }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.end();
    });
  }

  static async start(tls: TlsCertificate): Promise<MotoServer> {
    ensureMotoInstalled();
    const port = await freeLoopbackPort();
    const args = [LAUNCHER, "-H", "127.0.0.1", "-p", String(port), "-c", tls.certFile, "-k", tls.keyFile];
    const child = spawn("python3", args, { stdio: ["ignore", "ignore", "pipe"] });
    running.add(child);
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    const server = new MotoServer(child, `https://127.0.0.1:${port}`, readFileSync(tls.certFile, "utf8"));
    for (let attempt = 0; attempt < READY_ATTEMPTS; attempt++) {
      if (child.exitCode !== null) break;
      if ((await server.call("GET", "/moto-api/").catch(() => 0)) === 200) return server;
      await new Promise((r) => setTimeout(r, READY_INTERVAL_MS));
    }
    await server.stop();
    throw new Error(`moto server did not start on port ${port}:\n${log}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return void running.delete(this.child);
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    running.delete(this.child);
  }
}
