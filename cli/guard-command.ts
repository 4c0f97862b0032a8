// `aws-org guard`: fails (exit 1) when a plan destroys, replaces or forgets an account, an OU or
// the organization without an explicit allowance.
import type { Command } from "commander";
import { guardForStacks, parseLabels } from "../guard/guard-for-stacks.js";
import { addStackOptions, readStacks, type StackSelection } from "./stack-options.js";

export function registerGuardCommand(program: Command): void {
  addStackOptions(program.command("guard").description("block destructive changes to organization resources unless allowed")).action(
    async (options: StackSelection & { labels?: string; allowFile: string; rulesFile: string }) => {
      const decision = guardForStacks(await readStacks(options), { labels: parseLabels(options.labels), allowFile: options.allowFile, rulesFile: options.rulesFile });
      for (const d of decision.dangerous) {
        process.stdout.write(`${d.allowedBy ? "allowed" : "BLOCKED"}  ${d.category}  ${d.address} (${d.stack})${d.reason ? `: ${d.reason}` : ""}\n`);
      }
      process.stdout.write(`${decision.explanation}\n`);
      process.exitCode = decision.allowed ? 0 : 1;
    },
  );
}
