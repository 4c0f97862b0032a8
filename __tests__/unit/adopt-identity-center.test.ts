// Adopting IAM Identity Center: the OU-wide compaction of assignments never grants more than AWS
// grants today (checked against the config's own expansion, by hand and with random organizations),
// principals are written as the config keys them (a synced group looked up, a directory group
// imported, users looked up), what cannot be a key is left out with the reason, and the existing
// assignments are checked against the config and synthesize one import block with literal ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LiveIdentityCenter } from "../../adopt/discover-identity-center.js";
import type { LiveOrganization } from "../../adopt/discover-organization.js";
import { compactTargets, identityCenterFromLive, type IdentityCenterContext } from "../../adopt/identity-center-from-live.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { validateConfig } from "../../config-language/validate.js";
import { configProblems } from "../helpers/config-problems.js";
import { synthOrganization } from "../helpers/synth.js";

const MANAGEMENT = "123456789012";
const ROOT = "r-abcd";
const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
const psArn = (n: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${n.padStart(16, "0")}`;
const GROUP_ID = (n: number) => `9067${n}d3e-1234-5678-9abc-def012345678`.slice(0, 8) + "-1234-5678-9abc-def012345678";

/** Workloads/{Prod: a1 a2, Dev: a3}, Sandbox: a4, root: a5. */
function organization(): IdentityCenterContext {
  const units = [
    { id: "ou-w", name: "Workloads", parentId: ROOT, tags: {} },
    { id: "ou-s", name: "Sandbox", parentId: ROOT, tags: {} },
    { id: "ou-p", name: "Prod", parentId: "ou-w", tags: {} },
    { id: "ou-d", name: "Dev", parentId: "ou-w", tags: {} },
  ];
  const accounts = [
    ["111111111111", "a1", "ou-p"],
    ["222222222222", "a2", "ou-p"],
    ["333333333333", "a3", "ou-d"],
    ["444444444444", "a4", "ou-s"],
    ["555555555555", "a5", ROOT],
  ].map(([id, name, parentId]) => ({ id: id!, name: name!, email: `${name}@example.com`, status: "ACTIVE", parentId: parentId!, tags: {} }));
  return {
    organization: { managementAccountId: MANAGEMENT, rootId: ROOT, organizationalUnits: units, accounts, servicePrincipals: ["sso.amazonaws.com"] } as IdentityCenterContext["organization"],
    references: { units: new Map(units.map((u) => [u.id, u.name])), accounts: new Map(accounts.map((a) => [a.id, a.name])) },
  };
}

const context = organization();
const idOf = (name: string) => [...context.references.accounts].find(([, n]) => n === name)![0];

/** The config an adoption writes, validated, with the accounts each assignment entry expands to. */
function expandedBy(targets: { allAccounts?: true; organizationalUnits: string[]; accounts: string[] }): string[] {
  const config = {
    organization: { awsServiceAccessPrincipals: ["sso.amazonaws.com"] },
    emailConvention: "{name}@example.com",
    organizationalUnits: [{ name: "Workloads", id: "ou-abcd-11111111" }, { name: "Sandbox", id: "ou-abcd-22222222" }, { name: "Prod", parent: "Workloads", id: "ou-abcd-33333333" }, { name: "Dev", parent: "Workloads", id: "ou-abcd-44444444" }],
    accounts: context.organization.accounts.map((a) => ({ name: a.name, id: a.id, ...(a.parentId === ROOT ? {} : { organizationalUnit: context.references.units.get(a.parentId) }) })),
    identityCenter: { permissionSets: [{ name: "Admin" }], groups: [{ name: "Ops" }], assignments: [{ group: "Ops", permissionSet: "Admin", targets }] },
  } as OrganizationConfigInput;
  return validateConfig(config).identityCenter!.assignments.map((a) => a.account).sort();
}

describe("compacting assignments into OU-wide targets", () => {
  it("names the highest OU whose every account has the permission set, and the rest by name", () => {
    expect(compactTargets(new Set(["a1", "a2", "a3"].map(idOf)), context)).toEqual({ organizationalUnits: ["Workloads"], accounts: [] });
    expect(compactTargets(new Set(["a1", "a3", "a5"].map(idOf)), context)).toEqual({ organizationalUnits: ["Dev"], accounts: ["a1", "a5"] });
    expect(compactTargets(new Set(["a1", "a2", "a4"].map(idOf)), context)).toEqual({ organizationalUnits: ["Sandbox", "Prod"], accounts: [] });
    expect(compactTargets(new Set(), context)).toEqual({ organizationalUnits: [], accounts: [] });
    // All of them: the whole organization, one target.
    expect(compactTargets(new Set(["a1", "a2", "a3", "a4", "a5"].map(idOf)), context)).toEqual({ allAccounts: true, organizationalUnits: [], accounts: [] });
  });

  it("never grants more or less than today, for any set of accounts (the config's own expansion as the judge)", () => {
    const names = context.organization.accounts.map((a) => a.name);
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1 }), (granted) => {
        const targets = compactTargets(new Set(granted.map(idOf)), context);
        expect(expandedBy(targets)).toEqual([...granted].sort());
      }),
      { numRuns: 64 },
    );
  });
});

describe("Identity Center as the config writes it", () => {
  const live = (parts: Partial<LiveIdentityCenter>): LiveIdentityCenter => ({
    instanceArn: INSTANCE,
    identityStoreId: "d-1234567890",
    permissionSets: [{ arn: psArn("1"), name: "Admin", sessionDuration: "PT8H", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], customerManagedPolicies: [], tags: {} }],
    assignments: [],
    groups: new Map(),
    users: new Map(),
    requests: 0,
    ...parts,
  });

  it("looks up a synced group, imports a directory group, looks up users, and leaves out what cannot be a key", () => {
    const adopted = identityCenterFromLive(
      live({
        groups: new Map([
          [GROUP_ID(1), { id: GROUP_ID(1), displayName: "Synced", external: true }],
          [GROUP_ID(2), { id: GROUP_ID(2), displayName: "Local", description: "made here", external: false }],
          [GROUP_ID(3), { id: GROUP_ID(3), displayName: "a/b", external: false }],
        ]),
        users: new Map([["u-1", { id: "u-1", userName: "bob" }]]),
        assignments: [
          { permissionSetArn: psArn("1"), accountId: idOf("a4"), principalType: "GROUP", principalId: GROUP_ID(1) },
          { permissionSetArn: psArn("1"), accountId: MANAGEMENT, principalType: "GROUP", principalId: GROUP_ID(2) },
          { permissionSetArn: psArn("1"), accountId: idOf("a5"), principalType: "GROUP", principalId: GROUP_ID(3) },
          { permissionSetArn: psArn("1"), accountId: idOf("a5"), principalType: "USER", principalId: "u-1" },
          { permissionSetArn: psArn("1"), accountId: "999999999999", principalType: "USER", principalId: "u-1" },
        ],
      }),
      context,
    );
    expect(adopted.identityCenter?.groups).toEqual([{ name: "Synced", existing: true }, { name: "Local", description: "made here", id: GROUP_ID(2) }]);
    expect(adopted.identityCenter?.users).toEqual([{ userName: "bob", existing: true }]);
    expect(adopted.identityCenter?.assignments).toEqual([
      { group: "Synced", permissionSet: "Admin", targets: { organizationalUnits: ["Sandbox"] } },
      { group: "Local", permissionSet: "Admin", targets: { managementAccount: true } },
      { user: "bob", permissionSet: "Admin", targets: { accounts: ["a5"] } },
    ]);
    expect(adopted.leftOut).toEqual([
      `group ${GROUP_ID(3)} ("a/b"): its name holds "/" or template syntax, which keys here cannot`,
      `assignment of ${psArn("1")} to group ${GROUP_ID(3)} on account ${idOf("a5")}: its group ${GROUP_ID(3)} is left out or no longer exists`,
      `assignment of ${psArn("1")} to user u-1 on account 999999999999: its account is left out`,
    ]);
    expect(adopted.identityCenter?.existingAssignments).toEqual(["Local/Admin/management-account", "Synced/Admin/a4", "bob/Admin/a5"]);
  });
});

describe("what AWS Control Tower owns", () => {
  const withControlTower = { ...context, organization: { ...context.organization, servicePrincipals: ["controltower.amazonaws.com", "sso.amazonaws.com"] } };
  const ct = { arn: psArn("9"), name: "AWSAdministratorAccess", managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], customerManagedPolicies: [], tags: {} };
  const liveWithCt = (): LiveIdentityCenter => ({
    instanceArn: INSTANCE,
    identityStoreId: "d-1234567890",
    permissionSets: [ct],
    assignments: [{ permissionSetArn: psArn("9"), accountId: idOf("a1"), principalType: "GROUP", principalId: GROUP_ID(4) }],
    groups: new Map([[GROUP_ID(4), { id: GROUP_ID(4), displayName: "AWSControlTowerAdmins", external: false }]]),
    users: new Map(),
    requests: 0,
  });

  it("leaves Control Tower's permission sets and their assignments to it where Control Tower runs, and adopts them where it does not", () => {
    const adopted = identityCenterFromLive(liveWithCt(), withControlTower);
    expect(adopted.identityCenter).toBeUndefined();
    expect(adopted.owned).toEqual([`permission set ${psArn("9")} ("AWSAdministratorAccess"): AWS Control Tower, with its 1 assignment`]);
    expect(identityCenterFromLive(liveWithCt(), context).identityCenter?.permissionSets?.map((p) => p.name)).toEqual(["AWSAdministratorAccess"]);
  });

  it("refuses a config that names Control Tower's policies or, where it runs, its permission sets", () => {
    const config = {
      organization: { awsServiceAccessPrincipals: ["controltower.amazonaws.com", "sso.amazonaws.com"], enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] },
      emailConvention: "{name}@example.com",
      policies: [{ name: "aws-guardrails-AbCdEf", content: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] }, targets: { root: true } }],
      identityCenter: { permissionSets: [{ name: "AWSReadOnlyAccess" }] },
    } as OrganizationConfigInput;
    expect(configProblems(config).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "identityCenter.permissionSets[0].name: \"AWSReadOnlyAccess\" is AWS Control Tower's permission set (controltower.amazonaws.com has trusted access), which Control Tower manages: give yours another name",
      "policies[0].name: names beginning aws-guardrails- are AWS Control Tower's guardrail policies, which it owns and restores: manage its controls in Control Tower",
    ]);
  });
});

describe("existing assignments checked against the config, and imported", () => {
  const base = (identityCenter: unknown, accounts: unknown[] = [{ name: "a1", email: "a1@example.com", id: "111111111111" }, { name: "new", email: "new@example.com" }]) =>
    ({ organization: { awsServiceAccessPrincipals: ["sso.amazonaws.com"], id: "o-abcdefghij" }, nameTags: false, defaultTags: {}, emailConvention: "{name}@example.com", accounts, identityCenter }) as OrganizationConfigInput;
  const center = (existingAssignments: string[]) => ({
    permissionSets: [{ name: "Admin", arn: psArn("1") }, { name: "Fresh" }],
    groups: [{ name: "Local", id: GROUP_ID(2) }, { name: "Synced", existing: true }, { name: "Created" }],
    users: [{ userName: "bob", existing: true }],
    assignments: [
      { group: "Local", permissionSet: "Admin", targets: { managementAccount: true, accounts: ["a1", "new"] } },
      { group: "Synced", permissionSet: "Admin", targets: { accounts: ["a1"] } },
      { user: "bob", permissionSet: "Admin", targets: { accounts: ["a1"] } },
      { group: "Created", permissionSet: "Admin", targets: { accounts: ["a1"] } },
      { group: "Local", permissionSet: "Fresh", targets: { accounts: ["a1"] } },
    ],
    existingAssignments,
  });

  it("refuses keys whose permission set, principal or account does not exist yet, and notes a key the config no longer has", () => {
    expect(configProblems(base(center(["Local/Admin/nowhere", "Local/Fresh/a1", "Created/Admin/a1", "Local/Admin/new"]))).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'identityCenter.existingAssignments[1]: "Local/Fresh/a1": the permission set Fresh has no arn, so it is created and none of its assignments can exist yet',
      'identityCenter.existingAssignments[2]: "Created/Admin/a1": Created is created by this config (no id, not existing), so it has no assignment yet',
      'identityCenter.existingAssignments[3]: "Local/Admin/new": the account new has no id in the config, so it is created and has no assignment yet',
    ]);
    // An account moved out of the OU an assignment names: the key is stale, not wrong.
    const model = validateConfig(base(center(["Local/Admin/nowhere", "Local/Admin/a1"])));
    expect(model.identityCenter?.notes).toContain('identityCenter.existingAssignments[0]: "Local/Admin/nowhere" is no assignment of this config (any more): nothing to import');
    expect(model.identityCenter?.assignments.filter((a) => a.existing).map((a) => a.key)).toEqual(["Local/Admin/a1"]);
  });

  it("imports each with ids known when the plan starts: literal ids, the directory's lookups, the caller for the management account", () => {
    const stack = synthOrganization(base(center(["Local/Admin/a1", "Local/Admin/management-account", "Synced/Admin/a1", "bob/Admin/a1"])));
    const instance = "${local.identity_center_arn}";
    expect(stack.locals.assignments_to_import).toEqual({
      "Local/Admin/a1": `${GROUP_ID(2)},GROUP,111111111111,AWS_ACCOUNT,${psArn("1")},${instance}`,
      "Local/Admin/management-account": `${GROUP_ID(2)},GROUP,\${data.aws_caller_identity.management_account.account_id},AWS_ACCOUNT,${psArn("1")},${instance}`,
      "Synced/Admin/a1": `\${data.aws_identitystore_group.existing["Synced"].group_id},GROUP,111111111111,AWS_ACCOUNT,${psArn("1")},${instance}`,
      "bob/Admin/a1": `\${data.aws_identitystore_user.existing["bob"].user_id},USER,111111111111,AWS_ACCOUNT,${psArn("1")},${instance}`,
    });
    expect(stack.import).toContainEqual({ for_each: "${local.assignments_to_import}", to: "aws_ssoadmin_account_assignment.assignments[each.key]", id: "${each.value}" });
  });
});
