// An apply cut off while AWS is creating accounts (the runner lost, the job cancelled): AWS goes on
// and makes them, the state never learns their ids. The next `aws-org plan` must import them, not
// ask AWS for them again (AWS would refuse: EMAIL_ALREADY_EXISTS, on every plan), and the apply of
// that plan must leave every account existing exactly once.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { APPLY_PARALLELISM } from "../../tofu/apply-parallelism.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

const EXTRA = ["batch-1", "batch-2", "batch-3"];
let sandbox: Sandbox;
let config: OrganizationConfigInput;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // Creations take 15 s here, so the apply can be cut off while they are in progress.
  sandbox = await Sandbox.start({ createAccountSeconds: 15 });
  config = await defaultSandboxConfig(sandbox, {
    // Accounts only: a cut-off apply leaves other half-made objects too (an Identity Center managed
    // policy attachment AWS made and the state lacks fails the next apply: "already attached"),
    // which this convergence does not cover yet.
    edit: ({ identityCenter: _access, ...c }) => ({
      ...c,
      accounts: [...(c.accounts ?? []).map(({ id: _id, ...account }) => account), ...EXTRA.map((name) => ({ name, organizationalUnit: "Security" }))],
    }),
  });
  await bootstrapStateBackend(sandbox, config);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("an apply cut off during account creation", () => {
  it("is converged by the next plan, which imports what AWS made, and nothing is created twice", async () => {
    const dir = sandbox.stackDir(await sandbox.synth("cut-off", config), "organization");
    await sandbox.init(dir);
    await sandbox.plan(dir);

    // The apply, and its provider killed (SIGKILL: no cleanup, as when a runner is lost) once AWS has creations in progress.
    let killed = false;
    const applying = sandbox.tofu.run(dir, ["apply", "-no-color", "-input=false", `-parallelism=${APPLY_PARALLELISM}`, "tfplan"], {
      expectCodes: null,
      onSpawn: (child) => {
        void (async () => {
          for (let attempt = 0; attempt < 600 && !killed; attempt++) {
            const status = await sandbox.moto.organizationsLimitsStatus();
            if (status.inProgress >= 3) {
              execFileSync("pkill", ["-KILL", "-P", String(child.pid), "-f", "terraform-provider-aws"]);
              killed = true;
              return;
            }
            await sleep(200);
          }
        })();
      },
    });
    const cut = await applying;
    expect(killed).toBe(true);
    expect(cut.code).not.toBe(0);

    // AWS finishes what it started; the state knows none of those accounts.
    for (let attempt = 0; attempt < 150 && (await sandbox.moto.organizationsLimitsStatus()).inProgress > 0; attempt++) await sleep(200);
    const client = organizationsClient(sandbox);
    const made = (await liveAccounts(client)).map((a) => a.name).filter((name) => name !== "master");
    expect(made.length).toBeGreaterThanOrEqual(3);
    const state = (await sandbox.tofu.run(dir, ["state", "list"])).stdout;
    for (const name of made) expect(state).not.toContain(`aws_organizations_account.accounts["${name}"]`);

    // The next plan, as CI runs it: imports for those, creations only for the rest.
    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(2);
    for (const name of made) expect(planned.stdout).toMatch(new RegExp(`organization: aws_organizations_account\\.accounts\\["${name}"\\] exists in AWS \\(\\d{12}, aws-${name}@example\\.com\\) but in no state: importing it`));
    const comment = (await awsOrg(sandbox, ["plan-comment", "--stack", `organization=${dir}`])).stdout;
    for (const name of made) expect(comment).toContain(name);
    expect(comment).toMatch(/import/i);

    const applied = await sandbox.apply(dir, [`-parallelism=${APPLY_PARALLELISM}`, "tfplan"]);
    expect(applied.code).toBe(0);
    const names = (await liveAccounts(client)).map((a) => a.name).filter((name) => name !== "master");
    client.destroy();
    expect(names.sort()).toEqual(["dns", "website-prod", ...EXTRA].sort());
    const limits = await sandbox.moto.organizationsLimitsStatus();
    expect(limits.refused.EMAIL_ALREADY_EXISTS ?? 0).toBe(0);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });
});
