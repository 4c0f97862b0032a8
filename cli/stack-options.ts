// Options several commands share: the planned stacks, and the pull request's labels.
import { Option, type Command } from "commander";
import { parseStackOption, readStackPlan } from "../plan-comment/stack-plan-files.js";
import type { StackPlan } from "../plan-comment/render-comment.js";

/** Commander's way to accept an option more than once. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** --stack name=dir, repeatable. */
export const addStackOption = (command: Command): Command =>
  command.requiredOption("-s, --stack <name=dir>", "a stack directory (repeatable), e.g. organization=cdktf.out/stacks/organization", collect, []);

/** --stack, plus what the guard reads: the pull request's labels and the allow file. */
export function addStackOptions(command: Command): Command {
  return addStackOption(command)
    .addOption(new Option("--labels <names>", "the pull request's labels, comma-separated").env("PR_LABELS"))
    .option("--allow-file <file>", "addresses allowed to be destroyed, replaced or forgotten", "config/allowed-destructive-changes.json");
}

export const readStacks = (values: string[]): StackPlan[] => values.map(parseStackOption).map(({ name, dir }) => readStackPlan(name, dir));
