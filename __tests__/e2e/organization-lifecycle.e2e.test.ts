// Scenarios 2, 4, 5, 6 and 7 on one moto: the organization from nothing, prevent_destroy,
// locking, state in the bucket, and interrupted applies. Steps build on each other, in order.
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DescribeOrganizationCommand, ListAWSServiceAccessForOrganizationCommand, type OrganizationsClient } from "@aws-sdk/client-organizations";
import { DeleteObjectCommand, ListObjectVersionsCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { signalTofu, type TofuResult } from "../../tofu/tofu-runner.js";
import { parseStateLockError } from "../../tofu/lock-error.js";
import { awsOrg, bootstrapStateBackend, contactAddresses, defaultSandboxConfig, liveAccounts, liveOus, liveTags, organizationsClient, rootId, TRAIL_AND_ROOT_ACCESS_ADDRESSES } from "./helpers.js";

let sandbox: Sandbox;
let organizations: OrganizationsClient;
let s3: S3Client;
let dynamodb: DynamoDBClient;
/** The default config, with dns created rather than imported (see the first test). */
let config: OrganizationConfigInput;
let orgDir: string;

/** The default organization's addresses, with dns created (sorted as tofu lists them). */
const DEFAULT_ADDRESSES = [
  'aws_organizations_account.accounts["dns"]',
  'aws_organizations_account.accounts["website-prod"]',
  "aws_organizations_organization.org",
  'aws_organizations_organizational_unit.ous["Infrastructure"]',
  'aws_organizations_organizational_unit.ous["Production"]',
  'aws_organizations_organizational_unit.ous["Security"]',
  'aws_organizations_policy.policies["DenyLeavingOrganization"]',
  'aws_organizations_policy_attachment.attachments["DenyLeavingOrganization/root"]',
  // The tutorial's access: Administrators get AdministratorAccess on the management account.
  'aws_identitystore_group.groups["Administrators"]',
  'aws_ssoadmin_account_assignment.assignments["Administrators/AdministratorAccess/management-account"]',
  'aws_ssoadmin_managed_policy_attachment.managed_policies["AdministratorAccess/AdministratorAccess"]',
  'aws_ssoadmin_permission_set.permission_sets["AdministratorAccess"]',
  // The security foundations: the organization trail and its bucket, root access, and every account's contacts.
  ...TRAIL_AND_ROOT_ACCESS_ADDRESSES,
  ...["dns", "management-account", "website-prod"].flatMap(contactAddresses),
].sort();

const withOu = (base: OrganizationConfigInput, name: string): OrganizationConfigInput => ({
  ...base,
  organizationalUnits: [...(base.organizationalUnits ?? []), { name }],
});

/** Synthesizes `cfg` into a fresh out dir and runs tofu init in its organization stack. */
async function prepare(name: string, cfg: OrganizationConfigInput, backendFile?: string): Promise<string> {
  const dir = sandbox.stackDir(await sandbox.synth(name, cfg, { backendFile }), "organization");
  await sandbox.init(dir, backendFile ? ["-reconfigure"] : []);
  return dir;
}

/** Starts `apply` and calls `whenLocked` once tofu holds the state lock (it is refreshing). */
function applyWatching(dir: string, whenLocked: (child: ChildProcess) => void, extra: string[] = []): Promise<TofuResult> {
  return sandbox.tofu.run(dir, ["apply", "-no-color", "-auto-approve", "-lock-timeout=0s", ...extra], {
    expectCodes: null,
    onSpawn: (child) => {
      let fired = false;
      child.stdout?.on("data", (chunk: Buffer) => {
        if (!fired && /Refreshing state|Creating\.\.\./.test(chunk.toString())) {
          fired = true;
          whenLocked(child);
        }
      });
    },
  });
}

/**
 * Two applies at once, every time, however fast or slow the machine is: applies in `holderDir`,
 * and once that run holds the lock freezes it (SIGSTOP), runs `whileHeld`, then lets it go on
 * (SIGCONT, in `finally`). Both runs have ended, whatever happened, when this returns or throws.
 */
async function raceForLock<T>(holderDir: string, whileHeld: () => Promise<T>): Promise<{ holder: TofuResult; other: T }> {
  let other: Promise<T> | undefined;
  const holder = await applyWatching(holderDir, (child) => {
    signalTofu(child, "SIGSTOP");
    other = whileHeld().finally(() => signalTofu(child, "SIGCONT"));
    other.catch(() => undefined); // awaited below, once the holder has finished
  });
  if (!other) throw new Error(`the first apply never reached "Refreshing state" (exit ${holder.code}):\n${holder.stdout}${holder.stderr}`);
  return { holder, other: await other };
}

/** Whatever a failed test left locked is released here, so no later test inherits it. */
async function releaseLeftoverLocks(): Promise<void> {
  const { bucket, key, dynamodb_table: table } = sandbox.backend;
  const items = (await dynamodb.send(new ScanCommand({ TableName: table }))).Items ?? [];
  for (const item of items) {
    const id = item.LockID?.S;
    if (!id || id.endsWith("-md5")) continue; // the state's digest row, not a lock
    await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { LockID: { S: id } } }));
    process.stderr.write(`[e2e] released a DynamoDB lock a failed test left behind: ${id}\n`);
  }
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
  for (const object of listed.Contents ?? []) {
    if (!object.Key?.endsWith(".tflock")) continue;
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
    process.stderr.write(`[e2e] released an S3 lock file a failed test left behind: ${object.Key}\n`);
  }
}

async function stateAddresses(dir: string): Promise<string[]> {
  // Data sources (the Identity Center instance) are read, not managed: only managed addresses.
  return (await sandbox.tofu.run(dir, ["state", "list"])).stdout.trim().split("\n").filter((a) => !a.startsWith("data.")).sort();
}

async function lockTableItems(): Promise<number> {
  return (await dynamodb.send(new ScanCommand({ TableName: sandbox.backend.dynamodb_table }))).Count ?? 0;
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  organizations = organizationsClient(sandbox);
  s3 = new S3Client(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  dynamodb = new DynamoDBClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  // An import needs its account to exist, and an account exists only inside an organization:
  // starting from nothing, dns is created like website-prod. Importing is scenario 3.
  config = await defaultSandboxConfig(sandbox, {
    edit: (c) => ({ ...c, accounts: (c.accounts ?? []).map(({ id: _id, ...account }) => account) }),
  });
  await bootstrapStateBackend(sandbox, config);
  orgDir = await prepare("organization", config);
});

afterEach(async () => {
  sandbox.tofu.stopAll(); // a failed test's tofu is not left running into the next test
  await releaseLeftoverLocks();
});

afterAll(async () => {
  organizations?.destroy();
  s3?.destroy();
  dynamodb?.destroy();
  await sandbox?.stop();
});

describe("the organization from nothing", () => {
  it("plans exactly the organization, three OUs, two accounts, the guardrail on the root and the administrators' access", async () => {
    const plan = await sandbox.plan(orgDir);
    expect(plan.exitCode).toBe(2);
    expect(addressesByAction(plan.json)).toEqual({
      create: DEFAULT_ADDRESSES,
    });
  });

  it("applies, and AWS has the organization, OUs and accounts with their parents, tags and emails", async () => {
    await sandbox.apply(orgDir, ["tfplan"]);
    const organization = (await organizations.send(new DescribeOrganizationCommand({}))).Organization!;
    expect(organization.FeatureSet).toBe("ALL");
    const principals = (await organizations.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals ?? [];
    expect(principals.map((p) => p.ServicePrincipal).sort()).toEqual(["account.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com", "iam.amazonaws.com", "sso.amazonaws.com"]);

    const root = await rootId(organizations);
    const ous = await liveOus(organizations, root);
    expect(Object.keys(ous).sort()).toEqual(["Infrastructure", "Production", "Security"]);
    expect(await liveTags(organizations, ous.Production!)).toEqual({ Name: "Production", ManagedBy: "OpenTofu" });

    const accounts = (await liveAccounts(organizations)).filter((a) => a.name !== "master");
    const byName = Object.fromEntries(accounts.map((a) => [a.name, a]));
    expect(byName["website-prod"]).toMatchObject({ email: "aws-website-prod@example.com", parentId: ous.Production, tags: { Name: "website-prod", ManagedBy: "OpenTofu" } });
    expect(byName.dns).toMatchObject({ email: "aws-dns@example.com", parentId: ous.Infrastructure });
  });

  it("has nothing left to do on the next plan", async () => {
    expect((await sandbox.plan(orgDir)).exitCode).toBe(0);
  });
});

describe("state in S3", () => {
  it("shows every address from a fresh working directory", async () => {
    const fresh = join(sandbox.workDir, "fresh-checkout");
    mkdirSync(fresh);
    copyFileSync(join(orgDir, "cdk.tf.json"), join(fresh, "cdk.tf.json"));
    await sandbox.init(fresh);
    expect(await stateAddresses(fresh)).toEqual(DEFAULT_ADDRESSES);
  });
});

describe("prevent_destroy", () => {
  it("stops tofu destroy, and nothing is removed", async () => {
    const before = await liveAccounts(organizations);
    const result = await sandbox.tofu.run(orgDir, ["destroy", "-no-color", "-auto-approve"], { expectCodes: [1] });
    expect(result.stderr).toMatch(/Resource instance cannot be destroyed[\s\S]*prevent_destroy/);
    expect(await liveAccounts(organizations)).toEqual(before);
  });

  it("stops a config that drops an account, and nothing is removed", async () => {
    const before = await liveAccounts(organizations);
    const dropped = { ...config, accounts: (config.accounts ?? []).filter((a) => a.name !== "website-prod") };
    const dir = await prepare("dropped-account", dropped);
    const result = await sandbox.tofu.run(dir, ["plan", "-no-color", "-detailed-exitcode"], { expectCodes: [1] });
    expect(result.stderr).toMatch(/aws_organizations_account\.accounts\["website-prod"\][\s\S]*prevent_destroy/);
    expect(await liveAccounts(organizations)).toEqual(before);
  });
});

describe("locking", () => {
  it("lets one of two simultaneous applies through and stops the other on the DynamoDB lock", async () => {
    const grown = withOu(config, "Sandbox");
    const [dirA, dirB] = [await prepare("lock-a", grown), await prepare("lock-b", grown)];
    const { holder: first, other } = await raceForLock(dirA, () =>
      sandbox.tofu.run(dirB, ["apply", "-no-color", "-auto-approve", "-lock-timeout=0s"], { expectCodes: null }),
    );
    expect(first.code).toBe(0);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("Error acquiring the state lock");
    expect(parseStateLockError(other.stderr)?.path).toBe(`${sandbox.backend.bucket}/${sandbox.backend.key}`);

    // The state is whole: everything before plus the new OU, and no run has anything left to do.
    expect(await stateAddresses(dirA)).toContain('aws_organizations_organizational_unit.ous["Sandbox"]');
    expect((await sandbox.plan(dirB)).exitCode).toBe(0);
    expect(await lockTableItems()).toBe(1); // only the state's digest row, no lock
  });

  it("also locks with OpenTofu's S3 lock file when use_lockfile is on", async () => {
    const backendFile = join(sandbox.workDir, "backend-lockfile.tf.json");
    writeFileSync(backendFile, JSON.stringify({ terraform: { backend: { s3: { ...sandbox.backend, use_lockfile: true } } } }));
    const grown = withOu(withOu(config, "Sandbox"), "Research");
    const [dirA, dirB] = [await prepare("lockfile-a", grown, backendFile), await prepare("lockfile-b", grown, backendFile)];
    let lockObjects: string[] = [];
    const { holder: first, other } = await raceForLock(dirA, async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: sandbox.backend.bucket, Prefix: sandbox.backend.key }));
      lockObjects = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.endsWith(".tflock"));
      return sandbox.tofu.run(dirB, ["apply", "-no-color", "-auto-approve", "-lock-timeout=0s"], { expectCodes: null });
    });
    expect(lockObjects).toEqual([`${sandbox.backend.key}.tflock`]);
    expect(first.code).toBe(0);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("Error acquiring the state lock");
    const after = await s3.send(new ListObjectsV2Command({ Bucket: sandbox.backend.bucket, Prefix: sandbox.backend.key }));
    expect((after.Contents ?? []).map((o) => o.Key)).toEqual([sandbox.backend.key]);
    expect((await sandbox.plan(dirB)).exitCode).toBe(0);
  });
});

describe("interruptions", () => {
  const staging = (): OrganizationConfigInput => ({
    ...withOu(withOu(withOu(config, "Sandbox"), "Research"), "Staging"),
    accounts: [...(config.accounts ?? []), ...["a", "b", "c", "d"].map((n) => ({ name: `staging-${n}`, organizationalUnit: "Staging" }))],
  });

  it("converges after an apply stopped half-way with SIGINT during account creation, with no duplicate accounts", async () => {
    const dir = await prepare("interrupted", staging());
    // Signalled at the first account's creation: each takes 2 s in the sandbox and -parallelism=1
    // runs them one by one, so three are still to come. The run must have been cut, not finished.
    let signalled = false;
    const interrupted = await sandbox.tofu.run(dir, ["apply", "-no-color", "-auto-approve", "-lock-timeout=0s", "-parallelism=1"], {
      expectCodes: null,
      onSpawn: (child) => {
        child.stdout?.on("data", (chunk: Buffer) => {
          if (!signalled && /aws_organizations_account\.\w+\["staging-[a-d]"\]: Creating\.\.\./.test(chunk.toString())) {
            signalled = true;
            signalTofu(child, "SIGINT");
          }
        });
      },
    });
    expect(signalled).toBe(true);
    expect(interrupted.stdout + interrupted.stderr).toContain("Interrupt received");
    expect(interrupted.stdout).not.toContain("Apply complete!");
    expect(interrupted.code).not.toBe(0);
    // AWS finishes the creation it was asked for, which the state may not hold: the next plan, as
    // CI runs it (aws-org plan), imports such an account instead of creating it a second time.
    for (let attempt = 0; attempt < 150 && (await sandbox.moto.organizationsLimitsStatus()).inProgress > 0; attempt++) await new Promise((r) => setTimeout(r, 200));
    const createdBefore = (await liveAccounts(organizations)).filter((a) => a.name.startsWith("staging-")).length;
    expect(createdBefore).toBeLessThan(4);
    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(2);
    await sandbox.apply(dir, ["tfplan"]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
    const names = (await liveAccounts(organizations)).map((a) => a.name);
    expect(names.filter((n) => n.startsWith("staging-")).sort()).toEqual(["staging-a", "staging-b", "staging-c", "staging-d"]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("reports a stale lock left by a killed run with the command that releases it", async () => {
    const dir = await prepare("killed", withOu(staging(), "Archive"));
    const killed = await applyWatching(dir, (child) => signalTofu(child, "SIGKILL"));
    expect(killed.signal).toBe("SIGKILL");

    const blocked = await sandbox.apply(dir, ["-lock-timeout=0s"]).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(blocked).toContain("Error acquiring the state lock");
    const release = /tofu -chdir=(\S+) force-unlock -force (\S+)/.exec(blocked ?? "");
    expect(release?.[1]).toBe(dir);
    await sandbox.tofu.run(dir, ["force-unlock", "-force", release![2]!]);
    await sandbox.apply(dir);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("renames an OU in place: moved and updated, same AWS id, nothing replaced", async () => {
    const before = await liveOus(organizations, await rootId(organizations));
    const renamed = withOu(staging(), "Archive");
    renamed.organizationalUnits = renamed.organizationalUnits!.map((ou) => (ou.name === "Archive" ? { name: "Archived", renamedFrom: "Archive" } : ou));
    const dir = await prepare("renamed", renamed);
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({
      update: ['aws_organizations_organizational_unit.ous["Archived"]'],
    });
    expect(plan.json.resource_changes?.find((c) => c.address.endsWith('["Archived"]'))).toMatchObject({
      previous_address: 'aws_organizations_organizational_unit.ous["Archive"]',
    });
    await sandbox.apply(dir, ["tfplan"]);
    const after = await liveOus(organizations, await rootId(organizations));
    expect(after.Archived).toBe(before.Archive);
    expect(after.Archive).toBeUndefined();
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("kept earlier versions of the state object", async () => {
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: sandbox.backend.bucket, Prefix: sandbox.backend.key }));
    const ofState = (versions.Versions ?? []).filter((v) => v.Key === sandbox.backend.key);
    // One apply from nothing, two lock races, the interrupted run and its re-run, the killed run's re-run.
    expect(ofState.length).toBeGreaterThanOrEqual(4);
    expect(ofState.filter((v) => v.IsLatest)).toHaveLength(1);
  });

  it("keeps template syntax in an email as data: AWS gets the characters, tofu evaluates nothing", async () => {
    const renamed = withOu(staging(), "Archived");
    renamed.organizationalUnits = renamed.organizationalUnits!.map((ou) => (ou.name === "Archived" ? { name: "Archived", renamedFrom: "Archive" } : ou));
    const email = "ops${path.root}@example.com";
    const dir = await prepare("literal-email", { ...renamed, accounts: [...(renamed.accounts ?? []), { name: "literal", email, organizationalUnit: "Staging" }] });
    // A variable's default is a literal: tofu evaluates nothing in it, so it is written as it is.
    expect(JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")).variable.accounts_to_create.default.literal.email).toBe(email);
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({ create: [...contactAddresses("literal"), 'aws_organizations_account.accounts["literal"]'] });
    await sandbox.apply(dir, ["tfplan"]);
    const literal = (await liveAccounts(organizations)).find((a) => a.name === "literal");
    expect(literal?.email).toBe(email);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });
});
