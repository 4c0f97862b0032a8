// The account quota, said before the apply and met by it: against the sandbox at AWS's default quota
// of 10, a config that asks for 13 accounts gets a warning from `aws-org plan` (read from Service
// Quotas) and in the plan comment, naming how many creations will fail; the apply then fails exactly
// those, with ACCOUNT_LIMIT_EXCEEDED, as AWS would. No leniency: AWS's default limits.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { APPLY_PARALLELISM } from "../../tofu/apply-parallelism.js";
import { WARNINGS_FILE, type WarningsReport } from "../../plan/limit-warnings-report.js";
import { readFileSync } from "node:fs";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

const TEAMS = Array.from({ length: 10 }, (_, n) => `team-${String(n + 1).padStart(2, "0")}`);
let sandbox: Sandbox;
let config: OrganizationConfigInput;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  config = await defaultSandboxConfig(sandbox, {
    edit: ({ identityCenter: _access, ...c }) => ({
      ...c,
      // From nothing: dns is created too. 12 new accounts and the management account: 13 against a quota of 10.
      accounts: [...(c.accounts ?? []).map(({ id: _id, ...account }) => account), ...TEAMS.map((name) => ({ name, organizationalUnit: "Production" }))],
    }),
  });
  await bootstrapStateBackend(sandbox, config);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("the account quota", () => {
  it("is warned about by aws-org plan and the comment, with the number of creations that fail, and the apply fails exactly those", async () => {
    const outDir = await sandbox.synth("quota", config);
    const dir = sandbox.stackDir(outDir, "organization");
    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`, "--config", join(sandbox.workDir, "quota.config.json")]);
    expect(planned.status, planned.stderr).toBe(2);
    expect(planned.stdout).toContain("organization: 13 accounts after this plan (12 created), account quota 10 (Service Quotas)");
    // The organization does not exist before this apply: the count is the plan's and the management account.
    expect(planned.stderr).toMatch(/organization: warning: accounts: the organization would hold 13 accounts, the management account included, and the organization's quota is 10 \(Service Quotas\): 3 of the 12 account creations in this plan fail with ACCOUNT_LIMIT_EXCEEDED/);
    expect(planned.stderr).toContain("Default maximum number of accounts");
    const report = JSON.parse(readFileSync(join(dir, WARNINGS_FILE), "utf8")) as WarningsReport;
    expect(report.accounts).toEqual({ created: 12, after: 13 });

    const comment = await awsOrg(sandbox, ["plan-comment", "--stack", `organization=${dir}`]);
    expect(comment.status, comment.stderr).toBe(0);
    expect(comment.stdout).toContain("> [!WARNING]");
    expect(comment.stdout).toMatch(/AWS's limits \(`organization`\): 1 warning\./);
    expect(comment.stdout).toMatch(/3 of the 12 account creations in this plan fail with ACCOUNT\\?_LIMIT\\?_EXCEEDED/);

    // The warning was right: the apply fails exactly the creations past the quota.
    const applied = await sandbox.tofu.run(dir, ["apply", "-no-color", "-input=false", `-parallelism=${APPLY_PARALLELISM}`, "tfplan"], { expectCodes: null });
    expect(applied.code).toBe(1);
    expect(applied.stderr.match(/ACCOUNT_LIMIT_EXCEEDED/g)?.length).toBe(3);
    const client = organizationsClient(sandbox);
    expect(await liveAccounts(client)).toHaveLength(10);
    client.destroy();
    expect((await sandbox.moto.organizationsLimitsStatus()).refused.ACCOUNT_LIMIT_EXCEEDED).toBe(3);
  });
});
