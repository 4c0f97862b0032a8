// Options several commands share: the stacks to work on, and the pull request's labels.
// With no --stack, the stacks are the ones cdktf synthesized (cdktf.out/manifest.json): a command
// never succeeds on "nothing" just because it was given nothing.
import { Option, type Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readPlannedStack } from "../plan/read-stack-plan.js";
import type { StackPlan } from "../plan/stack-plan.js";

/** Commander's way to accept an option more than once. */
export const collect = (value: string, previous: string[]) => [...previous, value];

export const DEFAULT_SYNTH_DIR = "cdktf.out";

export interface StackSelection {
  stack: string[];
  synthDir: string;
}

/** --stack name=dir (repeatable), else every stack in --synth-dir's manifest. */
export const addStackOption = (command: Command): Command =>
  command
    .option("-s, --stack <name=dir>", "a stack directory (repeatable), e.g. organization=cdktf.out/stacks/organization; default: every synthesized stack", collect, [])
    .option("--synth-dir <dir>", "where cdktf synth wrote its output (manifest.json)", DEFAULT_SYNTH_DIR);

/** --stack, plus what the guard reads: the pull request's labels, the allow file and the guardrail rules. */
export function addStackOptions(command: Command): Command {
  return addStackOption(command)
    .addOption(new Option("--labels <names>", "the pull request's labels, comma-separated").env("PR_LABELS"))
    .option("--allow-file <file>", "addresses allowed to be destroyed, replaced or forgotten", "config/allowed-destructive-changes.json")
    .option("--rules-file <file>", "guardrail rules: actions no change may newly deny, and where", "config/guardrail-rules.json");
}

interface SynthManifest {
  stacks?: Record<string, { workingDirectory?: string }>;
}

/** The stacks named by --stack, or else those in the synthesized manifest; throws when there are none. */
export function selectedStacks(options: StackSelection): { name: string; dir: string }[] {
  if (options.stack.length > 0) return options.stack.map(parseStackOption);
  const manifestFile = join(options.synthDir, "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new Error(`no --stack given and nothing synthesized: ${manifestFile} does not exist. Run \`npm run synth\` first, or name stacks with --stack name=dir`);
  }
  let manifest: SynthManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as SynthManifest;
  } catch (error) {
    throw new Error(`${manifestFile} is not valid JSON (${(error as Error).message}): run \`npm run synth\` again`);
  }
  const stacks = Object.entries(manifest.stacks ?? {}).map(([name, stack]) => ({ name, dir: join(options.synthDir, stack.workingDirectory ?? join("stacks", name)) }));
  if (stacks.length === 0) throw new Error(`${manifestFile} lists no stacks: run \`npm run synth\` again`);
  return stacks;
}

/** "--stack organization=cdktf.out/stacks/organization" -> { name, dir }; a bare dir names itself. */
export function parseStackOption(value: string): { name: string; dir: string } {
  const at = value.indexOf("=");
  if (at > 0) return { name: value.slice(0, at), dir: value.slice(at + 1) };
  return { name: value.split("/").filter(Boolean).pop() ?? value, dir: value };
}

/** The planned stacks, each with its guardrail impact computed from its own plan (what the comment shows and the guard's rules judge). */
export const readStacks = (options: StackSelection): Promise<StackPlan[]> =>
  Promise.all(selectedStacks(options).map(({ name, dir }) => readPlannedStack(name, dir)));
