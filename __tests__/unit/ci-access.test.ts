import { execFileSync, spawnSync } from "node:child_process";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import { ConfigError } from "../../config-language/errors.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { validateConfig } from "../../config-language/validate.js";
import { RESOURCE_PERMISSIONS, typesWithoutPermissions } from "../../constructs/ci-permissions.js";
import { dangerousChanges } from "../../guard/dangerous-changes.js";
import { stackPlan } from "../../plan/stack-plan.js";
import { createOrganizationApp, STACK_NAMES } from "../../stacks/organization-app.js";
import { TEST_BACKEND, type TfJson } from "../helpers/synth.js";

/** Every stack of the app for `config`, synthesized in memory. */
function synthApp(config: OrganizationConfigInput, backend = TEST_BACKEND): Record<string, TfJson> {
  const app = createOrganizationApp({ file: "(test)", model: validateConfig(config), backend }, { outdir: Testing.app().outdir, stateBackendBootstrapped: true });
  return Object.fromEntries(app.node.children.flatMap((stack) => (stack.node.id in { "state-backend": 1, organization: 1, "ci-access": 1 } ? [[stack.node.id, JSON.parse(Testing.synth(stack as never))]] : [])));
}

const types = (json: TfJson): string[] => Object.keys(json.resource ?? {});
const statements = (json: TfJson, role: "plan" | "apply") => json.locals.ci_roles[role].permissions.Statement as { Sid: string; Action: string[]; Resource: string | string[] }[];
const actionsOf = (json: TfJson, role: "plan" | "apply") => new Set(statements(json, role).flatMap((s) => s.Action));

/** Every Identity Center resource type: customer managed policies, inline policy, boundary, users and memberships. */
const FULL_IDENTITY_CENTER = {
  permissionSets: [
    {
      name: "Ops",
      managedPolicies: ["ReadOnlyAccess"],
      customerManagedPolicies: [{ name: "OpsExtra" }],
      inlinePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }] },
      permissionsBoundary: { managedPolicy: "PowerUserAccess" },
    },
  ],
  groups: [{ name: "OpsTeam" }],
  users: [{ userName: "jane@example.com", displayName: "Jane", givenName: "Jane", familyName: "Doe", email: "jane@example.com", groups: ["OpsTeam"] }],
  assignments: [{ user: "jane@example.com", permissionSet: "Ops", targets: { accounts: ["website-prod"] } }],
};

const problems = (config: unknown): string[] => {
  try {
    validateConfig(config);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
};

describe("CI's access as code", () => {
  const stacks = synthApp(defaultConfig);
  const ci = stacks[STACK_NAMES.ciAccess];

  it("trusts exactly the repository's pull requests and drift branch (plan) and its apply environment (apply)", () => {
    const condition = (role: "plan" | "apply") => ci.locals.ci_roles[role].trust.Statement[0];
    expect(condition("plan")).toEqual({
      Sid: "GitHubActionsOfThisRepository",
      Effect: "Allow",
      Principal: { Federated: "${aws_iam_openid_connect_provider.github.arn}" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": ["repo:example-org/aws-organization:pull_request", "repo:example-org/aws-organization:ref:refs/heads/main"],
        },
      },
    });
    expect(condition("apply").Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toEqual(["repo:example-org/aws-organization:environment:production"]);
    // No pattern anywhere a fork or another repository could match.
    expect(JSON.stringify(ci.locals.ci_roles.plan.trust) + JSON.stringify(ci.locals.ci_roles.apply.trust)).not.toMatch(/\*|StringLike/);
    expect(ci.resource.aws_iam_openid_connect_provider.github).toMatchObject({ url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] });
    expect(ci.resource.aws_iam_role.plan.assume_role_policy).toBe("${jsonencode(local.ci_roles.plan.trust)}");
  });

  it("gives every resource type of the stacks CI applies its read (plan) and write (apply) actions, and nothing for types they lack", () => {
    const applied = [...new Set([...types(stacks[STACK_NAMES.organization]), ...types(stacks[STACK_NAMES.stateBackend])])];
    expect(typesWithoutPermissions(applied)).toEqual([]);
    const expectedRead = new Set(applied.flatMap((t) => RESOURCE_PERMISSIONS[t]!.read));
    const expectedWrite = new Set(applied.flatMap((t) => RESOURCE_PERMISSIONS[t]!.write));
    const state = new Set(["s3:ListBucket", "s3:GetObject", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]);
    const ciReads = new Set(["iam:GetOpenIDConnectProvider", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"]);
    // What aws-org plan reads itself to list unmanaged accounts and OUs.
    for (const action of ["DescribeOrganization", "ListAWSServiceAccessForOrganization", "ListAccountsForParent", "ListOrganizationalUnitsForParent", "ListRoots"]) ciReads.add(`organizations:${action}`);
    // ... and the permission sets, as the default config manages some.
    ciReads.add("sso:ListPermissionSets");
    // ... and the account quota, to warn before an apply runs into it.
    ciReads.add("servicequotas:ListServiceQuotas");
    ciReads.add("servicequotas:ListAWSDefaultServiceQuotas");
    expect([...actionsOf(ci, "plan")].sort()).toEqual([...new Set([...expectedRead, ...state, ...ciReads])].sort());
    const ssoRoles = statements(ci, "apply").find((s) => s.Sid === "ProvisionIdentityCenterRolesInTheManagementAccount")!.Action;
    expect([...actionsOf(ci, "apply")].sort()).toEqual([...new Set([...expectedRead, ...state, ...ciReads, ...expectedWrite, ...ssoRoles, "s3:PutObject", "iam:CreateServiceLinkedRole"])].sort());
    // The plan role changes nothing but the lock.
    expect([...actionsOf(ci, "plan")].filter((a) => /:(Create|Update|Delete|Put|Attach|Detach|Tag|Untag|Enable|Disable|Register|Deregister|Move|Close|Remove)/.test(a)).sort()).toEqual(["dynamodb:DeleteItem", "dynamodb:PutItem"]);
    // A config without access as code reads no permission sets.
    const noAccess = synthApp({ ...defaultConfig, identityCenter: undefined })[STACK_NAMES.ciAccess];
    expect([...actionsOf(noAccess, "plan")].filter((a) => a.startsWith("sso:"))).toEqual([]);
    // A config without guardrails grants nothing about policies.
    const bare = synthApp({ ...defaultConfig, policies: [] })[STACK_NAMES.ciAccess];
    expect([...actionsOf(bare, "apply")].filter((a) => /Policy$|Policies|PolicyType/.test(a) && a.startsWith("organizations:")).sort()).toEqual(["organizations:DisablePolicyType", "organizations:EnablePolicyType"]);
  });

  it("scopes the state rights to the bucket, the keys and the lock table; only applied stacks' state is writable", () => {
    const writes = statements(ci, "apply").find((s) => s.Sid === "WriteTheState")!;
    expect(writes.Resource).toEqual(["arn:aws:s3:::test-org-state/organization/terraform.tfstate", "arn:aws:s3:::test-org-state/state-backend/terraform.tfstate"]);
    expect(statements(ci, "plan").find((s) => s.Sid === "ReadTheState")!.Resource).toContain("arn:aws:s3:::test-org-state/ci-access/terraform.tfstate");
    expect(statements(ci, "plan").find((s) => s.Sid === "TakeTheStateLock")!.Resource).toBe("arn:aws:dynamodb:us-east-1:${data.aws_caller_identity.current.account_id}:table/test-locks");
    const withLockFile = synthApp(defaultConfig, { ...TEST_BACKEND, use_lockfile: true })[STACK_NAMES.ciAccess];
    expect(statements(withLockFile, "plan").find((s) => s.Sid === "TakeTheStateLockFile")!.Resource).toContain("arn:aws:s3:::test-org-state/organization/terraform.tfstate.tflock");
    // Nothing in either role touches IAM beyond reading CI's own roles, Organizations' and
    // CloudTrail's service-linked roles, the reserved roles Identity Center provisions in the
    // management account, and the organization's root-access features.
    const iamWrites = statements(ci, "apply").filter((s) => s.Action.some((a) => a.startsWith("iam:") && !a.startsWith("iam:Get") && !a.startsWith("iam:List")));
    expect(iamWrites.map((s) => [s.Sid, s.Resource])).toEqual([
      ["ChangeTheRootAccessFeatures", "*"],
      ["CreateTheOrganizationsServiceLinkedRole", "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/aws-service-role/organizations.amazonaws.com/*"],
      ["CreateCloudTrailsServiceLinkedRole", "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/aws-service-role/cloudtrail.amazonaws.com/*"],
      [
        "ProvisionIdentityCenterRolesInTheManagementAccount",
        ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/aws-reserved/sso.amazonaws.com/*", "arn:aws:iam::${data.aws_caller_identity.current.account_id}:saml-provider/AWSSSO_*_DO_NOT_DELETE"],
      ],
    ]);
    const withoutAccess = synthApp({ ...defaultConfig, identityCenter: undefined })[STACK_NAMES.ciAccess];
    expect([...actionsOf(withoutAccess, "apply")].filter((a) => a.startsWith("iam:") && !a.startsWith("iam:Get") && !a.startsWith("iam:List")).sort()).toEqual([
      "iam:CreateServiceLinkedRole",
      "iam:DisableOrganizationsRootCredentialsManagement",
      "iam:DisableOrganizationsRootSessions",
      "iam:EnableOrganizationsRootCredentialsManagement",
      "iam:EnableOrganizationsRootSessions",
    ]);
    expect([...actionsOf(withoutAccess, "plan")].filter((a) => a.startsWith("sso:") || a.startsWith("identitystore:"))).toEqual([]);
  });

  it("names every resource type it has no permissions for (synth then stops)", () => {
    expect(typesWithoutPermissions(["aws_organizations_account", "aws_s3_object", "aws_ssoadmin_permission_set"])).toEqual(["aws_s3_object"]);
  });

  it("prints the gh commands that set the repository variables, and adopts an existing OIDC provider by ARN", () => {
    expect(ci.output.gh_variable_commands.value).toBe(
      [
        "gh variable set AWS_PLAN_ROLE_ARN --repo example-org/aws-organization --body ${aws_iam_role.plan.arn}",
        "gh variable set AWS_APPLY_ROLE_ARN --repo example-org/aws-organization --body ${aws_iam_role.apply.arn}",
        "gh variable set AWS_REGION --repo example-org/aws-organization --body us-east-1",
        "",
      ].join("\n"),
    );
    const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const adopted = synthApp({ ...defaultConfig, ciAccess: { repository: "a/b", oidcProviderArn: arn } })[STACK_NAMES.ciAccess];
    expect(adopted.import).toEqual([{ to: "aws_iam_openid_connect_provider.github", id: arn }]);
    expect(synthApp({ ...defaultConfig, ciAccess: undefined })[STACK_NAMES.ciAccess]).toBeUndefined();
  });

  it("the guard blocks removing CI's OIDC provider or a role: the workflows would be locked out", () => {
    const removal = (type: string, name: string) => ({ address: `${type}.${name}`, type, name, mode: "managed" as const, change: { actions: ["delete" as const], before: {}, after: null } });
    const stack = stackPlan({ name: "ci-access", plan: { resource_changes: [removal("aws_iam_role", "apply"), removal("aws_iam_openid_connect_provider", "github"), removal("aws_iam_role_policy", "plan")] } });
    expect(dangerousChanges(stack).map((d) => d.address)).toEqual(["aws_iam_role.apply", "aws_iam_openid_connect_provider.github"]);
  });

  it.each([
    ["owner only", { repository: "example-org" }, "ciAccess.repository: must be a GitHub repository as owner/name"],
    ["a wildcard repository", { repository: "example-org/*" }, "ciAccess.repository"],
    ["a wildcard owner", { repository: "*/repo" }, "ciAccess.repository"],
    ["three parts", { repository: "a/b/c" }, "ciAccess.repository"],
    ["a leading hyphen", { repository: "-a/b" }, "ciAccess.repository"],
    ["a wildcard environment", { repository: "a/b", applyEnvironment: "prod*" }, "ciAccess.applyEnvironment: must be a GitHub environment name"],
    ["a wildcard branch", { repository: "a/b", driftBranch: "release/*" }, "ciAccess.driftBranch: must be a branch name"],
    ["a colon in the branch (the claim's separator)", { repository: "a/b", driftBranch: "x:y" }, "ciAccess.driftBranch"],
    ["another provider's ARN", { repository: "a/b", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/example.com" }, "ciAccess.oidcProviderArn"],
  ])("refuses %s", (_, ciAccess, expected) => {
    expect(problems({ ...defaultConfig, ciAccess }).join("\n")).toContain(expected);
  });

  it("passes Parliament, the IAM policy linter, without findings (default config, and every Identity Center resource type)", () => {
    const parliament = execFileSync("bash", ["scripts/parliament.sh"], { encoding: "utf8" }).trim();
    const everyAccessType = synthApp({ ...defaultConfig, identityCenter: FULL_IDENTITY_CENTER })[STACK_NAMES.ciAccess];
    for (const [json, role] of [[ci, "plan"], [ci, "apply"], [everyAccessType, "plan"], [everyAccessType, "apply"]] as const) {
      const document = JSON.stringify(json.locals.ci_roles[role].permissions).replaceAll("${data.aws_caller_identity.current.account_id}", "123456789012").replaceAll("${aws_iam_openid_connect_provider.github.arn}", "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
      const result = spawnSync(parliament, ["--json", "--minimum_severity", "LOW", "--string", document], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      // Parliament exits 0 with no finding and 1 with findings; anything else (a crash) is not "clean".
      expect(result.error, result.stderr).toBeUndefined();
      expect(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`).toBe(true);
      const findings = result.stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as { issue: string; detail: unknown });
      expect(findings.length > 0, `exit ${result.status} with ${findings.length} findings`).toBe(result.status === 1);
      // Parliament 1.6.4's action list predates account:PutAccountName (2024), which renames an account.
      const real = findings.filter((f) => !(f.issue === "UNKNOWN_ACTION" && f.detail === "Unknown action account:PutAccountName"));
      expect(real, `${role}: ${result.stdout}${result.stderr}`).toEqual([]);
    }
  });

  it("runs a Parliament that does find problems: a known-bad policy is flagged (the check above can fail)", () => {
    const parliament = execFileSync("bash", ["scripts/parliament.sh"], { encoding: "utf8" }).trim();
    const bad = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:iam::*:role/x" }] });
    const result = spawnSync(parliament, ["--json", "--minimum_severity", "LOW", "--string", bad], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n").map((line) => (JSON.parse(line) as { issue: string }).issue)).toContain("RESOURCE_MISMATCH");
  });
});
