// Runs the real tofu binary in a stack's directory, as a user would, and times each step.
// Used by the sandbox and by `aws-org plan`.
import { spawn, type ChildProcess } from "node:child_process";
import { explainStateLock, parseStateLockError } from "../state-lock/lock-error.js";

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
  /** Upper bound for one command. */
  timeoutMs?: number;
}

export class Tofu {
  /** Seconds per step, for the timing report. */
  readonly timings: { step: string; seconds: number }[] = [];

  constructor(
    readonly bin: string,
    readonly env: NodeJS.ProcessEnv,
    private readonly options: { log: boolean } = { log: true },
  ) {}

  run(dir: string, args: string[], options: TofuRunOptions = {}): Promise<TofuResult> {
    const expectCodes = options.expectCodes === undefined ? [0] : options.expectCodes;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      // Its own process group, like a job in a terminal: a signal reaches tofu and its provider
      // plugins together, and nothing is left behind when the group is cleaned up.
      const child = spawn(this.bin, [`-chdir=${dir}`, ...args], { env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => signalTofu(child, "SIGKILL"), options.timeoutMs ?? 300_000);
      options.onSpawn?.(child);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        signalTofu(child, "SIGKILL"); // stray provider plugins of a killed tofu
        const seconds = (performance.now() - started) / 1000;
        const step = `tofu ${args.filter((a) => !a.startsWith("-backend-config")).join(" ")}`;
        this.timings.push({ step, seconds });
        if (this.options.log) process.stderr.write(`[sandbox] ${step} -> exit ${code ?? signal} in ${seconds.toFixed(1)} s\n`);
        const result = { code, signal, stdout, stderr, seconds };
        if (expectCodes !== null && (code === null || !expectCodes.includes(code))) {
          const lock = parseStateLockError(stderr);
          const hint = lock ? `\n${explainStateLock(lock, dir)}` : "";
          reject(new Error(`${step} exited ${code ?? signal}, expected ${expectCodes.join(" or ")}\n${stderr || stdout}${hint}`));
        } else resolve(result);
      });
    });
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
