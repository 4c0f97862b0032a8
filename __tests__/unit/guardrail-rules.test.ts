// The guard's guardrail rules: an action a rule says may never be denied, newly denied (outright or
// under a condition) in the OUs it names, blocks the plan; the label or the allow file allows it on
// purpose; a guardrail change whose impact is unknown is blocked, never waved through.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GuardrailImpact, ImpactGroup } from "../../guardrail-impact/compute-impact.js";
import { ALLOW_LABEL } from "../../guard/evaluate-guard.js";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import { readRulesFile } from "../../guard/guardrail-rules.js";
import type { PlanJson } from "../../plan/plan-json.js";
import { stackPlan } from "../../plan/stack-plan.js";

const dir = mkdtempSync(join(tmpdir(), "guardrail-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

const RULES = file("rules.json", {
  rules: [
    { name: "AssumeRoleInProduction", neverDeny: ["sts:AssumeRole*"], organizationalUnits: ["Production"], reason: "deployments assume roles" },
    { name: "NeverDenyBilling", neverDeny: ["aws-portal:ViewBilling"] },
  ],
});
const NO_ALLOWS = file("allow.json", { addresses: [] });

/** A plan that edits a guardrail policy: what makes the rules apply. */
const POLICY_EDIT: PlanJson = {
  resource_changes: [
    {
      address: 'aws_organizations_policy.policies["P"]',
      type: "aws_organizations_policy",
      name: "policies",
      index: "P",
      change: { actions: ["update"], before: { type: "SERVICE_CONTROL_POLICY", content: "{}" }, after: { type: "SERVICE_CONTROL_POLICY", content: "{}" } },
    },
  ],
};

const group = (ous: string[], change: Partial<ImpactGroup>): ImpactGroup => ({
  policyType: "SERVICE_CONTROL_POLICY",
  accounts: ous.map((_, i) => `acct-${i}`),
  organizationalUnits: ous,
  newAccounts: 0,
  newlyDenied: [],
  newlyAllowed: [],
  conditionallyDenied: [],
  ...change,
});
const withImpact = (groups: ImpactGroup[] | undefined) => {
  const impact: GuardrailImpact | undefined = groups ? { groups, unknownActions: [], unreadablePolicies: [], catalogue: "test" } : undefined;
  return stackPlan({ name: "organization", plan: POLICY_EDIT, ...(impact ? { impact } : {}) });
};

describe("guardrail rules", () => {
  it("blocks an action newly denied in an OU the rule names, below it, or by the OU's name deeper in the tree; not elsewhere", () => {
    const decision = guardForStacks(
      [withImpact([group(["Workloads/Production/Web"], { newlyDenied: ["sts:AssumeRole", "s3:DeleteBucket"] }), group(["Sandbox"], { newlyDenied: ["sts:AssumeRole"] })])],
      { allowFile: NO_ALLOWS, rulesFile: RULES },
    );
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous).toEqual([
      { stack: "organization", address: "guardrail-rule:AssumeRoleInProduction", category: "rule", reason: "newly denies sts:AssumeRole in 1 account in Workloads/Production/Web: deployments assume roles", allowedBy: undefined },
    ]);
    expect(decision.explanation).toMatch(/^Blocked: 1 break of a guardrail rule\. To allow on purpose/);
  });

  it("counts a conditional deny, named with its condition; a rule with no OUs covers every member account", () => {
    const decision = guardForStacks(
      [
        withImpact([
          group(["/", "Sandbox"], {
            conditionallyDenied: [{ action: "aws-portal:ViewBilling", conditionKeys: ["aws:RequestedRegion"], when: ["when aws:RequestedRegion is not us-east-1"], previously: "allowed" }],
          }),
        ]),
      ],
      { allowFile: NO_ALLOWS, rulesFile: RULES },
    );
    expect(decision.dangerous.map((d) => d.reason)).toEqual(["newly denies aws-portal:ViewBilling (when aws:RequestedRegion is not us-east-1) in 2 accounts in the root, Sandbox"]);
  });

  it("an action no longer denied breaks no rule", () => {
    expect(guardForStacks([withImpact([group(["Production"], { newlyAllowed: ["sts:AssumeRole"] })])], { allowFile: NO_ALLOWS, rulesFile: RULES }).allowed).toBe(true);
  });

  it("is allowed on purpose by the label or by the rule's address in the allow file", () => {
    const stacks = [withImpact([group(["Production"], { newlyDenied: ["sts:AssumeRoleWithWebIdentity"] })])];
    expect(guardForStacks(stacks, { allowFile: NO_ALLOWS, rulesFile: RULES }).allowed).toBe(false);
    expect(guardForStacks(stacks, { labels: [ALLOW_LABEL], allowFile: NO_ALLOWS, rulesFile: RULES }).allowed).toBe(true);
    const allowed = guardForStacks(stacks, { allowFile: file("allow-rule.json", { addresses: ["guardrail-rule:AssumeRoleInProduction"] }), rulesFile: RULES });
    expect(allowed.allowed).toBe(true);
    expect(allowed.dangerous[0]!.allowedBy).toBe("allow file");
  });

  it("fails closed: a guardrail change whose impact was not computed is blocked under every rule", () => {
    const decision = guardForStacks([withImpact(undefined)], { allowFile: NO_ALLOWS, rulesFile: RULES });
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous.map((d) => [d.address, d.reason])).toEqual([
      ["guardrail-rule:AssumeRoleInProduction", "the plan changes guardrails but their impact was not computed, so this rule cannot be checked"],
      ["guardrail-rule:NeverDenyBilling", "the plan changes guardrails but their impact was not computed, so this rule cannot be checked"],
    ]);
    // A plan with no guardrail in it has nothing to judge.
    expect(guardForStacks([stackPlan({ name: "organization", plan: { resource_changes: [] } })], { allowFile: NO_ALLOWS, rulesFile: RULES }).allowed).toBe(true);
  });

  it("fails closed when a policy document on either side cannot be read: what it denies is unknown", () => {
    const stack = stackPlan({ name: "organization", plan: POLICY_EDIT, impact: { groups: [], unknownActions: [], unreadablePolicies: ["Legacy"], catalogue: "test" } });
    const decision = guardForStacks([stack], { allowFile: NO_ALLOWS, rulesFile: RULES });
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous[0]!.reason).toBe("the document of Legacy cannot be read as JSON, so what it denies is unknown and this rule cannot be checked");
  });

  it("reads the rules strictly: a bad file is an error naming the field, never 'no rules'; a missing file has none", () => {
    expect(() => readRulesFile(file("bad.json", { rules: [{ name: "x", neverDeny: ["AssumeRole"] }] }))).toThrow(/bad\.json: rules\[0\]\.neverDeny\[0\]: an IAM action as service:Action/);
    expect(() => readRulesFile(file("typo.json", { rule: [] }))).toThrow(/typo\.json: .*rule/);
    expect(() => readRulesFile(file("dupe.json", { rules: [{ name: "a", neverDeny: ["sts:*"] }, { name: "a", neverDeny: ["iam:*"] }] }))).toThrow(/unique/);
    expect(() => readRulesFile(file("notjson.json", "{"))).toThrow(/not valid JSON/);
    expect(readRulesFile(join(dir, "absent.json"))).toEqual([]);
    // The shipped rules file reads.
    expect(readRulesFile("config/guardrail-rules.json").map((r) => r.name)).toEqual(["KeepOrganizationAccessRole"]);
  });
});
