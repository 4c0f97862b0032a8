// `aws-org impact`: which actions a guardrail change denies, in which accounts, offline, before a
// pull request exists. Compares two configs: by default the config where HEAD left origin/main
// (git merge-base) against the working tree's.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { configFilePath, loadOrganization } from "../config-language/load.js";
import { ConfigError } from "../config-language/errors.js";
import { guardrailImpact, type GuardrailImpact } from "../guardrail-impact/compute-impact.js";
import { groupLabel, groupLines, impactInOneLine, policyTypeInWords, type WordLimits } from "../guardrail-impact/impact-in-words.js";
import { guardrailStateFromConfig } from "../guardrail-impact/state-from-config.js";
import { configAtRevision, mergeBase, type ConfigAtRevision } from "./config-at-revision.js";

// A line a terminal can show; --json has every action.
const TERMINAL_LIMITS: WordLimits = { services: 3, actionsPerService: 3 };

export function impactText(impact: GuardrailImpact): string {
  const lines = [`Guardrail impact: ${impactInOneLine(impact)}`];
  for (const group of impact.groups) {
    const named = group.accounts.length > 1 ? `: ${group.accounts.slice(0, 10).join(", ")}${group.accounts.length > 10 ? `, … (${group.accounts.length})` : ""}` : "";
    lines.push("", `${group.policyType === "SERVICE_CONTROL_POLICY" ? "SCP" : "RCP"}  ${groupLabel(group)}${named}`);
    for (const line of groupLines(group, TERMINAL_LIMITS)) lines.push(`  ${line}`);
  }
  for (const unknown of impact.unknownActions) lines.push("", `warning: ${unknown.pattern} in policy ${unknown.policy} matches no action in IAM's catalogue: it denies nothing`);
  const types = [...new Set(impact.groups.map((g) => policyTypeInWords(g.policyType)))];
  lines.push(
    "",
    `Expanded against ${impact.catalogue}${types.length > 0 ? `; ${types.join(" and ")}` : ""}. The management account is never restricted by SCPs or RCPs, and SCPs do not restrict service-linked roles. --json lists every action.`,
  );
  return `${lines.join("\n")}\n`;
}

export function registerImpactCommand(program: Command): void {
  program
    .command("impact")
    .description("which actions a guardrail change newly denies or allows, in which accounts (offline: two configs)")
    .option("--before <config>", "the config before the change (default: the config at git merge-base HEAD <base>)")
    .option("--after <config>", "the config after the change (default: ORG_CONFIG, context orgConfig, config/organization.ts in the working tree)")
    .option("--base <revision>", "the branch the change goes to, for the default --before", "origin/main")
    .option("--json", "print the impact as JSON: every action, per group of accounts")
    .action(async (options: { before?: string; after?: string; base: string; json?: boolean }) => {
      const afterFile = options.after ?? configFilePath();
      let revision: ConfigAtRevision | undefined;
      try {
        if (!options.before) {
          const base = mergeBase(process.cwd(), options.base);
          revision = configAtRevision(process.cwd(), base, afterFile);
          if (!existsSync(revision.file)) throw new Error(`${afterFile} did not exist at ${base.slice(0, 12)} (the merge base with ${options.base}): pass --before <config file>`);
        }
        const loaded = await Promise.allSettled([loadOrganization(options.before ?? revision!.file), loadOrganization(afterFile)]);
        const failed = loaded.flatMap((result, i) => (result.status === "rejected" ? [{ side: i === 0 ? (revision ? `before (${afterFile} at ${options.base}'s merge base)` : "before") : "after", error: result.reason as unknown }] : []));
        if (failed.length > 0) {
          // Both configs' problems at once; the temporary copy is removed on the way out.
          for (const { side, error } of failed) {
            if (!(error instanceof ConfigError)) throw error;
            process.stderr.write(`${side}: ${revision ? error.message.replaceAll(revision.root, "") : error.message}\n`);
          }
          process.exitCode = 1;
          return;
        }
        const [before, after] = loaded.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof loadOrganization>>>).value) as [Awaited<ReturnType<typeof loadOrganization>>, Awaited<ReturnType<typeof loadOrganization>>];
        const impact = await guardrailImpact(guardrailStateFromConfig(before.model), guardrailStateFromConfig(after.model));
        process.stdout.write(options.json ? `${JSON.stringify(impact, null, 2)}\n` : impactText(impact));
      } catch (error) {
        process.stderr.write(`aws-org impact: ${(error as Error).message}\n`);
        process.exitCode = 1;
      } finally {
        revision?.remove();
      }
    });
}
