// `aws-org init` as a user runs it, against a sandbox: the wall time (process included) and its output.
import { spawnSync } from "node:child_process";
import type { Sandbox } from "../sandbox/sandbox.js";
import { PROJECT_ROOT } from "../sandbox/synthesize.js";

export function runInit(sandbox: Sandbox, out: string): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["cli/aws-org.mjs", "init", "--out", out], {
    cwd: PROJECT_ROOT,
    env: { ...sandbox.tofu.env, NODE_EXTRA_CA_CERTS: sandbox.tofu.env.AWS_CA_BUNDLE },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return { seconds: (performance.now() - started) / 1000, stdout: result.stdout };
}
