// Thirty new accounts in one merge, against the sandbox's AWS limits: CreateAccount asynchronous,
// at most 5 in progress, the sixth refused. The apply runs as the apply workflow runs it
// (-parallelism from tofu/apply-parallelism.ts) and must finish with no error, every account once.
// Then the organization is bigger than one API page (Organizations answers 20 a page): `aws-org
// init` adopts all of it, and `aws-org plan` finds the one account made outside the config.
// Leniency, said here: the account quota is raised to 40, as a quota increase raises it on AWS
// (the default 10 cannot hold 30 new accounts).
import { ListAccountsCommand, ListAccountsForParentCommand, MoveAccountCommand } from "@aws-sdk/client-organizations";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfigFile } from "../../config-language/read-config-file.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { createAccountOutsideTofu } from "../../sandbox/existing-organization.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { APPLY_PARALLELISM } from "../../tofu/apply-parallelism.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, liveAccounts, liveOus, organizationsClient, rootId } from "./helpers.js";

const NEW_ACCOUNTS = 30;
/** OUs side by side under one parent: more than ListOrganizationalUnitsForParent's page of 20. */
const TEAM_OUS = 21;
let dir: string;
let sandbox: Sandbox;
let config: OrganizationConfigInput;

beforeAll(async () => {
  sandbox = await Sandbox.start({ accountQuota: 40 });
  config = await defaultSandboxConfig(sandbox, {
    edit: (c) => ({
      ...c,
      organizationalUnits: [...(c.organizationalUnits ?? []), ...Array.from({ length: TEAM_OUS }, (_, n) => ({ name: `Team${String(n + 1).padStart(2, "0")}`, parent: "Infrastructure" }))],
      // From nothing: dns is created too (an import needs an account that exists).
      accounts: [
        ...(c.accounts ?? []).map(({ id: _id, ...account }) => account),
        ...Array.from({ length: NEW_ACCOUNTS }, (_, n) => ({ name: `workload-${String(n + 1).padStart(2, "0")}`, organizationalUnit: "Production" })),
      ],
    }),
  });
  await bootstrapStateBackend(sandbox, config);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("many new accounts in one apply", () => {
  it(`creates ${NEW_ACCOUNTS} accounts with never more than 5 creations in progress, and nothing twice`, async () => {
    dir = sandbox.stackDir(await sandbox.synth("many", config), "organization");
    await sandbox.init(dir);
    const plan = await sandbox.plan(dir);
    const creates = (plan.json.resource_changes ?? []).filter((c) => c.type === "aws_organizations_account" && c.change.actions.includes("create"));
    expect(creates).toHaveLength(NEW_ACCOUNTS + 2);
    const applied = await sandbox.apply(dir, [`-parallelism=${APPLY_PARALLELISM}`, "tfplan"]);
    expect(applied.code).toBe(0);

    const limits = await sandbox.moto.organizationsLimitsStatus();
    expect(limits.maxInProgress).toBeGreaterThan(1); // creations did overlap: the limit was reached for
    expect(limits.maxInProgress).toBeLessThanOrEqual(5);
    expect(limits.refused.TooManyRequestsException ?? 0).toBe(0);
    expect(limits.created).toBe(NEW_ACCOUNTS + 2);

    const client = organizationsClient(sandbox);
    const names = (await liveAccounts(client)).map((a) => a.name).filter((name) => name.startsWith("workload-"));
    client.destroy();
    expect(names).toHaveLength(NEW_ACCOUNTS);
    expect(new Set(names).size).toBe(NEW_ACCOUNTS);
    const next = await sandbox.plan(dir);
    expect(next.exitCode).toBe(0);
  });

  it("is adopted whole by aws-org init though every list crosses a page", async () => {
    const client = organizationsClient(sandbox);
    const production = (await liveOus(client, await rootId(client))).Production!;
    const page = await client.send(new ListAccountsForParentCommand({ ParentId: production }));
    expect([page.Accounts?.length, Boolean(page.NextToken)]).toEqual([20, true]);
    const all = await client.send(new ListAccountsCommand({}));
    expect([all.Accounts?.length, Boolean(all.NextToken)]).toEqual([20, true]);
    client.destroy();

    const out = join(sandbox.workDir, "adopted.json");
    const result = await awsOrg(sandbox, ["init", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    process.stderr.write(`[e2e] many accounts: ${result.stdout.split("\n")[0]}\n`);
    const adopted = (await readConfigFile(out)) as OrganizationConfigInput;
    const workloads = (adopted.accounts ?? []).filter((a) => a.name.startsWith("workload-"));
    expect(workloads).toHaveLength(NEW_ACCOUNTS);
    expect(new Set(workloads.map((a) => a.organizationalUnit))).toEqual(new Set(["Production"]));
    const teams = (adopted.organizationalUnits ?? []).filter((ou) => ou.name.startsWith("Team"));
    expect(teams).toHaveLength(TEAM_OUS);
    expect(new Set(teams.map((ou) => ou.parent))).toEqual(new Set(["Infrastructure"]));
  });

  it("has aws-org plan list the one account made outside the config, found on the second page", async () => {
    const client = organizationsClient(sandbox);
    const root = await rootId(client);
    const production = (await liveOus(client, root)).Production!;
    const made = await createAccountOutsideTofu(client, "made-in-console", "made-in-console@example.com");
    await client.send(new MoveAccountCommand({ AccountId: made, SourceParentId: root, DestinationParentId: production }));
    const firstPage = (await client.send(new ListAccountsForParentCommand({ ParentId: production }))).Accounts ?? [];
    expect(firstPage.map((a) => a.Id)).not.toContain(made);
    client.destroy();

    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toContain("organization: no changes");
    expect(planned.stdout).toContain("organization: 1 account");
    const comment = (await awsOrg(sandbox, ["plan-comment", "--stack", `organization=${dir}`])).stdout;
    expect(comment).toContain("### 👻 In the organization, not in the config (1)");
    expect(comment).toContain(`- account \`made-in-console\` (\`${made}\`) in \`Production\``);
  });
});
