// Switching from the hand-written OpenTofu setup, and letting one account go, against moto:
// the hand-written HCL (bench/hcl-twin/main.tf, the seed's addresses) is applied with its own
// local state; the README's steps move that state into this project's backend; the project's
// JSON then plans no change at all. Then an account leaves the config and `aws-org release-account`
// drops it from the state: the next plan is empty and the account is still in the organization.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { runProcess } from "../helpers/run-process.js";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { twinVariables } from "../../bench/hcl-twin/twin-variables.js";
import { bootstrapStateBackend, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

let sandbox: Sandbox;
let config: OrganizationConfigInput;
let handWritten: string;
let dir: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  // From nothing: dns is created like website-prod (an import needs an existing account).
  // The hand-written setup has neither CI's roles nor the security foundations: switching moves
  // what it has, and the project's plan must then change nothing.
  config = await defaultSandboxConfig(sandbox, { edit: (c) => ({ ...c, ciAccess: undefined, securityFoundations: undefined, accounts: (c.accounts ?? []).map(({ id: _id, ...account }) => account) }) });
  await bootstrapStateBackend(sandbox, config);
  handWritten = join(sandbox.workDir, "hand-written");
  mkdirSync(handWritten);
  // The hand-written setup kept its state locally: the twin without its backend block.
  writeFileSync(join(handWritten, "main.tf"), readFileSync("bench/hcl-twin/main.tf", "utf8").replace(/\n  backend "s3" \{\}\n/, "\n"));
  writeFileSync(join(handWritten, "terraform.tfvars.json"), JSON.stringify(twinVariables(config)));
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  await sandbox?.stop();
});

describe("switching from hand-written OpenTofu", () => {
  it("the hand-written setup applies the organization with its own local state", async () => {
    await sandbox.tofu.run(handWritten, ["init", "-no-color", "-input=false"]);
    await sandbox.tofu.run(handWritten, ["apply", "-no-color", "-input=false", "-auto-approve"]);
    expect(existsSync(join(handWritten, "terraform.tfstate"))).toBe(true);
  });

  it("moves that state into the project's backend; the project's plan then changes nothing", async () => {
    dir = sandbox.stackDir(await sandbox.synth("switched", config), "organization");
    await sandbox.init(dir);
    await sandbox.tofu.run(handWritten, ["state", "pull"]).then((pulled) => writeFileSync(join(dir, "hand-written.tfstate"), pulled.stdout));
    await sandbox.tofu.run(dir, ["state", "push", "hand-written.tfstate"]);
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({});
    expect(plan.exitCode).toBe(0);
  });
});

describe("releasing an account without closing it", () => {
  it("refuses while the account is still in the config", async () => {
    const result = await releaseAccount("website-prod", dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('"website-prod" is still in the config');
  });

  it("drops only that account from the state, after a backup; the next plan is empty and AWS keeps the account", async () => {
    const released = sandbox.stackDir(await sandbox.synth("released", { ...config, accounts: (config.accounts ?? []).filter((a) => a.name !== "website-prod") }), "organization");
    await sandbox.init(released);
    // Without the release, the plan stops at prevent_destroy.
    const refused = await sandbox.tofu.run(released, ["plan", "-no-color", "-input=false"], { expectCodes: [1] });
    expect(refused.stderr).toContain("prevent_destroy");
    const before = (await sandbox.tofu.run(released, ["state", "list"])).stdout.trim().split("\n");

    const result = await releaseAccount("website-prod", released);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Released aws_organizations_account\.accounts\["website-prod"\] \(account \d{12}\): it stays in the organization/);
    const after = (await sandbox.tofu.run(released, ["state", "list"])).stdout.trim().split("\n");
    expect(before.filter((address) => !after.includes(address))).toEqual(['aws_organizations_account.accounts["website-prod"]']);
    const backups = readdirSync(released).filter((file) => file.startsWith("state-before-release-website-prod-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(released, backups[0]!), "utf8")).toContain('"website-prod"');

    expect((await sandbox.plan(released)).exitCode).toBe(0);
    const client = organizationsClient(sandbox);
    expect((await liveAccounts(client)).map((a) => a.name)).toContain("website-prod");
    client.destroy();
    // Nothing else can be released by mistake: a name that is not in the state is refused.
    expect((await releaseAccount("website-prod", released)).stderr).toContain('no account "website-prod" in the state');
  });
});

function releaseAccount(name: string, stackDir: string) {
  return runProcess(process.execPath, ["cli/aws-org.mjs", "release-account", name, "--dir", stackDir], {
    env: { ...sandbox.tofu.env, TOFU_BIN: sandbox.tools.tofuBin },
    timeout: 240_000,
  });
}

