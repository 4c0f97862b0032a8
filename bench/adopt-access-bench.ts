// npm run bench:adopt-access — adopting Identity Center at scale against moto: an organization of
// BENCH_ACCOUNTS accounts (default 1,000) in 100 OUs, BENCH_SETS permission sets (default 10), each
// assigned to its own group on every account (10,000 assignments), built through the AWS SDK with
// the sandbox's limits relaxed (said below). Then `aws-org init` as a user runs it (wall time, API
// requests, the assignments as written), and the drift check's listing of assignments no stack
// manages (here: all of them), with its Identity Center requests. moto answers far faster than AWS
// and does not throttle Identity Center: the request counts carry over, the times do not.
import { IdentitystoreClient, CreateGroupCommand } from "@aws-sdk/client-identitystore";
import { CreateOrganizationalUnitCommand, CreateOrganizationCommand, EnableAWSServiceAccessCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AttachManagedPolicyToPermissionSetCommand, CreateAccountAssignmentCommand, CreatePermissionSetCommand, ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { join } from "node:path";
import { discoverOrganization, organizationsClient } from "../adopt/discover-organization.js";
import { unmanagedAssignments } from "../adopt/unmanaged-assignments.js";
import { readConfigFile } from "../config-language/read-config-file.js";
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { sdkClientConfig } from "../sandbox/aws-environment.js";
import { createAccountOutsideTofu } from "../sandbox/existing-organization.js";
import { Sandbox } from "../sandbox/sandbox.js";
import { runInit } from "./run-init.js";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1000);
const SETS = Number(process.env.BENCH_SETS ?? 10);
const OUS = 100;
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function main(): Promise<void> {
  // Assignments settle at once here: the bench measures reading them, not making them.
  process.env.SANDBOX_SSO_PROVISION_SECONDS = "0";
  const sandbox = await Sandbox.start({ accountQuota: ACCOUNTS + 10, createAccountSeconds: 0, requestsPerSecond: 0 });
  log(`[bench] sandbox leniency for the build: account quota ${ACCOUNTS + 10}, instant account creation, no Organizations throttling, assignments settle at once`);
  try {
    const config = sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca);
    const built = Date.now();
    const organizations = new OrganizationsClient({ ...config, maxAttempts: 10, retryMode: "adaptive" });
    await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "sso.amazonaws.com" }));
    const root = (await organizations.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const units: string[] = [];
    for (let i = 0; i < OUS; i++) units.push((await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: `ou-${i}` }))).OrganizationalUnit!.Id!);
    const accountIds: string[] = [];
    await inParallel(Array.from({ length: ACCOUNTS }, (_, i) => i), 5, async (i) => {
      const id = await createAccountOutsideTofu(organizations, `acct-${i}`, `acct-${i}@example.com`);
      await organizations.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: units[i % OUS]! }));
      accountIds.push(id);
    });
    organizations.destroy();

    const ssoAdmin = new SSOAdminClient({ ...config, maxAttempts: 10 });
    const store = new IdentitystoreClient(config);
    const instance = (await ssoAdmin.send(new ListInstancesCommand({}))).Instances![0]!;
    const InstanceArn = instance.InstanceArn!;
    const work: { set: string; group: string; account: string }[] = [];
    for (let s = 0; s < SETS; s++) {
      const set = (await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn, Name: `set-${s}`, SessionDuration: "PT1H" }))).PermissionSet!.PermissionSetArn!;
      await ssoAdmin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: set, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
      const group = (await store.send(new CreateGroupCommand({ IdentityStoreId: instance.IdentityStoreId!, DisplayName: `group-${s}` }))).GroupId!;
      for (const account of accountIds) work.push({ set, group, account });
    }
    await inParallel(work, 8, async ({ set, group, account }) => {
      await ssoAdmin.send(new CreateAccountAssignmentCommand({ InstanceArn, PermissionSetArn: set, PrincipalType: "GROUP", PrincipalId: group, TargetType: "AWS_ACCOUNT", TargetId: account }));
    });
    ssoAdmin.destroy();
    store.destroy();
    log(`[bench] built ${ACCOUNTS} accounts in ${OUS} OUs, ${SETS} permission sets, ${work.length} assignments in ${((Date.now() - built) / 1000).toFixed(0)} s`);

    const out = join(sandbox.workDir, "adopted.ts");
    const init = runInit(sandbox, out);
    log(`[bench] init: ${init.seconds.toFixed(1)} s wall, process included`);
    log(`[bench] ${init.stdout.split("\n")[0]}`);
    const adopted = (await readConfigFile(out)) as OrganizationConfigInput;
    log(`[bench] written: ${adopted.identityCenter?.assignments?.length ?? 0} assignment entries (${adopted.identityCenter?.assignments?.map((a) => `${a.targets.organizationalUnits?.length ?? 0} OUs + ${a.targets.accounts?.length ?? 0} accounts`)[0]} each), ${adopted.identityCenter?.existingAssignments?.length ?? 0} existing assignments`);

    // The drift check's listing: with no stack managing any, every assignment is listed.
    const reader = organizationsClient({ ...config });
    const live = await discoverOrganization(reader, { tags: false });
    reader.client.destroy();
    const listed = performance.now();
    const drift = await unmanagedAssignments({}, live, "us-east-1", { clientConfig: config });
    log(`[bench] drift listing: ${drift.objects.length} unmanaged assignments, ${drift.requests} Identity Center requests, ${((performance.now() - listed) / 1000).toFixed(1)} s`);
  } finally {
    await sandbox.stop();
  }
}

await main();
