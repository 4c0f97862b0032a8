// Every way a plan can weaken the organization is blocked unless allowed; harmless changes pass.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dangerousChanges } from "../../guard/dangerous-changes.js";
import { ALLOW_LABEL, evaluateGuard } from "../../guard/evaluate-guard.js";
import type { PlanAction, ResourceChange } from "../../plan/plan-json.js";
import { stackPlan } from "../../plan/stack-plan.js";

function change(type: string, actions: PlanAction[], before: Record<string, unknown> | null = {}, after: Record<string, unknown> | null = {}, extra: Partial<ResourceChange> = {}): ResourceChange {
  const name = "x";
  return { address: `${type}.${name}`, type, name, change: { actions, before, after }, ...extra };
}

const dangers = (...changes: ResourceChange[]) => dangerousChanges(stackPlan({ name: "organization", plan: { resource_changes: changes } }));
const blocked = (...changes: ResourceChange[]) => !evaluateGuard(dangers(...changes), { labels: [], allowedAddresses: [] }).allowed;

describe("the guard", () => {
  it.each([
    ["a policy deleted", change("aws_organizations_policy", ["delete"])],
    ["a policy detached", change("aws_organizations_policy_attachment", ["delete"])],
    ["a delegated administrator removed", change("aws_organizations_delegated_administrator", ["delete"])],
    ["a resource policy type not known today", change("aws_organizations_resource_policy", ["delete"])],
    ["an awscc policy deleted", change("awscc_organizations_policy", ["delete"])],
    ["a policy replaced", change("aws_organizations_policy", ["delete", "create"])],
    ["a policy forgotten", change("aws_organizations_policy", ["forget"])],
    ["the state bucket destroyed", change("aws_s3_bucket", ["delete"])],
    ["the state bucket's public access block removed", change("aws_s3_bucket_public_access_block", ["delete"])],
    ["the lock table replaced", change("aws_dynamodb_table", ["delete", "create"])],
  ])("blocks %s", (_, planned) => {
    expect(blocked(planned)).toBe(true);
  });

  it("blocks removing an enabled policy type or a trusted service principal, and says which", () => {
    const org = change(
      "aws_organizations_organization",
      ["update"],
      { enabled_policy_types: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], aws_service_access_principals: ["sso.amazonaws.com", "config.amazonaws.com"] },
      { enabled_policy_types: ["SERVICE_CONTROL_POLICY"], aws_service_access_principals: ["sso.amazonaws.com"] },
    );
    expect(dangers(org).map((d) => [d.category, d.reason])).toEqual([
      ["weaken", "removes the policy type TAG_POLICY"],
      ["weaken", "removes the trusted service principal config.amazonaws.com"],
    ]);
  });

  it("lets an organization gain policy types and principals", () => {
    const org = change("aws_organizations_organization", ["update"], { enabled_policy_types: [] }, { enabled_policy_types: ["SERVICE_CONTROL_POLICY"] });
    expect(blocked(org)).toBe(false);
  });

  it("blocks turning close_on_deletion on for an existing account, not turning it off", () => {
    const on = change("aws_organizations_account", ["update"], { close_on_deletion: false }, { close_on_deletion: true });
    expect(dangers(on)).toEqual([expect.objectContaining({ category: "weaken", reason: expect.stringContaining("close_on_deletion") })]);
    expect(blocked(change("aws_organizations_account", ["update"], { close_on_deletion: true }, { close_on_deletion: false }))).toBe(false);
  });

  it("lets harmless changes through: additions, updates, other services", () => {
    expect(blocked(change("aws_organizations_policy", ["create"], null), change("aws_organizations_policy", ["update"]), change("aws_iam_user", ["delete"]))).toBe(false);
  });

  it("allows a blocked change by label or by address", () => {
    const detach = change("aws_organizations_policy_attachment", ["delete"]);
    expect(evaluateGuard(dangers(detach), { labels: [ALLOW_LABEL], allowedAddresses: [] }).allowed).toBe(true);
    expect(evaluateGuard(dangers(detach), { labels: [], allowedAddresses: [detach.address], allowFile: "allow.json" }).explanation).toContain("allowed by `allow.json`");
  });

  it("fails closed on a plan file it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "unreadable-plan-"));
    writeFileSync(join(dir, "tfplan.json"), '{"resource_changes": [');
    const result = spawnSync(process.execPath, ["cli/aws-org.mjs", "guard", "--stack", `organization=${dir}`], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "tfplan.json")} is not valid JSON`);
  });
});
