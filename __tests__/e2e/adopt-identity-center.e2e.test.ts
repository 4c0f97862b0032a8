// Adopting a live organization's IAM Identity Center access, against moto: an organization built
// through the AWS SDK only (OUs two levels deep, five accounts), three permission sets with every
// kind of policy (AWS managed, customer managed, inline, a permissions boundary, tags, relay state,
// session length), two groups and a user, and assignments across OUs, single accounts and the
// management account. `aws-org init` writes it the way a person would (an OU where every account of
// it has the permission set); the first plan only imports; applied, the next plan is empty. The
// organization also runs (what looks like) AWS Control Tower: its guardrail SCP and its
// AWSAdministratorAccess permission set are named as Control Tower's and left to it. Then an
// assignment made in the console: the drift check's plan (--assignments) names it in words, a pull
// request's plan does not spend the requests.
import { CreatePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateGroupCommand, CreateUserCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand as CreateOrganizationsPolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  MoveAccountCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListInstancesCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readConfigFile } from "../../config-language/read-config-file.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { createAccountOutsideTofu } from "../../sandbox/existing-organization.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, organizationsClient, rootId } from "./helpers.js";

const MANAGEMENT = "123456789012";
const INLINE = { Version: "2012-10-17", Statement: [{ Sid: "ReadLogs", Effect: "Allow", Action: ["logs:Get*", "logs:Describe*"], Resource: "*" }] };

let sandbox: Sandbox;
let organizations: OrganizationsClient;
let ssoAdmin: SSOAdminClient;
let out: string;
let adopted: OrganizationConfigInput;
let dir: string;
const ids: Record<string, string> = {};
const arns: Record<string, string> = {};

async function prepare(name: string, config: OrganizationConfigInput): Promise<string> {
  const stackDir = sandbox.stackDir(await sandbox.synth(name, { ...config, provider: { versionConstraint: sandbox.tools.providerVersion } }), "organization");
  await sandbox.init(stackDir);
  return stackDir;
}

/** Assignments are asynchronous: waits (bounded) until each one AWS accepted has SUCCEEDED. */
async function assign(instanceArn: string, made: { permissionSet: string; principalType: "GROUP" | "USER"; principalId: string; accountId: string }[]): Promise<void> {
  const requests: string[] = [];
  for (const a of made) {
    const status = await ssoAdmin.send(
      new CreateAccountAssignmentCommand({ InstanceArn: instanceArn, PermissionSetArn: arns[a.permissionSet], PrincipalType: a.principalType, PrincipalId: a.principalId, TargetType: "AWS_ACCOUNT", TargetId: a.accountId }),
    );
    requests.push(status.AccountAssignmentCreationStatus!.RequestId!);
  }
  for (const request of requests) {
    let state = "IN_PROGRESS";
    for (let poll = 0; poll < 60 && state === "IN_PROGRESS"; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = (await ssoAdmin.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, AccountAssignmentCreationRequestId: request }))).AccountAssignmentCreationStatus!.Status!;
    }
    if (state !== "SUCCEEDED") throw new Error(`assignment ${request}: ${state}`);
  }
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  organizations = organizationsClient(sandbox);
  ssoAdmin = new SSOAdminClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  await bootstrapStateBackend(sandbox, await defaultSandboxConfig(sandbox));
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "sso.amazonaws.com" }));
  const root = await rootId(organizations);
  const ou = async (name: string, parentId: string) => (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }))).OrganizationalUnit!.Id!;
  ids.Workloads = await ou("Workloads", root);
  ids.Prod = await ou("Prod", ids.Workloads);
  ids.Dev = await ou("Dev", ids.Workloads);
  ids.Sandbox = await ou("Sandbox", root);
  for (const [name, home] of [["prod-a", "Prod"], ["prod-b", "Prod"], ["dev-a", "Dev"], ["sbx-a", "Sandbox"], ["tools", undefined]] as const) {
    ids[name] = await createAccountOutsideTofu(organizations, name, `${name}@example.com`);
    if (home) await organizations.send(new MoveAccountCommand({ AccountId: ids[name], SourceParentId: root, DestinationParentId: ids[home] }));
  }

  // What AWS Control Tower leaves in an organization: its trusted access, a guardrail SCP on an OU.
  await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "controltower.amazonaws.com" }));
  await organizations.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: "SERVICE_CONTROL_POLICY" }));
  const guardrail = { Version: "2012-10-17", Statement: [{ Sid: "GRRESTRICTROOTUSER", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": ["arn:*:iam::*:root"] } } }] };
  ids.guardrail = (await organizations.send(new CreateOrganizationsPolicyCommand({ Name: "aws-guardrails-AbCdEf", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: JSON.stringify(guardrail) }))).Policy!.PolicySummary!.Id!;
  await organizations.send(new AttachPolicyCommand({ PolicyId: ids.guardrail, TargetId: ids.Workloads }));

  // The customer managed policy the Billing set names exists where it is assigned: the management account.
  const iam = new IAMClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  await iam.send(new CreatePolicyCommand({ PolicyName: "BillingReadOnly", Path: "/team/", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "aws-portal:View*", Resource: "*" }] }) }));
  iam.destroy();

  const instance = (await ssoAdmin.send(new ListInstancesCommand({}))).Instances![0]!;
  const InstanceArn = instance.InstanceArn!;
  ids.instance = InstanceArn;
  const set = async (name: string, extra: { Description?: string; RelayState?: string; SessionDuration: string; Tags?: { Key: string; Value: string }[] }) =>
    (arns[name] = (await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn, Name: name, ...extra }))).PermissionSet!.PermissionSetArn!);
  await set("Admin", { SessionDuration: "PT8H", Tags: [{ Key: "Team", Value: "platform" }] });
  await ssoAdmin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: arns.Admin, ManagedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
  await set("Developer", { Description: "Builds and reads", RelayState: "https://console.aws.amazon.com/cloudwatch/", SessionDuration: "PT4H" });
  await ssoAdmin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: arns.Developer, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
  await ssoAdmin.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn: arns.Developer, InlinePolicy: JSON.stringify(INLINE) }));
  await ssoAdmin.send(new PutPermissionsBoundaryToPermissionSetCommand({ InstanceArn, PermissionSetArn: arns.Developer, PermissionsBoundary: { ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" } }));
  await set("Billing", { SessionDuration: "PT1H" });
  await set("AWSAdministratorAccess", { SessionDuration: "PT1H" });
  await ssoAdmin.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ InstanceArn, PermissionSetArn: arns.Billing, CustomerManagedPolicyReference: { Name: "BillingReadOnly", Path: "/team/" } }));

  const store = new IdentitystoreClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  const IdentityStoreId = instance.IdentityStoreId!;
  ids.Platform = (await store.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: "Platform", Description: "runs the organization" }))).GroupId!;
  ids.Developers = (await store.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: "Developers" }))).GroupId!;
  ids.ctAdmins = (await store.send(new CreateGroupCommand({ IdentityStoreId, DisplayName: "AWSControlTowerAdmins" }))).GroupId!;
  ids.alice = (await store.send(new CreateUserCommand({ IdentityStoreId, UserName: "alice", DisplayName: "Alice Doe", Name: { GivenName: "Alice", FamilyName: "Doe" } }))).UserId!;
  store.destroy();

  const group = (name: string) => ({ principalType: "GROUP" as const, principalId: ids[name]! });
  await assign(InstanceArn, [
    // Every account of Workloads (and below), and the management account: one OU-wide entry.
    ...["prod-a", "prod-b", "dev-a"].map((account) => ({ permissionSet: "Admin", ...group("Platform"), accountId: ids[account]! })),
    { permissionSet: "Admin", ...group("Platform"), accountId: MANAGEMENT },
    // Dev whole, Prod only in part: the OU Dev and the account prod-a.
    ...["prod-a", "dev-a"].map((account) => ({ permissionSet: "Developer", ...group("Developers"), accountId: ids[account]! })),
    { permissionSet: "Billing", principalType: "USER", principalId: ids.alice!, accountId: MANAGEMENT },
    { permissionSet: "AWSAdministratorAccess", ...group("ctAdmins"), accountId: ids.tools! },
  ]);
  out = join(sandbox.workDir, "adopted.ts");
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  organizations?.destroy();
  ssoAdmin?.destroy();
  await sandbox?.stop();
});

describe("aws-org init adopts IAM Identity Center", () => {
  it("writes every permission set, the principals assignments name, and the assignments as a person would", async () => {
    const result = await awsOrg(sandbox, ["init", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    process.stderr.write(`[e2e] ${result.stdout.split("\n")[0]}\n`);
    expect(result.stdout).toMatch(/5 accounts, 1 policy types, 2 service principals, 0 policies, 0 delegated administrators, 3 permission sets, 2 groups, 1 user, 7 account assignments, no security foundations \(\d+ API requests in [\d.]+ s\)/);
    expect(result.stdout).toContain("Owned by another service, so not adopted and never changed by a plan (2):");
    expect(result.stdout).toContain(`  - policy ${ids.guardrail} ("aws-guardrails-AbCdEf"): AWS Control Tower, with its 1 attachment`);
    expect(result.stdout).toContain(`  - permission set ${arns.AWSAdministratorAccess} ("AWSAdministratorAccess"): AWS Control Tower, with its 1 assignment`);
    // The Sandbox OU carries Control Tower's default name for its optional OU: named, and adopted.
    expect(result.stdout).toContain(`AWS Control Tower's landing zone, by its default names (1): adopted, their tags and OU managed here`);
    expect(result.stdout).toContain(`  - OU ${ids.Sandbox} ("Sandbox")`);
    adopted = (await readConfigFile(out)) as OrganizationConfigInput;
    expect(adopted.identityCenter?.permissionSets).toEqual([
      { name: "Admin", sessionDuration: "PT8H", managedPolicies: ["AdministratorAccess"], tags: { Team: "platform" }, arn: arns.Admin },
      {
        name: "Developer",
        description: "Builds and reads",
        sessionDuration: "PT4H",
        relayState: "https://console.aws.amazon.com/cloudwatch/",
        managedPolicies: ["ReadOnlyAccess"],
        inlinePolicy: INLINE,
        permissionsBoundary: { managedPolicy: "PowerUserAccess" },
        tags: {},
        arn: arns.Developer,
      },
      { name: "Billing", sessionDuration: "PT1H", customerManagedPolicies: [{ name: "BillingReadOnly", path: "/team/" }], tags: {}, arn: arns.Billing },
    ]);
    expect(adopted.identityCenter?.groups).toEqual([
      { name: "Platform", description: "runs the organization", id: ids.Platform },
      { name: "Developers", id: ids.Developers },
    ]);
    expect(adopted.identityCenter?.users).toEqual([{ userName: "alice", existing: true }]);
    expect(adopted.identityCenter?.assignments).toEqual(
      expect.arrayContaining([
        { group: "Platform", permissionSet: "Admin", targets: { managementAccount: true, organizationalUnits: ["Workloads"] } },
        { group: "Developers", permissionSet: "Developer", targets: { organizationalUnits: ["Dev"], accounts: ["prod-a"] } },
        { user: "alice", permissionSet: "Billing", targets: { managementAccount: true } },
      ]),
    );
    expect(adopted.identityCenter?.assignments).toHaveLength(3);
    expect(adopted.identityCenter?.existingAssignments).toEqual([
      "Developers/Developer/dev-a",
      "Developers/Developer/prod-a",
      "Platform/Admin/dev-a",
      "Platform/Admin/management-account",
      "Platform/Admin/prod-a",
      "Platform/Admin/prod-b",
      "alice/Billing/management-account",
    ]);
  });

  it("plans imports and nothing else", async () => {
    dir = await prepare("adopted-access", adopted);
    const plan = (await sandbox.plan(dir)).json;
    const updates = (plan.resource_changes ?? []).filter((c) => !c.change.actions.includes("no-op") && !c.change.actions.includes("read")).map((c) => ({ address: c.address, actions: c.change.actions, before: c.change.before, after: c.change.after }));
    expect(updates, JSON.stringify(updates, null, 1)).toEqual([]);
    const actions = addressesByAction(plan);
    expect(Object.keys(actions)).toEqual(["import"]);
    expect(actions.import).toEqual(
      expect.arrayContaining([
        'aws_ssoadmin_permission_set.permission_sets["Developer"]',
        'aws_ssoadmin_managed_policy_attachment.managed_policies["Developer/ReadOnlyAccess"]',
        'aws_ssoadmin_customer_managed_policy_attachment.customer_managed_policies["Billing//team/BillingReadOnly"]',
        'aws_ssoadmin_permission_set_inline_policy.inline_policies["Developer"]',
        'aws_ssoadmin_permissions_boundary_attachment.permissions_boundaries["Developer"]',
        'aws_identitystore_group.groups["Platform"]',
        'aws_ssoadmin_account_assignment.assignments["Platform/Admin/management-account"]',
        'aws_ssoadmin_account_assignment.assignments["alice/Billing/management-account"]',
        'aws_ssoadmin_account_assignment.assignments["Developers/Developer/dev-a"]',
      ]),
    );
    // The organization, 4 OUs, 5 accounts; 3 permission sets, 2 managed and 1 customer managed
    // attachment, an inline policy, a boundary; 2 groups; 7 assignments.
    expect(actions.import).toHaveLength(1 + 4 + 5 + 3 + 2 + 1 + 1 + 1 + 2 + 7);
  });

  it("applies, and the next plan is empty", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("lists an assignment made outside the config in the drift check, in words; a pull request's plan does not read assignments", async () => {
    await assign(ids.instance!, [{ permissionSet: "Admin", principalType: "GROUP", principalId: ids.Developers!, accountId: ids["sbx-a"]! }]);
    const plan = (extra: string[]) => awsOrg(sandbox, ["plan", "--stack", `organization=${dir}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`, ...extra]);
    const pullRequest = await plan([]);
    expect(pullRequest.status, pullRequest.stderr).toBe(0);
    // Control Tower's permission set is listed (as Control Tower's), not drift.
    expect(pullRequest.stdout).toContain("organization: 1 account, OUs or permission sets in the organization that the config does not manage");
    const drift = await plan(["--assignments"]);
    expect(drift.status, drift.stderr).toBe(0);
    expect(drift.stdout).toContain("organization: 3 accounts, OUs, permission sets or account assignments in the organization that the config does not manage");
    process.stderr.write(`[e2e] drift: ${drift.stderr.split("\n").find((line) => line.startsWith("account assignments read with")) ?? ""}\n`);
    const comment = (await awsOrg(sandbox, ["plan-comment", "--stack", `organization=${dir}`])).stdout;
    expect(comment).toContain(`- account assignment: group \`Developers\` has \`Admin\` on account \`sbx-a\` (\`${ids["sbx-a"]}\`)`);
    expect(comment).toContain(`- account assignment: group \`AWSControlTowerAdmins\` has \`AWSAdministratorAccess\` on account \`tools\` (\`${ids.tools}\`), owned by AWS Control Tower`);
  });

  it("warns, where Control Tower governs, when a plan moves an account to another OU: by name, in the plan and its comment", async () => {
    const moved = await prepare("adopted-moved", { ...adopted, accounts: (adopted.accounts ?? []).map((a) => (a.name === "prod-b" ? { ...a, organizationalUnit: "Sandbox" } : a)) });
    const planned = await awsOrg(sandbox, ["plan", "--stack", `organization=${moved}`, "--init-arg", `-backend-config=${sandbox.backendOverrides}`]);
    expect(planned.status, planned.stderr).toBe(2);
    const warning = `prod-b moves from ${ids.Prod} to ${ids.Sandbox}: Control Tower governs accounts through their registered OU`;
    expect(planned.stderr).toContain(warning);
    expect((await awsOrg(sandbox, ["plan-comment", "--stack", `organization=${moved}`])).stdout).toContain(warning);
  });
});
