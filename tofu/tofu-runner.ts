// Runs the real tofu binary in a stack's directory, as a user would, and times each step.
// Used by the sandbox and by `aws-org plan`.
import { spawn, type ChildProcess } from "node:child_process";
import { explainStateLock, parseStateLockError } from "./lock-error.js";

export interface TofuResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface TofuRunOptions {
  /** Fail unless the exit code is one of these (default [0]); null accepts any. */
  expectCodes?: number[] | null;
  /** Called with the running process, e.g. to watch its output or interrupt it (see signalTofu). */
  onSpawn?: (child: ChildProcess) => void;
  /** Upper bound for one command (default DEFAULT_TOFU_TIMEOUT_MS); past it the run is killed and rejected. */
  timeoutMs?: number;
}

/** Generous for one tofu step against moto on a busy 2-core machine (they take 1-10 s idle). */
export const DEFAULT_TOFU_TIMEOUT_MS = 240_000;

/** Thrown when tofu is not where TOFU_BIN (or PATH) says. */
export class TofuNotFoundError extends Error {
  constructor(bin: string) {
    super(
      `OpenTofu was not found: "${bin}" is not an executable on PATH. Install tofu (https://opentofu.org/docs/intro/install/, ` +
        `or setup-opentofu in GitHub Actions), or point TOFU_BIN at one, e.g. the sandbox's: ` +
        `TOFU_BIN=$(bash sandbox/build-tools.sh | sed -n 's/^TOFU_BIN=//p')`,
    );
    this.name = "TofuNotFoundError";
  }
}

export class Tofu {
  /** Seconds per step, for the timing report. */
  readonly timings: { step: string; seconds: number }[] = [];
  /** tofu processes started by this runner and not yet exited: stopAll() ends them. */
  private readonly running = new Set<ChildProcess>();

  readonly bin: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly options: { log: boolean };

  constructor(bin: string, env: NodeJS.ProcessEnv, options: { log: boolean } = { log: true }) {
    this.bin = bin;
    this.env = env;
    this.options = options;
  }

  run(dir: string, args: string[], options: TofuRunOptions = {}): Promise<TofuResult> {
    const expectCodes = options.expectCodes === undefined ? [0] : options.expectCodes;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOFU_TIMEOUT_MS;
    const step = `tofu ${args.filter((a) => !a.startsWith("-backend-config")).join(" ")}`;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      // Its own process group, like a job in a terminal: a signal reaches tofu and its provider
      // plugins together, and nothing is left behind when the group is cleaned up.
      const child = spawn(this.bin, [`-chdir=${dir}`, ...args], { env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      this.running.add(child);
      let stdout = "";
      let stderr = "";
      let timedOut = false;
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        timedOut = true;
        signalTofu(child, "SIGCONT"); // a frozen (SIGSTOPped) run must be able to die
        signalTofu(child, "SIGKILL");
      }, timeoutMs);
      options.onSpawn?.(child);
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(error.code === "ENOENT" ? new TofuNotFoundError(this.bin) : error);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child);
        signalTofu(child, "SIGKILL"); // stray provider plugins of a killed tofu
        const seconds = (performance.now() - started) / 1000;
        this.timings.push({ step, seconds });
        if (this.options.log) process.stderr.write(`[tofu] ${step} -> exit ${code ?? signal} in ${seconds.toFixed(1)} s\n`);
        const result = { code, signal, stdout, stderr, seconds };
        if (timedOut) {
          const tail = (stderr || stdout).split("\n").slice(-20).join("\n");
          reject(new Error(`${step} (in ${dir}) did not finish within ${timeoutMs / 1000} s and was killed. Its last output:\n${tail}`));
        } else if (expectCodes !== null && (code === null || !expectCodes.includes(code))) {
          const lock = parseStateLockError(stderr);
          const hint = lock ? `\n${explainStateLock(lock, dir)}` : "";
          reject(new Error(`${step} exited ${code ?? signal}, expected ${expectCodes.join(" or ")}\n${stderr || stdout}${hint}`));
        } else resolve(result);
      });
    });
  }

  /** Kills every tofu this runner started that is still running (a cleanup step for tests and the sandbox). */
  stopAll(): void {
    for (const child of this.running) {
      signalTofu(child, "SIGCONT");
      signalTofu(child, "SIGKILL");
    }
  }
}

/** Sends a signal to tofu's whole process group (tofu and its provider plugins), as Ctrl-C does. */
export function signalTofu(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}
