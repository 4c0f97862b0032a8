// Prints a config error for a person, once, and exits non-zero; anything else is rethrown.
// A failed synth also removes the previous synth's Terraform JSON, so no later tofu run (or
// `aws-org plan`, which reads the manifest) can pick up a config that is no longer the one on disk.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "./errors.js";

export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/** The files a synth (and the plans made from it) leave in a synth output dir; .terraform stays. */
const SYNTHESIZED_FILES = ["cdk.tf.json", "tfplan", "tfplan.json", "tfplan.txt", "plan-error.txt"];

/** Removes the synthesized stacks and manifest under `outdir`; returns what it removed. */
function removeSynthesizedOutput(outdir: string): string[] {
  const removed: string[] = [];
  const remove = (file: string) => {
    if (!existsSync(file)) return;
    rmSync(file, { force: true });
    removed.push(file);
  };
  remove(join(outdir, "manifest.json"));
  const stacksDir = join(outdir, "stacks");
  if (existsSync(stacksDir)) {
    for (const stack of readdirSync(stacksDir)) for (const file of SYNTHESIZED_FILES) remove(join(stacksDir, stack, file));
  }
  return removed;
}

/** exitOnConfigError for synth: the stale output of the previous synth goes first, and says so. */
export function exitOnSynthError(error: unknown, outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out"): never {
  if (error instanceof ConfigError) {
    const removed = removeSynthesizedOutput(outdir);
    const note = removed.length > 0 ? `\nRemoved the previous synth's Terraform JSON and plans in ${outdir} (${removed.length} files), so nothing can plan or apply a config that no longer matches.` : "";
    process.stderr.write(`${error.message}${note}\n`);
    process.exit(1);
  }
  throw error;
}
