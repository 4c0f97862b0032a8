// identityCenter against what AWS documents: names, session durations, policy ARNs, inline policy
// grammar and size, quotas, and every reference (principal, permission set, target) resolving.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ConfigIssue } from "../../config-language/errors.js";
import { configProblems } from "../helpers/config-problems.js";
import { sessionMinutes } from "../../config-language/identity-center-rules.js";
import { validateConfig } from "../../config-language/validate.js";

const dir = mkdtempSync(join(tmpdir(), "identity-center-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (config: unknown): ConfigIssue[] => configProblems(config, dir);
const messages = (config: unknown): string[] => problems(config).map((p) => `${p.path}: ${p.message}`);

const base = {
  organization: { awsServiceAccessPrincipals: ["sso.amazonaws.com"] },
  emailConvention: "aws-{name}@example.com",
  organizationalUnits: [{ name: "Workloads" }, { name: "Dev", parent: "Workloads" }, { name: "Prod", parent: "Workloads" }, { name: "Sandbox" }],
  accounts: [
    { name: "dev-a", organizationalUnit: "Workloads/Dev" },
    { name: "dev-b", organizationalUnit: "Workloads/Dev" },
    { name: "prod", organizationalUnit: "Workloads/Prod" },
    { name: "shared", organizationalUnit: "Workloads" },
    { name: "tools" },
  ],
};
const admin = { name: "AdministratorAccess", sessionDuration: "PT12H", managedPolicies: ["AdministratorAccess"] };
const withAccess = (identityCenter: object, extra: object = {}) => ({ ...base, ...extra, identityCenter });

describe("Identity Center validation", () => {
  it("expands OU targets to every account in the OU and below, with readable keys, and counts the result", () => {
    const model = validateConfig(
      withAccess({
        permissionSets: [admin, { name: "PowerUser", managedPolicies: ["PowerUserAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"] }],
        groups: [{ name: "Administrators" }, { name: "Developers" }],
        assignments: [
          { group: "Administrators", permissionSet: "AdministratorAccess", targets: { managementAccount: true } },
          // Workloads covers Dev, Prod and the account directly in it; dev-a named again is assigned once.
          { group: "Developers", permissionSet: "PowerUser", targets: { organizationalUnits: ["Workloads"], accounts: ["dev-a", "tools"] } },
        ],
      }),
    );
    const access = model.identityCenter!;
    expect(access.assignments.map((a) => a.key)).toEqual([
      "Administrators/AdministratorAccess/management-account",
      "Developers/PowerUser/dev-a",
      "Developers/PowerUser/dev-b",
      "Developers/PowerUser/prod",
      "Developers/PowerUser/shared",
      "Developers/PowerUser/tools",
    ]);
    expect(access.permissionSets[1]!.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
    expect(access.notes).toEqual([
      "2 permission sets, 2 groups, 0 users, 6 account assignments",
      "Administrators: AdministratorAccess on the management account",
      "Developers: PowerUser on 5 accounts (through Workloads (4 accounts))",
    ]);
    // Permission sets get the default tags like every other resource.
    expect(access.permissionSets[0]!.tags).toEqual({ ManagedBy: "OpenTofu" });
  });

  it("reports an OU that holds no account yet (it gives nothing until one is added), without failing", () => {
    const model = validateConfig(withAccess({ permissionSets: [admin], groups: [{ name: "Admins" }], assignments: [{ group: "Admins", permissionSet: "AdministratorAccess", targets: { organizationalUnits: ["Sandbox"] } }] }));
    expect(model.identityCenter!.assignments).toEqual([]);
    expect(model.identityCenter!.notes).toContain('identityCenter.assignments[0]: the OU "Sandbox" holds no account yet, so it gives no access until one is added');
  });

  it("needs trusted access for sso.amazonaws.com and all features", () => {
    expect(messages(withAccess({}, { organization: { featureSet: "CONSOLIDATED_BILLING" } }))).toEqual([
      'identityCenter: needs "sso.amazonaws.com" in organization.awsServiceAccessPrincipals: IAM Identity Center works across the organization only with trusted access',
      'identityCenter: needs organization.featureSet "ALL": trusted access, which IAM Identity Center needs, is not available with consolidated billing only',
    ]);
  });

  it.each([
    ["PT1H", 60],
    ["PT12H", 720],
    ["PT90M", 90],
    ["PT1H30M", 90],
    ["PT13H", 780],
    ["PT1H60M", undefined],
    ["P1D", undefined],
    ["12h", undefined],
    ["PT", undefined],
  ])("reads the session duration %s as %s minutes", (duration, minutes) => {
    expect(sessionMinutes(duration)).toBe(minutes);
  });

  it("holds permission sets to AWS's names, durations, descriptions, relay states and policy ARNs, every problem at once", () => {
    const found = messages(
      withAccess({
        permissionSets: [
          { name: "Too long a permission set name, really", sessionDuration: "PT13H" },
          { name: "ok", sessionDuration: "PT30M", description: "naïve ✓", relayState: "https://console.aws.amazon.com/<script>" },
          { name: "policies", managedPolicies: ["arn:aws:iam::123456789012:policy/Mine", "Admin Access"], customerManagedPolicies: [{ name: "x", path: "no-slashes" }] },
        ],
      }),
    );
    expect(found).toEqual([
      "identityCenter.permissionSets[0].name: must be 1-32 of letters, digits and +=,.@_-",
      'identityCenter.permissionSets[0].sessionDuration: "PT13H" is 780 minutes: AWS allows 1 to 12 hours (PT1H to PT12H)',
      "identityCenter.permissionSets[1].description: may hold only printable Latin-1 characters, tabs and newlines",
      "identityCenter.permissionSets[1].relayState: must be a console URL path: letters, digits and &$@#\\/%?=~-_'\"|!:,.;*+[]() {}",
      'identityCenter.permissionSets[1].sessionDuration: "PT30M" is 30 minutes: AWS allows 1 to 12 hours (PT1H to PT12H)',
      'identityCenter.permissionSets[2].customerManagedPolicies[0].path: must be an IAM path: "/" or "/a/b/"',
      'identityCenter.permissionSets[2].managedPolicies[0]: "arn:aws:iam::123456789012:policy/Mine" is not an AWS managed policy ARN (arn:aws:iam::aws:policy/<name>); customer managed policies go in customerManagedPolicies by name and path',
      'identityCenter.permissionSets[2].managedPolicies[1]: "Admin Access" is not an AWS managed policy name (letters, digits and +=,.@_-, e.g. "ReadOnlyAccess" or "job-function/ViewOnlyAccess")',
    ]);
  });

  it("allows 20 managed and customer managed policies per permission set, refuses 21 and repeats", () => {
    const managed = Array.from({ length: 15 }, (_, i) => `Policy${i}`);
    const customer = Array.from({ length: 5 }, (_, i) => ({ name: `Mine${i}` }));
    expect(messages(withAccess({ permissionSets: [{ name: "Many", managedPolicies: managed, customerManagedPolicies: customer }] }))).toEqual([]);
    expect(messages(withAccess({ permissionSets: [{ name: "Many", managedPolicies: [...managed, "OneMore", "Policy0"], customerManagedPolicies: customer }] }))).toEqual([
      "identityCenter.permissionSets[0].managedPolicies: attaches 21 managed and customer managed policies: AWS allows 20 per permission set",
      "identityCenter.permissionSets[0].managedPolicies[16]: arn:aws:iam::aws:policy/Policy0 is listed twice",
    ]);
  });

  it("checks an inline policy as an identity policy, from a file with its name, and its size as sent", () => {
    writeFileSync(join(dir, "inline.json"), JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }));
    writeFileSync(join(dir, "broken.json"), '{ "Version": "2012-10-17",\n  "Statement": [ }');
    const statement = (i: number) => ({ Sid: `S${i}`, Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::bucket-number-${i}/some/long/prefix/*` });
    const big = { Version: "2012-10-17", Statement: Array.from({ length: 120 }, (_, i) => statement(i)) };
    expect(messages(withAccess({ permissionSets: [
      { name: "FromFile", inlinePolicy: "inline.json" },
      { name: "Broken", inlinePolicy: "broken.json" },
      { name: "Big", inlinePolicy: big },
      { name: "Wide", inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::ünïcödé-€" }] } },
    ] }))).toEqual([
      'identityCenter.permissionSets[0].inlinePolicy.Statement[0]: needs Resource or NotResource ("*" for every resource) (in inline.json)',
      "identityCenter.permissionSets[0].inlinePolicy.Statement[0].Principal: is not a statement element here: an identity policy applies to the role it is attached to and takes no Principal (in inline.json)",
      'identityCenter.permissionSets[1].inlinePolicy: "broken.json" is not valid JSON: value expected at line 2, column 18',
      expect.stringMatching(/^identityCenter\.permissionSets\[2\]\.inlinePolicy: has 1\d,\d{3} bytes that are not whitespace; AWS allows 10,240 in an inline policy$/),
      'identityCenter.permissionSets[3].inlinePolicy: holds "€" (U+20AC): AWS takes only tab, newline, carriage return and U+0020-U+00FF in an inline policy',
    ]);
  });

  it("resolves every assignment's principal, permission set and targets, naming what is unknown", () => {
    expect(
      messages(
        withAccess({
          permissionSets: [admin],
          groups: [{ name: "Admins" }, { name: "admins" }, { name: "Team/Ops" }],
          users: [{ userName: "Admins", displayName: "A", givenName: "A", familyName: "B", email: "a@example.com", groups: ["Nobody"] }, { userName: "administrator", existing: true }],
          assignments: [
            { group: "Ghosts", permissionSet: "Nope", targets: { organizationalUnits: ["Nowhere"], accounts: ["missing"] } },
            { group: "Admins", user: "Admins", permissionSet: "AdministratorAccess", targets: { accounts: ["tools"] } },
            { group: "Admins", permissionSet: "AdministratorAccess", targets: {} },
          ],
        }),
      ),
    ).toEqual([
      'identityCenter.assignments[0].group: names an unknown group "Ghosts": groups of identityCenter.groups, by name',
      'identityCenter.assignments[0].permissionSet: names an unknown permission set "Nope": permission sets of identityCenter.permissionSets, by name',
      'identityCenter.assignments[0].targets.accounts[0]: names an unknown account "missing": targets are accounts of this config, by name (the management account: managementAccount: true)',
      'identityCenter.assignments[0].targets.organizationalUnits[0]: names an unknown organizational unit "Nowhere"',
      "identityCenter.assignments[1]: needs exactly one of group or user: who gets the permission set",
      "identityCenter.assignments[2].targets: names no target: managementAccount, allAccounts, organizationalUnits or accounts",
      'identityCenter.groups[1].name: "admins" duplicates identityCenter.groups[0].name (compared ignoring case): group names are for_each keys and name principals in assignment keys',
      'identityCenter.groups[2].name: must not contain "/": it separates principal, permission set and account in assignment keys',
      'identityCenter.users[0].groups[0]: names an unknown group "Nobody": groups of identityCenter.groups, by name',
      'identityCenter.users[0].userName: "Admins" duplicates identityCenter.groups[0].name (compared ignoring case): user names and group names are for_each keys and name principals in assignment keys',
      'identityCenter.users[1].userName: "administrator" is reserved by IAM Identity Center',
    ]);
  });

  it("needs names and an email for users it manages, none for users it only looks up", () => {
    expect(messages(withAccess({ users: [{ userName: "new@example.com" }, { userName: "synced@example.com", existing: true }] }))).toEqual(
      ["displayName", "email", "familyName", "givenName"].map((field) => `identityCenter.users[0].${field}: is required for a user managed here (IAM Identity Center needs it); a user that exists already is existing: true`),
    );
  });

  it("adopts permission sets by ARN and groups by id, each once, and not a group that is only looked up", () => {
    const arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-abcdef1234567890";
    const id = "906767b2-d0f1-70b7-1234-56789abcdef0";
    const model = validateConfig(withAccess({ permissionSets: [{ ...admin, arn }], groups: [{ name: "Admins", id }] }));
    expect(model.identityCenter!.permissionSets[0]!.importArn).toBe(arn);
    expect(model.identityCenter!.groups[0]!.importId).toBe(id);
    expect(messages(withAccess({ permissionSets: [{ ...admin, arn }, { name: "Other", arn }, { name: "Bad", arn: "ps-1" }], groups: [{ name: "Synced", existing: true, id }] }))).toEqual([
      "identityCenter.groups[0].id: a group is either looked up (existing: true, not managed) or imported by id (managed from now on), not both",
      "identityCenter.permissionSets[1].arn: is already imported by identityCenter.permissionSets[0]: a permission set can be imported once",
      "identityCenter.permissionSets[2].arn: must be a permission set ARN: arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>",
    ]);
  });

  it("refuses more than 500 permission sets provisioned to one account", () => {
    const sets = Array.from({ length: 501 }, (_, i) => ({ name: `Set${i}` }));
    const found = messages(withAccess({ permissionSets: sets, groups: [{ name: "G" }], assignments: sets.map((s) => ({ group: "G", permissionSet: s.name, targets: { accounts: ["tools"] } })) }));
    expect(found).toEqual(['identityCenter.assignments: provision 501 permission sets to the account "tools": AWS allows 500 per account unless raised']);
  });
});
