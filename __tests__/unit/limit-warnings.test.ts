// AWS's limits as warnings: the config's organization-wide counts, the account quota, the apply
// job's time, and the stack's plan timeout; each names what it is about, the figure and the way out.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfigFile } from "../../config-language/read-config-file.js";
import { validateConfig } from "../../config-language/validate.js";
import type { OrganizationModel, PolicyModel } from "../../config-language/model.js";
import { accountQuotaWarning, applyTimeWarning, configLimitWarnings } from "../../limits/limit-warnings.js";
import { synthLimitWarnings } from "../../limits/synth-limit-warnings.js";
import { applyTimeoutMinutes, estimatedApplyMinutes } from "../../limits/apply-time.js";
import { planAccountCounts, planLimitWarnings } from "../../plan/limit-warnings-report.js";
import type { PlanJson } from "../../plan/plan-json.js";
import { managedInstances, planTimeoutMs, PLAN_MS_PER_INSTANCE } from "../../tofu/plan-timeout.js";
import { DEFAULT_TOFU_TIMEOUT_MS } from "../../tofu/tofu-runner.js";

const shipped = validateConfig(await readConfigFile("config/organization.ts"), "(config/organization.ts)");

const withUnits = (model: OrganizationModel, n: number): OrganizationModel => ({
  ...model,
  organizationalUnits: Array.from({ length: n }, (_, i) => ({ key: `ou-${i}`, name: `ou-${i}`, parentKey: null, depth: 1, tags: {} })),
});
const policy = (name: string, type: PolicyModel["type"]): PolicyModel => ({ name, type, description: "", content: {}, targets: [], tags: {} });

describe("the config's organization-wide counts", () => {
  it("says nothing about the shipped config", () => {
    expect(configLimitWarnings(shipped)).toEqual([]);
    expect(synthLimitWarnings(shipped)).toEqual([]);
  });

  it("warns past 2,000 OUs, not at 2,000", () => {
    expect(configLimitWarnings(withUnits(shipped, 2_000))).toEqual([]);
    expect(configLimitWarnings(withUnits(shipped, 2_001))).toEqual([{ subject: "organizationalUnits", message: expect.stringContaining("2,001 OUs: AWS allows 2,000 in an organization") }]);
  });

  it("counts policies per type: 1,001 tag policies warn, 1,001 SCPs do not (AWS allows 10,000)", () => {
    const tags = Array.from({ length: 1_001 }, (_, i) => policy(`t${i}`, "TAG_POLICY"));
    const scps = Array.from({ length: 1_001 }, (_, i) => policy(`s${i}`, "SERVICE_CONTROL_POLICY"));
    expect(configLimitWarnings({ ...shipped, policies: [...tags, ...scps] })).toEqual([
      { subject: "policies (tag policy)", message: expect.stringContaining("1,001 policies of type tag policy: AWS allows 1,000 of each policy type") },
    ]);
  });

  it("warns when a service with one delegated administrator is given two, and names them", () => {
    const model = {
      ...shipped,
      delegatedAdministrators: [
        { account: "a", servicePrincipal: "guardduty.amazonaws.com" },
        { account: "b", servicePrincipal: "guardduty.amazonaws.com" },
        { account: "a", servicePrincipal: "config.amazonaws.com" },
        { account: "b", servicePrincipal: "config.amazonaws.com" },
      ],
    };
    expect(configLimitWarnings(model)).toEqual([{ subject: "delegatedAdministrators", message: expect.stringMatching(/^guardduty\.amazonaws\.com has 2 delegated administrators \(a, b\): the service documents one per organization/) }]);
  });
});

describe("the account quota", () => {
  it("warns only past the quota, with how many creations fail and how to raise it", () => {
    const quota = { value: 10, source: "service-quotas" as const };
    expect(accountQuotaWarning({ after: 10, created: 9, now: 1 }, quota)).toBeUndefined();
    const warning = accountQuotaWarning({ after: 13, created: 4, now: 9 }, quota)!;
    expect(warning.subject).toBe("accounts");
    expect(warning.message).toContain("would hold 13 accounts, the management account included; it holds 9 now");
    expect(warning.message).toContain("the organization's quota is 10 (Service Quotas): 3 of the 4 account creations in this plan fail with ACCOUNT_LIMIT_EXCEEDED");
    expect(warning.message).toContain('"Default maximum number of accounts"');
    // Already over before this plan: every creation fails; none, and the plan has nothing to fail.
    expect(accountQuotaWarning({ after: 14, created: 2, now: 12 }, quota)!.message).toContain("all 2 account creations in this plan fail with");
    expect(accountQuotaWarning({ after: 14, created: 1, now: 13 }, quota)!.message).toContain("the account creation in this plan fails with");
    expect(accountQuotaWarning({ after: 12, created: 0, now: 12 }, quota)).toBeUndefined();
  });

  it("says when the figure is AWS's default because the organization's own could not be read", () => {
    const warning = accountQuotaWarning({ after: 11, created: 10 }, { value: 10, source: "aws-default", unreadable: "AccessDeniedException: not allowed" })!;
    expect(warning.message).toContain("AWS's default quota is 10 (AccessDeniedException: not allowed; it may be higher, or lower for a new organization): 1 of the 10 account creations in this plan fails with ACCOUNT_LIMIT_EXCEEDED");
  });

  it("at synth, counts the config's accounts and the management account against AWS's default", () => {
    const accounts = Array.from({ length: 9 }, (_, i) => ({ ...shipped.accounts[0]!, name: `a${i}`, email: `a${i}@example.com` }));
    expect(synthLimitWarnings({ ...shipped, accounts })).toEqual([]);
    const over = synthLimitWarnings({ ...shipped, accounts: [...accounts, { ...accounts[0]!, name: "a9", email: "a9@example.com" }] });
    expect(over).toHaveLength(1);
    expect(over[0]!.message).toContain("would hold 11 accounts");
    expect(over[0]!.message).toContain("aws-org plan reads the organization's own from Service Quotas");
  });
});

const accountChange = (name: string, actions: string[], importing?: string) => ({
  address: `aws_organizations_account.accounts["${name}"]`,
  type: "aws_organizations_account",
  name: "accounts",
  change: { actions, before: null, after: {}, ...(importing ? { importing: { id: importing } } : {}) },
});

describe("a plan's account counts", () => {
  const plan = {
    resource_changes: [accountChange("new-1", ["create"]), accountChange("new-2", ["create"]), accountChange("adopted", ["no-op"], "123456789012"), accountChange("kept", ["no-op"])],
    prior_state: { values: { root_module: { resources: [{ type: "aws_organizations_account", values: { id: "210987654321" } }] } } },
  } as unknown as PlanJson;

  it("counts creations, not imports, on top of the live organization when it was read", () => {
    expect(planAccountCounts(plan, 7)).toEqual({ now: 7, created: 2, after: 9 });
  });

  it("without the live organization, counts the state's accounts, the imports, the creations and the management account", () => {
    expect(planAccountCounts(plan, undefined)).toEqual({ created: 2, after: 1 + 1 + 2 + 1 });
  });

  it("puts the config's warnings, the quota and the apply time in one report", () => {
    const report = planLimitWarnings({ plan, liveAccounts: 9, accountQuota: { value: 10, source: "service-quotas" }, applyTimeoutMinutes: 10, configWarnings: [{ subject: "config", message: "x" }] });
    expect(report.warnings.map((w) => w.subject)).toEqual(["config", "accounts", "accounts"]);
    expect(report.accounts).toEqual({ now: 9, created: 2, after: 11 });
  });
});

describe("the apply job's time", () => {
  it("budgets waves of 5 creations", () => {
    expect(estimatedApplyMinutes(0)).toBe(10);
    expect(estimatedApplyMinutes(5)).toBe(15);
    expect(estimatedApplyMinutes(6)).toBe(20);
  });

  it("warns when the creations do not fit the job's limit, with the variable to raise or the runner's hard limit", () => {
    expect(applyTimeWarning(100, 120)).toBeUndefined();
    expect(applyTimeWarning(200, 120)!.message).toMatch(/creates 200 accounts, 5 at a time as AWS allows: about 210 minutes, past the apply job's 120-minute limit.*Set the repository variable APPLY_TIMEOUT_MINUTES to 210 or more/);
    expect(applyTimeWarning(2_000, 120)!.message).toContain("GitHub-hosted runners stop a job after 360 minutes: split the new accounts over several pull requests");
  });

  it("reads APPLY_TIMEOUT_MINUTES, and says when it is not a number of minutes", () => {
    expect(applyTimeoutMinutes({})).toEqual({ minutes: 120 });
    expect(applyTimeoutMinutes({ APPLY_TIMEOUT_MINUTES: "300" })).toEqual({ minutes: 300 });
    expect(applyTimeoutMinutes({ APPLY_TIMEOUT_MINUTES: "1h" })).toEqual({ minutes: 120, problem: expect.stringContaining('APPLY_TIMEOUT_MINUTES is "1h"') });
  });
});

describe("the plan's time limit", () => {
  const stackDir = (json: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), "plan-timeout-"));
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
    return dir;
  };
  const stack = {
    variable: { accounts_to_create: { default: Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`a${i}`, {}])) } },
    resource: { aws_organizations_account: { accounts: { for_each: "${var.accounts_to_create}" } }, aws_organizations_organization: { org: {} } },
  };

  it("grows with the instances the stack manages", () => {
    expect(managedInstances(stack)).toBe(1_001);
    expect(planTimeoutMs(stackDir(stack), {})).toBe(DEFAULT_TOFU_TIMEOUT_MS + 1_001 * PLAN_MS_PER_INSTANCE);
  });

  it("is set outright by TOFU_PLAN_TIMEOUT_MINUTES, and refuses a value that is not minutes", () => {
    expect(planTimeoutMs(stackDir(stack), { TOFU_PLAN_TIMEOUT_MINUTES: "90" })).toBe(90 * 60_000);
    expect(() => planTimeoutMs(stackDir(stack), { TOFU_PLAN_TIMEOUT_MINUTES: "soon" })).toThrow(/TOFU_PLAN_TIMEOUT_MINUTES is "soon"/);
  });
});
