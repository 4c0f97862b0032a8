// Rules the guard holds every guardrail change to: "nothing may ever deny sts:AssumeRole in
// Production" as a check, not a hope. Read from config/guardrail-rules.json (beside the config, what
// the user edits); each rule names actions (IAM's wildcards allowed) that no change may newly deny,
// outright or under a condition, in the accounts of the OUs it names (every member account when it
// names none). A break is a dangerous change: allowed only by the label or by listing
// `guardrail-rule:<name>` in the allow file. The impact comes from the plan itself, never from a
// file the pull request could write, and a guardrail change whose impact is unknown is blocked.
import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { describeFieldIssues } from "../config-language/errors.js";
import type { ImpactGroup } from "../guardrail-impact/compute-impact.js";
import { planHasGuardrails } from "../plan/guardrail-impact-report.js";
import type { StackPlan } from "../plan/stack-plan.js";
import type { DangerousChange } from "./dangerous-changes.js";

export const DEFAULT_RULES_FILE = "config/guardrail-rules.json";

const ACTION_PATTERN = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;

const rulesFileSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "1-64 letters, digits, '.', '_' or '-'"),
            neverDeny: z.array(z.string().regex(ACTION_PATTERN, "an IAM action as service:Action, IAM's wildcards * and ? allowed")).min(1),
            organizationalUnits: z.array(z.string().min(1)).optional(),
            reason: z.string().optional(),
          })
          .strict(),
      )
      .default([])
      .refine((rules) => new Set(rules.map((r) => r.name)).size === rules.length, "rule names must be unique"),
  })
  .strict();

export type GuardrailRule = z.infer<typeof rulesFileSchema>["rules"][number];

/** The rules file's rules; a missing file has none. Any problem in it is an error, never "no rules". */
export function readRulesFile(file = DEFAULT_RULES_FILE): GuardrailRule[] {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message.split("\n")[0]})`);
  }
  const parsed = rulesFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${describeFieldIssues(parsed.error)}`);
  return parsed.data.rules;
}

/** An OU entry covers an OU path when it is that path or an ancestor, or the name of the OU or an ancestor. */
const covers = (entry: string, path: string): boolean => path === entry || path.startsWith(`${entry}/`) || path.split("/").includes(entry);

const reachedOus = (rule: GuardrailRule, group: ImpactGroup): string[] =>
  rule.organizationalUnits === undefined ? group.organizationalUnits : group.organizationalUnits.filter((ou) => ou !== "/" && rule.organizationalUnits!.some((entry) => covers(entry, ou)));

export const ruleAddress = (rule: GuardrailRule): string => `guardrail-rule:${rule.name}`;

/** Every break of a rule in one stack's plan. */
export function ruleViolations(stack: StackPlan, rules: GuardrailRule[]): DangerousChange[] {
  if (rules.length === 0 || !stack.plan || stack.error || !planHasGuardrails(stack.plan)) return [];
  if (!stack.impact) {
    return rules.map((rule) => ({ stack: stack.name, address: ruleAddress(rule), category: "rule" as const, reason: "the plan changes guardrails but their impact was not computed, so this rule cannot be checked" }));
  }
  const unreadable = stack.impact.unreadablePolicies ?? [];
  if (unreadable.length > 0) {
    const names = unreadable.join(", ");
    return rules.map((rule) => ({ stack: stack.name, address: ruleAddress(rule), category: "rule" as const, reason: `the document of ${names} cannot be read as JSON, so what it denies is unknown and this rule cannot be checked` }));
  }
  const found: DangerousChange[] = [];
  for (const rule of rules) {
    for (const group of stack.impact.groups) {
      const ous = reachedOus(rule, group);
      if (ous.length === 0) continue;
      const matches = (action: string) => rule.neverDeny.some((pattern) => actionMatchesPattern(action, pattern));
      const denied = group.newlyDenied.filter(matches);
      const conditional = group.conditionallyDenied.filter((d) => matches(d.action));
      if (denied.length + conditional.length === 0) continue;
      const where = `${group.accounts.length} account${group.accounts.length === 1 ? "" : "s"} in ${ous.map((ou) => (ou === "/" ? "the root" : ou)).join(", ")}`;
      const what = [...denied, ...conditional.map((d) => `${d.action} (${d.when.join("; or ")})`)];
      found.push({
        stack: stack.name,
        address: ruleAddress(rule),
        category: "rule",
        reason: `newly denies ${what.slice(0, 5).join(", ")}${what.length > 5 ? `, … (${what.length})` : ""} in ${where}${rule.reason ? `: ${rule.reason}` : ""}`,
      });
    }
  }
  return found;
}
