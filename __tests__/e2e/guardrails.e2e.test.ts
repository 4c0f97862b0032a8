// Guardrails against moto with real tofu and the real provider: SCPs, an RCP and a tag policy on
// the root, an OU and an account; a delegated administrator; a changed document; a moved
// attachment (which the guard blocks, stating its reach); a policy adopted by id. Steps build on
// each other, in order. Rules AWS enforces and moto does not (duplicate attachments, a type that
// is not enabled, non-JSON content) are proven by the validation unit tests instead.
import {
  CreatePolicyCommand,
  DescribePolicyCommand,
  ListDelegatedAdministratorsCommand,
  ListPoliciesForTargetCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import { readPlannedStack } from "../../plan/read-stack-plan.js";
import { planGuardrailImpact } from "../../plan/guardrail-impact-report.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, liveAccounts, liveOus, organizationsClient, rootId } from "./helpers.js";

let sandbox: Sandbox;
let organizations: OrganizationsClient;
/** The shipped config as the sandbox runs it, without accounts: each step's config is made from it. */
let base: OrganizationConfigInput;
let config: OrganizationConfigInput;

const denyLeave = JSON.parse(readFileSync("config/policies/deny-leaving-organization.json", "utf8")) as Record<string, unknown>;
/** Policy variables must reach AWS as written, never evaluated by tofu. */
const ownKeysOnly = {
  Version: "2012-10-17",
  Statement: [{ Sid: "OwnAccessKeysOnly", Effect: "Deny", Action: "iam:*AccessKey*", NotResource: "arn:aws:iam::*:user/${aws:username}" }],
};
const httpsOnly = {
  Version: "2012-10-17",
  Statement: [{ Sid: "HttpsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
};
const costCenterTag = { tags: { CostCenter: { tag_key: { "@@assign": "CostCenter" } } } };

function guardrailConfig(base: OrganizationConfigInput, policies: OrganizationConfigInput["policies"]): OrganizationConfigInput {
  return {
    ...base,
    organization: {
      ...base.organization,
      enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"],
      awsServiceAccessPrincipals: [...(base.organization?.awsServiceAccessPrincipals ?? []), "guardduty.amazonaws.com"],
    },
    organizationalUnits: [{ name: "Workloads" }, { name: "Sandbox" }],
    accounts: [
      { name: "app", organizationalUnit: "Workloads" },
      { name: "sandbox-1", organizationalUnit: "Sandbox" },
      { name: "security" },
    ],
    policies,
    delegatedAdministrators: { security: ["guardduty.amazonaws.com"] },
  };
}

const POLICIES: NonNullable<OrganizationConfigInput["policies"]> = [
  { name: "DenyLeavingOrganization", content: denyLeave, targets: { root: true } },
  { name: "OwnAccessKeysOnly", description: "Users manage only ${aws:username}'s keys", content: ownKeysOnly, targets: { organizationalUnits: ["Workloads"] } },
  { name: "HttpsOnly", type: "RESOURCE_CONTROL_POLICY", content: httpsOnly, targets: { root: true } },
  { name: "CostCenterTag", type: "TAG_POLICY", content: costCenterTag, targets: { accounts: ["app"] } },
];

async function prepare(name: string, cfg: OrganizationConfigInput): Promise<string> {
  const dir = sandbox.stackDir(await sandbox.synth(name, cfg), "organization");
  await sandbox.init(dir);
  return dir;
}

async function policyIdByName(name: string): Promise<string> {
  for (const type of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"] as const) {
    const root = await rootId(organizations);
    const found = (await organizations.send(new ListPoliciesForTargetCommand({ TargetId: root, Filter: type }))).Policies ?? [];
    const match = found.find((p) => p.Name === name);
    if (match) return match.Id!;
  }
  // Not on the root: find it through one of its targets' listings.
  const accounts = await liveAccounts(organizations);
  const ous = await liveOus(organizations, await rootId(organizations));
  for (const target of [...Object.values(ous), ...accounts.map((a) => a.id)]) {
    for (const type of ["SERVICE_CONTROL_POLICY", "TAG_POLICY"] as const) {
      const match = ((await organizations.send(new ListPoliciesForTargetCommand({ TargetId: target, Filter: type }))).Policies ?? []).find((p) => p.Name === name);
      if (match) return match.Id!;
    }
  }
  throw new Error(`no attached policy named ${name}`);
}

async function policiesOn(target: string, type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY" | "TAG_POLICY"): Promise<string[]> {
  return ((await organizations.send(new ListPoliciesForTargetCommand({ TargetId: target, Filter: type }))).Policies ?? []).map((p) => p.Name!).sort();
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  organizations = organizationsClient(sandbox);
  base = await defaultSandboxConfig(sandbox, { edit: (c) => ({ ...c, accounts: [] }) });
  config = guardrailConfig(base, POLICIES);
  await bootstrapStateBackend(sandbox, config);
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  organizations?.destroy();
  await sandbox?.stop();
});

describe("guardrails from nothing", () => {
  let dir: string;

  it("plans every policy, attachment and the delegated administrator", async () => {
    dir = await prepare("guardrails", config);
    const plan = await sandbox.plan(dir);
    const created = addressesByAction(plan.json).create ?? [];
    expect(created.filter((a) => /^aws_organizations_(policy|delegated)/.test(a))).toEqual([
      'aws_organizations_delegated_administrator.delegated["security/guardduty.amazonaws.com"]',
      'aws_organizations_policy.policies["CostCenterTag"]',
      'aws_organizations_policy.policies["DenyLeavingOrganization"]',
      'aws_organizations_policy.policies["HttpsOnly"]',
      'aws_organizations_policy.policies["OwnAccessKeysOnly"]',
      'aws_organizations_policy_attachment.attachments["CostCenterTag/account:app"]',
      'aws_organizations_policy_attachment.attachments["DenyLeavingOrganization/root"]',
      'aws_organizations_policy_attachment.attachments["HttpsOnly/root"]',
      'aws_organizations_policy_attachment.attachments["OwnAccessKeysOnly/ou:Workloads"]',
    ]);
  });

  it("applies: AWS has each policy on its targets, the documents as written, and the delegated administrator", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    const root = await rootId(organizations);
    const ous = await liveOus(organizations, root);
    const accounts = Object.fromEntries((await liveAccounts(organizations)).map((a) => [a.name, a.id]));
    // AWS's own FullAWSAccess and RCPFullAWSAccess stay attached next to the config's.
    expect(await policiesOn(root, "SERVICE_CONTROL_POLICY")).toEqual(["DenyLeavingOrganization", "FullAWSAccess"]);
    expect(await policiesOn(root, "RESOURCE_CONTROL_POLICY")).toEqual(["HttpsOnly", "RCPFullAWSAccess"]);
    expect(await policiesOn(ous.Workloads!, "SERVICE_CONTROL_POLICY")).toEqual(["FullAWSAccess", "OwnAccessKeysOnly"]);
    expect(await policiesOn(accounts.app!, "TAG_POLICY")).toEqual(["CostCenterTag"]);

    const described = await organizations.send(new DescribePolicyCommand({ PolicyId: await policyIdByName("OwnAccessKeysOnly") }));
    expect(JSON.parse(described.Policy!.Content!)).toEqual(ownKeysOnly);
    expect(described.Policy!.Content).toContain("user/${aws:username}");
    expect(described.Policy!.PolicySummary!.Description).toBe("Users manage only ${aws:username}'s keys");

    const admins = (await organizations.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "guardduty.amazonaws.com" }))).DelegatedAdministrators ?? [];
    expect(admins.map((a) => a.Id)).toEqual([accounts.security]);
  });

  it("has nothing left to do on the next plan", async () => {
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });
});

describe("changing guardrails", () => {
  it("updates a policy's document in place, shown as a diff of its statements", async () => {
    const extended = { ...denyLeave, Statement: [...(denyLeave.Statement as object[]), { Sid: "DenyClosingAccounts", Effect: "Deny", Action: "account:CloseAccount", Resource: "*" }] };
    config = guardrailConfig(base, POLICIES.map((p) => (p.name === "DenyLeavingOrganization" ? { ...p, content: extended } : p)));
    const dir = await prepare("changed-document", config);
    // Planned as CI plans it: aws-org plan writes the impact beside the plan.
    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`, "--config", join(sandbox.workDir, "changed-document.config.json")]);
    expect(planned.status, planned.stderr).toBe(2);
    expect(planned.stdout).toContain("organization: guardrail impact: 1 action newly denied in 3 accounts");

    const stack = await readPlannedStack("organization", dir);
    expect(addressesByAction(stack.plan!)).toEqual({ update: ['aws_organizations_policy.policies["DenyLeavingOrganization"]'] });
    expect(stack.impact?.groups).toEqual([
      { policyType: "SERVICE_CONTROL_POLICY", accounts: ["app", "sandbox-1", "security"], organizationalUnits: ["/", "Sandbox", "Workloads"], newAccounts: 0, newlyDenied: ["account:CloseAccount"], newlyAllowed: [], conditionallyDenied: [] },
    ]);
    const comment = renderPlanComment([stack], { guard: guardForStacks([stack]) });
    expect(comment).toContain("- 🛡 `DenyLeavingOrganization` (SERVICE_CONTROL_POLICY): document changed; attached to Root");
    expect(comment).toContain("**What the guardrails change:** 1 action newly denied in 3 accounts");
    expect(comment).toContain("- **Root, Sandbox, Workloads (3 accounts)**: 1 action newly denied: account: CloseAccount");
    expect(comment).toMatch(/```diff\n[\s\S]*\+ {6}"Action": "account:CloseAccount",\n[\s\S]*\+ {6}"Sid": "DenyClosingAccounts"/);
    expect(guardForStacks([stack]).allowed).toBe(true);

    await sandbox.apply(dir, ["tfplan"]);
    const described = await organizations.send(new DescribePolicyCommand({ PolicyId: await policyIdByName("DenyLeavingOrganization") }));
    expect(JSON.parse(described.Policy!.Content!)).toEqual(extended);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("moves an attachment: the detach is blocked by the guard, with how many accounts lose the guardrail", async () => {
    config = guardrailConfig(base, (config.policies ?? []).map((p) => (p.name === "OwnAccessKeysOnly" ? { ...p, targets: { organizationalUnits: ["Sandbox"] } } : p)));
    const dir = await prepare("moved-attachment", config);
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({
      create: ['aws_organizations_policy_attachment.attachments["OwnAccessKeysOnly/ou:Sandbox"]'],
      delete: ['aws_organizations_policy_attachment.attachments["OwnAccessKeysOnly/ou:Workloads"]'],
    });
    const stack = await readPlannedStack("organization", dir);
    // What the move does, account by account: sandbox-1 gains the keys guardrail, app loses it.
    const impact = await planGuardrailImpact(stack.plan!, stack.synthesized);
    const [gained, lost] = ["sandbox-1", "app"].map((account) => impact!.groups.find((g) => g.accounts.includes(account))!);
    expect(gained!.accounts).toEqual(["sandbox-1"]);
    expect(gained!.conditionallyDenied.map((d) => d.action)).toEqual(expect.arrayContaining(["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:UpdateAccessKey"]));
    expect(new Set(gained!.conditionallyDenied.flatMap((d) => d.when))).toEqual(new Set(["except on arn:aws:iam::*:user/${aws:username}"]));
    expect(lost!.accounts).toEqual(["app"]);
    expect(lost!.newlyAllowed).toEqual(gained!.conditionallyDenied.map((d) => d.action));
    expect(impact!.groups).toHaveLength(2);
    const decision = guardForStacks([stack]);
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous).toEqual([
      expect.objectContaining({
        address: 'aws_organizations_policy_attachment.attachments["OwnAccessKeysOnly/ou:Workloads"]',
        category: "destroy",
        reason: "detaches OwnAccessKeysOnly from OU Workloads: 1 account loses this guardrail; its key is no longer in the config (removed from the for_each map)",
      }),
    ]);
    const comment = renderPlanComment([stack], { guard: decision });
    expect(comment).toContain("attachments change; attached to OU Sandbox (new), ~~OU Workloads~~ (detached)");
    // The diagram marks each policy on its target.
    expect(comment).toMatch(/root\(\["Root · 🛡 DenyLeavingOrganization, HttpsOnly"\]\)/);
    expect(comment).toMatch(/\["📁 Sandbox · 🛡 OwnAccessKeysOnly"\]/);

    await sandbox.apply(dir, ["tfplan"]);
    const ous = await liveOus(organizations, await rootId(organizations));
    expect(await policiesOn(ous.Sandbox!, "SERVICE_CONTROL_POLICY")).toEqual(["FullAWSAccess", "OwnAccessKeysOnly"]);
    expect(await policiesOn(ous.Workloads!, "SERVICE_CONTROL_POLICY")).toEqual(["FullAWSAccess"]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("states the reach of a detach from an OU with accounts", async () => {
    const dropped = guardrailConfig(base, (config.policies ?? []).map((p) => (p.name === "OwnAccessKeysOnly" ? { ...p, targets: {} } : p)));
    const dir = await prepare("detached", dropped);
    await sandbox.plan(dir);
    const decision = guardForStacks([await readPlannedStack("organization", dir)]);
    expect(decision.dangerous.map((d) => d.reason)).toEqual([expect.stringMatching(/^detaches OwnAccessKeysOnly from OU Sandbox: 1 account loses this guardrail/)]);
  });

  it("adopts a policy that exists in AWS by its id: imported, nothing created or changed", async () => {
    const content = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "ec2:*", Resource: "*" }] };
    const created = await organizations.send(
      new CreatePolicyCommand({ Name: "MadeInTheConsole", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: JSON.stringify(content), Tags: [{ Key: "ManagedBy", Value: "OpenTofu" }] }),
    );
    const id = created.Policy!.PolicySummary!.Id!;
    config = guardrailConfig(base, [...(config.policies ?? []), { name: "MadeInTheConsole", content, id }]);
    const dir = await prepare("adopted-policy", config);
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({ import: ['aws_organizations_policy.policies["MadeInTheConsole"]'] });
    await sandbox.apply(dir, ["tfplan"]);
    expect((await sandbox.tofu.run(dir, ["state", "show", "-no-color", 'aws_organizations_policy.policies["MadeInTheConsole"]'])).stdout).toContain(id);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
    const targets = (await organizations.send(new ListTargetsForPolicyCommand({ PolicyId: id }))).Targets ?? [];
    expect(targets).toEqual([]);
  });
});
