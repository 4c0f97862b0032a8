// Runs `cdktf synth` exactly as a user does, with the config and backend file chosen by env.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
const CDKTF_BIN = fileURLToPath(new URL("../node_modules/.bin/cdktf", import.meta.url));

const SYNTH_TIMEOUT_MS = 180_000;

export interface SynthOptions {
  /** Where cdktf writes stacks/<name>/cdk.tf.json. */
  outDir: string;
  /** ORG_CONFIG: the organization config file. */
  configFile: string;
  /** ORG_BACKEND_FILE: defaults to the project's backend.tf.json. */
  backendFile?: string;
  /** STATE_BACKEND_BOOTSTRAPPED: the state-backend stack keeps its state in the bucket. */
  bootstrapped?: boolean;
}

export function synthesize(options: SynthOptions): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ORG_CONFIG: options.configFile,
    STATE_BACKEND_BOOTSTRAPPED: options.bootstrapped ? "true" : "false",
    CHECKPOINT_DISABLE: "1",
    CI: "true",
  };
  if (options.backendFile) env.ORG_BACKEND_FILE = options.backendFile;
  return new Promise((resolve, reject) => {
    const child = spawn(CDKTF_BIN, ["synth", "--output", options.outDir], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // cdktf synth takes 2-5 s; on a loaded machine far longer than that means something hangs.
    const timer = setTimeout(() => child.kill("SIGKILL"), SYNTH_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (signal === "SIGKILL") reject(new Error(`cdktf synth --output ${options.outDir} did not finish within ${SYNTH_TIMEOUT_MS / 1000} s and was killed:\n${output}`));
      else reject(new Error(`cdktf synth failed (${code ?? signal}):\n${output}`));
    });
  });
}
