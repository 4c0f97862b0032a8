// Thirty new accounts in one merge, against the sandbox's AWS limits: CreateAccount asynchronous,
// at most 5 in progress, the sixth refused. The apply runs as the apply workflow runs it
// (-parallelism from tofu/apply-parallelism.ts) and must finish with no error, every account once.
// Leniency, said here: the account quota is raised to 40, as a quota increase raises it on AWS
// (the default 10 cannot hold 30 new accounts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { APPLY_PARALLELISM } from "../../tofu/apply-parallelism.js";
import { bootstrapStateBackend, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

const NEW_ACCOUNTS = 30;
let sandbox: Sandbox;
let config: OrganizationConfigInput;

beforeAll(async () => {
  sandbox = await Sandbox.start({ accountQuota: 40 });
  config = await defaultSandboxConfig(sandbox, {
    edit: (c) => ({
      ...c,
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
    const dir = sandbox.stackDir(await sandbox.synth("many", config), "organization");
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
});
