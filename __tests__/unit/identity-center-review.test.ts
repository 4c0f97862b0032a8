// What a reviewer reads about access, and what the guard blocks: in words (who gains or loses
// which permission set where), a permission set's changes with their reach, and the lock-out.
import { describe, expect, it } from "vitest";
import { evaluateGuard } from "../../guard/evaluate-guard.js";
import { dangerousChanges } from "../../guard/dangerous-changes.js";
import { accessChanges, managementLockout, permissionSetChanges } from "../../plan/access-reach.js";
import type { PlanJson, ResourceChange } from "../../plan/plan-json.js";
import { stackPlan } from "../../plan/stack-plan.js";
import { renderAccessChanges } from "../../plan-comment/access-changes.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";
import { accountAssignmentAddress, RESOURCE_TYPES } from "../../terraform/names.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { synthOrganization } from "../helpers/synth.js";

type Assignment = NonNullable<OrganizationConfigInput["identityCenter"]>["assignments"] extends (infer A)[] | undefined ? A : never;

const config = (assignments: Assignment[]): OrganizationConfigInput => ({
  organization: { awsServiceAccessPrincipals: ["sso.amazonaws.com"] },
  emailConvention: "aws-{name}@example.com",
  organizationalUnits: [{ name: "Workloads" }, { name: "Dev", parent: "Workloads" }],
  accounts: [{ name: "dev-a", organizationalUnit: "Workloads/Dev" }, { name: "dev-b", organizationalUnit: "Workloads/Dev" }, { name: "tools" }],
  identityCenter: {
    permissionSets: [
      { name: "AdministratorAccess", managedPolicies: ["AdministratorAccess"], sessionDuration: "PT12H" },
      { name: "PowerUser", managedPolicies: ["PowerUserAccess", "ReadOnlyAccess"] },
    ],
    groups: [{ name: "Administrators" }, { name: "Developers" }],
    assignments,
  },
});
const admins: Assignment = { group: "Administrators", permissionSet: "AdministratorAccess", targets: { managementAccount: true } };
const developers: Assignment = { group: "Developers", permissionSet: "PowerUser", targets: { organizationalUnits: ["Workloads/Dev"], accounts: ["tools"] } };

const assignment = (key: string, actions: ResourceChange["change"]["actions"]): ResourceChange => ({
  address: accountAssignmentAddress(key),
  type: RESOURCE_TYPES.accountAssignment,
  name: "assignments",
  index: key,
  mode: "managed",
  change: { actions, before: actions.includes("create") && !actions.includes("delete") ? null : {}, after: actions.includes("delete") && !actions.includes("create") ? null : {} },
});
const prior = (keys: string[]) => ({
  values: {
    root_module: {
      resources: [
        { address: "x", type: RESOURCE_TYPES.managedPolicyAttachment, name: "managed_policies", index: "AdministratorAccess/AdministratorAccess", values: { managed_policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
        ...keys.map((key) => ({ address: accountAssignmentAddress(key), type: RESOURCE_TYPES.accountAssignment, name: "assignments", index: key, values: {} })),
      ],
    },
  },
});

describe("access in the plan comment and the guard", () => {
  it("says who gains and loses what where, with each account's OU, and what changes in a permission set", () => {
    const synthesized = synthOrganization(config([admins, developers]));
    const plan: PlanJson = {
      resource_changes: [
        assignment("Developers/PowerUser/dev-a", ["create"]),
        assignment("Developers/PowerUser/dev-b", ["create"]),
        assignment("Developers/PowerUser/tools", ["create"]),
        assignment("Developers/ReadOnly/dev-a", ["delete"]),
        {
          address: 'aws_ssoadmin_managed_policy_attachment.managed_policies["PowerUser/ReadOnlyAccess"]',
          type: RESOURCE_TYPES.managedPolicyAttachment,
          name: "managed_policies",
          index: "PowerUser/ReadOnlyAccess",
          change: { actions: ["create"], before: null, after: {} },
        },
        {
          address: 'aws_ssoadmin_permission_set.permission_sets["AdministratorAccess"]',
          type: RESOURCE_TYPES.permissionSet,
          name: "permission_sets",
          index: "AdministratorAccess",
          change: { actions: ["update"], before: { session_duration: "PT1H", tags: {} }, after: { session_duration: "PT12H", tags: {} } },
        },
      ],
    };
    const access = accessChanges(plan, synthesized);
    expect(access).toEqual([
      { principal: "Developers", permissionSet: "PowerUser", change: "gains", accounts: ["dev-a (Workloads/Dev)", "dev-b (Workloads/Dev)", "tools (Root)"] },
      { principal: "Developers", permissionSet: "ReadOnly", change: "loses", accounts: ["dev-a (Workloads/Dev)"] },
    ]);
    const sets = permissionSetChanges(plan, synthesized);
    expect(renderAccessChanges(access, sets)).toEqual([
      "",
      "**Access** (IAM Identity Center)",
      "",
      "- 🔑 `Developers` gains `PowerUser` on 3 accounts: dev-a (Workloads/Dev), dev-b (Workloads/Dev), tools (Root)",
      "- 🚫 `Developers` loses `ReadOnly` on 1 account: dev-a (Workloads/Dev)",
      "- 🧾 permission set `PowerUser` changed: + managed policy ReadOnlyAccess (3 account assignments use it)",
      "- 🧾 permission set `AdministratorAccess` changed: session duration PT1H → PT12H (1 account assignment use it)",
    ]);
  });

  it("keeps names inert in the comment: a group name cannot mention, link or close the code span", () => {
    const lines = renderAccessChanges([{ principal: "@org/admins `x` [a](https://evil)", permissionSet: "P", change: "gains", accounts: ["**bold** <b>"] }], []);
    expect(lines[3]).toBe("- 🔑 ``@org/admins `x` [a](https://evil)`` gains `P` on 1 account: \\*\\*bold\\*\\* \\<b\\>");
  });

  it("blocks removing the last administrator assignment on the management account (a lock-out), and nothing less", () => {
    const key = "Administrators/AdministratorAccess/management-account";
    const removing: PlanJson = { resource_changes: [assignment(key, ["delete"])], prior_state: prior([key]) };
    const withoutAdmins = synthOrganization(config([developers]));
    expect(managementLockout(removing, withoutAdmins)?.reason).toBe(
      "removes the last administrator access to the management account through IAM Identity Center (Administrators had AdministratorAccess there): a lock-out",
    );
    const stack = stackPlan({ name: "organization", plan: removing, synthesized: withoutAdmins });
    const danger = dangerousChanges(stack);
    expect(danger.map((d) => [d.address, d.category])).toEqual([[accountAssignmentAddress(key), "destroy"]]);
    const decision = evaluateGuard(danger, { labels: [], allowedAddresses: [] });
    expect(decision.allowed).toBe(false);
    expect(renderPlanComment([stack], { guard: decision })).toContain("a lock-out");

    // Another administrator assignment stays on the management account: no lock-out.
    const stillAdmin = synthOrganization(config([{ ...admins, group: "Developers" }]));
    expect(managementLockout(removing, stillAdmin)).toBeUndefined();
    // A developer assignment going is ordinary.
    const ordinary: PlanJson = { resource_changes: [assignment("Developers/PowerUser/tools", ["delete"])], prior_state: prior([key, "Developers/PowerUser/tools"]) };
    expect(dangerousChanges(stackPlan({ name: "organization", plan: ordinary, synthesized: synthOrganization(config([admins])) }))).toEqual([]);
  });

  it("blocks deleting a permission set or a group, saying who loses access", () => {
    const synthesized = synthOrganization(config([admins, developers]));
    const gone = (type: string, index: string, actions: ResourceChange["change"]["actions"]): ResourceChange => ({
      address: `${type}.x["${index}"]`,
      type,
      name: "x",
      index,
      change: { actions, before: {}, after: actions.includes("create") ? {} : null },
    });
    const plan: PlanJson = { resource_changes: [gone(RESOURCE_TYPES.permissionSet, "PowerUser", ["delete"]), gone(RESOURCE_TYPES.group, "Developers", ["delete", "create"])] };
    expect(dangerousChanges(stackPlan({ name: "organization", plan, synthesized })).map((d) => d.reason)).toEqual([
      "deletes the permission set PowerUser: everyone assigned it loses that access (3 assignments in this config)",
      "replaces the group Developers: its members lose every permission set assigned to it",
    ]);
  });
});
