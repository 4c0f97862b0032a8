// IAM Identity Center against moto with real tofu and the real provider: the tutorial's setup
// (an Administrators group with AdministratorAccess for 12 hours on the management account) plus
// developers on an OU, a user in a group, an inline policy with a policy variable and a boundary;
// read back through the SSO Admin and Identity Store APIs; an account added to the OU gets its
// assignment in the same plan; removing the last administrator assignment is blocked; a
// permission set made in the console is adopted by ARN, a synced group looked up by name, and
// `aws-org plan` lists a permission set made outside the config.
// Steps build on each other, in order.
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from "@aws-sdk/client-identitystore";
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  paginateListPermissionSets,
  ListTagsForResourceCommand,
  ProvisionPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  SSOAdminClient,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-sso-admin";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import { readPlannedStack } from "../../plan/read-stack-plan.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { awsOrg, bootstrapStateBackend, contactAddresses, defaultSandboxConfig, liveAccounts, organizationsClient } from "./helpers.js";

let sandbox: Sandbox;
let ssoAdmin: SSOAdminClient;
let identityStore: IdentitystoreClient;
let base: OrganizationConfigInput;
let instanceArn: string;
let identityStoreId: string;

/** Policy variables must reach AWS as written. */
const ownBucketOnly = {
  Version: "2012-10-17",
  Statement: [{ Sid: "OwnPrefix", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::team-bucket/${aws:username}/*" }],
};

type IdentityCenter = NonNullable<OrganizationConfigInput["identityCenter"]>;
const TUTORIAL: IdentityCenter = {
  permissionSets: [
    { name: "AdministratorAccess", description: "Full access", sessionDuration: "PT12H", managedPolicies: ["AdministratorAccess"], tags: { Team: "platform" } },
    { name: "PowerUser", sessionDuration: "PT8H", managedPolicies: ["PowerUserAccess"], inlinePolicy: ownBucketOnly, permissionsBoundary: { managedPolicy: "PowerUserAccess" } },
  ],
  groups: [{ name: "Administrators", description: "Platform engineers" }, { name: "Developers" }],
  users: [{ userName: "alice@example.com", displayName: "Alice Doe", givenName: "Alice", familyName: "Doe", email: "alice@example.com", groups: ["Administrators"] }],
  assignments: [
    { group: "Administrators", permissionSet: "AdministratorAccess", targets: { managementAccount: true } },
    { group: "Developers", permissionSet: "PowerUser", targets: { organizationalUnits: ["Workloads/Dev"] } },
  ],
};

function accessConfig(identityCenter: IdentityCenter, accounts = [{ name: "dev-a", organizationalUnit: "Workloads/Dev" }]): OrganizationConfigInput {
  return { ...base, organizationalUnits: [{ name: "Workloads" }, { name: "Dev", parent: "Workloads" }], accounts, policies: [], identityCenter };
}

async function prepare(name: string, cfg: OrganizationConfigInput): Promise<string> {
  const dir = sandbox.stackDir(await sandbox.synth(name, cfg), "organization");
  await sandbox.init(dir);
  return dir;
}

async function permissionSetArn(name: string): Promise<string> {
  const arns: string[] = [];
  for await (const page of paginateListPermissionSets({ client: ssoAdmin }, { InstanceArn: instanceArn })) arns.push(...(page.PermissionSets ?? []));
  for (const arn of arns) {
    const described = await ssoAdmin.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }));
    if (described.PermissionSet?.Name === name) return arn;
  }
  throw new Error(`no permission set named ${name}`);
}

async function groupId(name: string): Promise<string> {
  const groups = (await identityStore.send(new ListGroupsCommand({ IdentityStoreId: identityStoreId }))).Groups ?? [];
  const found = groups.find((g) => g.DisplayName === name);
  if (!found?.GroupId) throw new Error(`no group named ${name}`);
  return found.GroupId;
}

async function assignedPrincipals(accountId: string, permissionSet: string): Promise<string[]> {
  const assignments = (await ssoAdmin.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: await permissionSetArn(permissionSet) }))).AccountAssignments ?? [];
  return assignments.map((a) => `${a.PrincipalType}:${a.PrincipalId}`).sort();
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  ssoAdmin = new SSOAdminClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  identityStore = new IdentitystoreClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  base = await defaultSandboxConfig(sandbox, { edit: (c) => ({ ...c, accounts: [] }) });
  await bootstrapStateBackend(sandbox, accessConfig(TUTORIAL));
  const instance = (await ssoAdmin.send(new ListInstancesCommand({}))).Instances![0]!;
  instanceArn = instance.InstanceArn!;
  identityStoreId = instance.IdentityStoreId!;
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  ssoAdmin?.destroy();
  identityStore?.destroy();
  await sandbox?.stop();
});

describe("the Identity Center calls the sandbox adds to moto (sandbox/moto_identity_center.py)", () => {
  it("tags permission sets, reports provisioning status, keeps one permissions boundary, as the API reference describes", async () => {
    const made = await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: "Probe", Tags: [{ Key: "a", Value: "1" }] }));
    const arn = made.PermissionSet!.PermissionSetArn!;
    expect(arn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[a-z0-9]{16}\/ps-[a-z0-9]{16}$/);
    const tags = async () => Object.fromEntries(((await ssoAdmin.send(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn }))).Tags ?? []).map((t) => [t.Key, t.Value]));
    await ssoAdmin.send(new TagResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, Tags: [{ Key: "a", Value: "2" }, { Key: "b", Value: "3" }] }));
    expect(await tags()).toEqual({ a: "2", b: "3" });
    await ssoAdmin.send(new UntagResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, TagKeys: ["a"] }));
    expect(await tags()).toEqual({ b: "3" });

    const provisioned = await ssoAdmin.send(new ProvisionPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, TargetType: "ALL_PROVISIONED_ACCOUNTS" }));
    const requestId = provisioned.PermissionSetProvisioningStatus!.RequestId!;
    expect(provisioned.PermissionSetProvisioningStatus!.Status).toBe("IN_PROGRESS");
    const status = async () => (await ssoAdmin.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn, ProvisionPermissionSetRequestId: requestId }))).PermissionSetProvisioningStatus!;
    let described = await status();
    for (let attempt = 0; attempt < 60 && described.Status === "IN_PROGRESS"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      described = await status();
    }
    expect([described.Status, described.PermissionSetArn]).toEqual(["SUCCEEDED", arn]);
    await expect(ssoAdmin.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn, ProvisionPermissionSetRequestId: "no-such-request" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    const boundary = () => ssoAdmin.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }));
    await expect(boundary()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await ssoAdmin.send(new PutPermissionsBoundaryToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, PermissionsBoundary: { CustomerManagedPolicyReference: { Name: "Limit" } } }));
    expect((await boundary()).PermissionsBoundary).toEqual({ CustomerManagedPolicyReference: { Name: "Limit", Path: "/" } });
    await ssoAdmin.send(new DeletePermissionsBoundaryFromPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }));
    await expect(boundary()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("describes a group membership by id, and updates a group's and a user's attributes", async () => {
    const group = (await identityStore.send(new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: "Probes", Description: "before" }))).GroupId!;
    const user = (await identityStore.send(new CreateUserCommand({ IdentityStoreId: identityStoreId, UserName: "probe", DisplayName: "Pro Be", Name: { GivenName: "Pro", FamilyName: "Be" } }))).UserId!;
    const membership = (await identityStore.send(new CreateGroupMembershipCommand({ IdentityStoreId: identityStoreId, GroupId: group, MemberId: { UserId: user } }))).MembershipId!;
    const described = await identityStore.send(new DescribeGroupMembershipCommand({ IdentityStoreId: identityStoreId, MembershipId: membership }));
    expect([described.GroupId, described.MemberId]).toEqual([group, { UserId: user }]);
    await expect(identityStore.send(new DescribeGroupMembershipCommand({ IdentityStoreId: identityStoreId, MembershipId: "00000000-0000-0000-0000-000000000000" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    await identityStore.send(new UpdateGroupCommand({ IdentityStoreId: identityStoreId, GroupId: group, Operations: [{ AttributePath: "description", AttributeValue: "after" }] }));
    expect((await identityStore.send(new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: group }))).Description).toBe("after");
    await identityStore.send(new UpdateUserCommand({ IdentityStoreId: identityStoreId, UserId: user, Operations: [{ AttributePath: "displayName", AttributeValue: "P. Be" }, { AttributePath: "name.givenName", AttributeValue: "P." }] }));
    const updated = await identityStore.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: user }));
    expect([updated.DisplayName, updated.Name?.GivenName, updated.Name?.FamilyName]).toEqual(["P. Be", "P.", "Be"]);
    await expect(identityStore.send(new UpdateUserCommand({ IdentityStoreId: identityStoreId, UserId: user, Operations: [{ AttributePath: "addresses", AttributeValue: [] }] }))).rejects.toMatchObject({ name: "ValidationException" });
  });
});

describe("the tutorial's access, as code", () => {
  let dir: string;

  it("plans permission sets, their policies, groups, the user, and one assignment per account", async () => {
    dir = await prepare("access", accessConfig(TUTORIAL));
    const created = addressesByAction((await sandbox.plan(dir)).json).create ?? [];
    expect(created.filter((a) => /ssoadmin|identitystore/.test(a))).toEqual([
      'aws_identitystore_group.groups["Administrators"]',
      'aws_identitystore_group.groups["Developers"]',
      'aws_identitystore_group_membership.memberships["Administrators/alice@example.com"]',
      'aws_identitystore_user.users["alice@example.com"]',
      'aws_ssoadmin_account_assignment.assignments["Administrators/AdministratorAccess/management-account"]',
      'aws_ssoadmin_account_assignment.assignments["Developers/PowerUser/dev-a"]',
      'aws_ssoadmin_managed_policy_attachment.managed_policies["AdministratorAccess/AdministratorAccess"]',
      'aws_ssoadmin_managed_policy_attachment.managed_policies["PowerUser/PowerUserAccess"]',
      'aws_ssoadmin_permission_set.permission_sets["AdministratorAccess"]',
      'aws_ssoadmin_permission_set.permission_sets["PowerUser"]',
      'aws_ssoadmin_permission_set_inline_policy.inline_policies["PowerUser"]',
      'aws_ssoadmin_permissions_boundary_attachment.permissions_boundaries["PowerUser"]',
    ]);
  });

  it("applies: Identity Center holds each permission set as written, the group on the management account, developers on the OU's account", async () => {
    const started = Date.now();
    await sandbox.apply(dir, ["tfplan"]);
    process.stderr.write(`[e2e] Identity Center: apply of the tutorial's access (and its organization) took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const admin = await permissionSetArn("AdministratorAccess");
    const described = (await ssoAdmin.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: admin }))).PermissionSet!;
    expect([described.SessionDuration, described.Description]).toEqual(["PT12H", "Full access"]);
    const policies = (await ssoAdmin.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: admin }))).AttachedManagedPolicies ?? [];
    expect(policies.map((p) => p.Arn)).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    const tags = (await ssoAdmin.send(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: admin }))).Tags ?? [];
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({ ManagedBy: "OpenTofu", Team: "platform" });

    const power = await permissionSetArn("PowerUser");
    const inline = (await ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: power }))).InlinePolicy!;
    expect(JSON.parse(inline)).toEqual(ownBucketOnly);
    expect(inline).toContain("team-bucket/${aws:username}/*");
    const boundary = (await ssoAdmin.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: power }))).PermissionsBoundary;
    expect(boundary).toEqual({ ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });

    const administrators = await groupId("Administrators");
    const members = (await identityStore.send(new ListGroupMembershipsCommand({ IdentityStoreId: identityStoreId, GroupId: administrators }))).GroupMemberships ?? [];
    expect(members).toHaveLength(1);
    expect(await assignedPrincipals("123456789012", "AdministratorAccess")).toEqual([`GROUP:${administrators}`]);
    const devA = (await liveAccounts(organizationsClient(sandbox))).find((a) => a.name === "dev-a")!;
    expect(await assignedPrincipals(devA.id, "PowerUser")).toEqual([`GROUP:${await groupId("Developers")}`]);
  });

  it("has nothing left to do on the next plan", async () => {
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("gives an account added to the OU its access in the same plan, said in words in the comment", async () => {
    const cfg = accessConfig(TUTORIAL, [{ name: "dev-a", organizationalUnit: "Workloads/Dev" }, { name: "dev-b", organizationalUnit: "Workloads/Dev" }]);
    const grown = await prepare("access-new-account", cfg);
    const plan = await sandbox.plan(grown);
    expect(addressesByAction(plan.json)).toEqual({
      // The shipped config's contacts come with the account (security foundations).
      create: [...contactAddresses("dev-b"), 'aws_organizations_account.accounts["dev-b"]', 'aws_ssoadmin_account_assignment.assignments["Developers/PowerUser/dev-b"]'],
    });
    const stack = await readPlannedStack("organization", grown);
    const decision = guardForStacks([stack]);
    expect(decision.allowed).toBe(true);
    expect(renderPlanComment([stack], { guard: decision })).toContain("- 🔑 `Developers` gains `PowerUser` on 1 account: dev-b (Workloads/Dev)");
    await sandbox.apply(grown, ["tfplan"]);
    const devB = (await liveAccounts(organizationsClient(sandbox))).find((a) => a.name === "dev-b")!;
    expect(await assignedPrincipals(devB.id, "PowerUser")).toEqual([`GROUP:${await groupId("Developers")}`]);
    expect((await sandbox.plan(grown)).exitCode).toBe(0);
  });

  it("blocks removing the last administrator assignment on the management account", async () => {
    const cfg = accessConfig({ ...TUTORIAL, assignments: TUTORIAL.assignments!.slice(1) }, [{ name: "dev-a", organizationalUnit: "Workloads/Dev" }, { name: "dev-b", organizationalUnit: "Workloads/Dev" }]);
    const locked = await prepare("access-lockout", cfg);
    const plan = await sandbox.plan(locked);
    expect(addressesByAction(plan.json)).toEqual({ delete: ['aws_ssoadmin_account_assignment.assignments["Administrators/AdministratorAccess/management-account"]'] });
    const stack = await readPlannedStack("organization", locked);
    const decision = guardForStacks([stack]);
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous.map((d) => d.reason)).toEqual([
      "removes the last administrator access to the management account through IAM Identity Center (Administrators had AdministratorAccess there): a lock-out",
    ]);
    expect(renderPlanComment([stack], { guard: decision })).toContain("- 🚫 `Administrators` loses `AdministratorAccess` on 1 account: the management account");
  });
});

describe("adopting what exists", () => {
  it("imports a permission set made in the console by ARN, with its policy, and looks up a synced group by name", async () => {
    const made = await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: "Auditor", SessionDuration: "PT1H", Tags: [{ Key: "ManagedBy", Value: "OpenTofu" }] }));
    const arn = made.PermissionSet!.PermissionSetArn!;
    await ssoAdmin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    const synced = (await identityStore.send(new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: "Auditors" }))).GroupId!;

    const adopted: IdentityCenter = {
      ...TUTORIAL,
      permissionSets: [...TUTORIAL.permissionSets!, { name: "Auditor", sessionDuration: "PT1H", managedPolicies: ["ReadOnlyAccess"], arn }],
      groups: [...TUTORIAL.groups!, { name: "Auditors", existing: true }],
      assignments: [...TUTORIAL.assignments!, { group: "Auditors", permissionSet: "Auditor", targets: { accounts: ["dev-a"] } }],
    };
    const dir = await prepare("access-adopt", accessConfig(adopted, [{ name: "dev-a", organizationalUnit: "Workloads/Dev" }, { name: "dev-b", organizationalUnit: "Workloads/Dev" }]));
    const plan = await sandbox.plan(dir);
    expect(addressesByAction(plan.json)).toEqual({
      import: ['aws_ssoadmin_managed_policy_attachment.managed_policies["Auditor/ReadOnlyAccess"]', 'aws_ssoadmin_permission_set.permission_sets["Auditor"]'],
      create: ['aws_ssoadmin_account_assignment.assignments["Auditors/Auditor/dev-a"]'],
    });
    await sandbox.apply(dir, ["tfplan"]);
    const devA = (await liveAccounts(organizationsClient(sandbox))).find((a) => a.name === "dev-a")!;
    expect(await assignedPrincipals(devA.id, "Auditor")).toEqual([`GROUP:${synced}`]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);

    // aws-org plan lists the permission sets made outside the config (Probe, made by the first
    // test, and 21 more, so the listing crosses ListPermissionSets' page of 20) and not those it
    // manages (Auditor, imported here).
    const console = await Promise.all(Array.from({ length: 21 }, async (_, n) => {
      const name = `Console${String(n + 1).padStart(2, "0")}`;
      return { name, arn: (await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: name }))).PermissionSet!.PermissionSetArn! };
    }));
    const firstPage = await ssoAdmin.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn }));
    expect([firstPage.PermissionSets?.length, Boolean(firstPage.NextToken)]).toEqual([20, true]);
    const probe = await permissionSetArn("Probe");
    const cli = (args: string[]) => awsOrg(sandbox, args);
    const planned = await cli(["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/organization: \d+ accounts?, OUs or permission sets in the organization that the config does not manage/);
    const comment = (await cli(["plan-comment", "--stack", `organization=${dir}`])).stdout;
    expect(comment).toContain(`- permission set \`Probe\` (\`${probe}\`) in IAM Identity Center`);
    for (const made of console) expect(comment).toContain(`- permission set \`${made.name}\` (\`${made.arn}\`) in IAM Identity Center`);
    expect(comment).not.toContain(arn);
  });
});
