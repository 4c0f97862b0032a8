// What `aws-org plan` lists as held by the organization but managed by no stack: which ids a plan
// manages (its prior state and its imports), the permission sets among them, and how the comment
// shows them.
import { describe, expect, it } from "vitest";
import { unmanagedPermissionSets } from "../../adopt/unmanaged-objects.js";
import type { PlanJson } from "../../plan/plan-json.js";
import type { StackPlan } from "../../plan/stack-plan.js";
import { managedObjectIds } from "../../plan/unmanaged.js";
import { renderUnmanaged } from "../../plan-comment/unmanaged-section.js";

const INSTANCE = "arn:aws:sso:::instance/ssoins-1111111111111111";
const psArn = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-${id.padEnd(16, "0")}`;

const plan = {
  prior_state: {
    values: {
      root_module: {
        resources: [
          { address: 'aws_organizations_account.accounts["a"]', type: "aws_organizations_account", values: { id: "111111111111" } },
          { address: 'aws_organizations_organizational_unit.ous["X"]', type: "aws_organizations_organizational_unit", values: { id: "ou-ab12-cdefgh12" } },
          { address: 'aws_ssoadmin_permission_set.permission_sets["Admin"]', type: "aws_ssoadmin_permission_set", values: { id: `${psArn("a")},${INSTANCE}`, arn: psArn("a") } },
          { address: 'aws_ssoadmin_managed_policy_attachment.managed_policies["Admin/X"]', type: "aws_ssoadmin_managed_policy_attachment", values: { id: "not-an-object-id" } },
        ],
      },
    },
  },
  resource_changes: [
    { address: 'aws_ssoadmin_permission_set.permission_sets["Auditor"]', type: "aws_ssoadmin_permission_set", change: { actions: ["no-op"], importing: { id: `${psArn("b")},${INSTANCE}` } } },
    { address: 'aws_organizations_account.imported["dns"]', type: "aws_organizations_account", change: { actions: ["no-op"], importing: { id: "222222222222" } } },
  ],
} as unknown as PlanJson;

describe("what no stack manages", () => {
  it("counts as managed what the prior state holds and what the plan imports, permission sets by ARN", () => {
    expect([...managedObjectIds(plan)].sort()).toEqual(["111111111111", "222222222222", "ou-ab12-cdefgh12", psArn("a"), psArn("b")].sort());
  });

  it("lists the permission sets whose ARN the plan does not manage", () => {
    const live = [
      { arn: psArn("a"), name: "Admin" },
      { arn: psArn("b"), name: "Auditor" },
      { arn: psArn("c"), name: "MadeInConsole" },
    ];
    expect(unmanagedPermissionSets(live, managedObjectIds(plan))).toEqual([{ kind: "permission set", id: psArn("c"), name: "MadeInConsole", where: "" }]);
  });

  it("shows a permission set in IAM Identity Center, its name inert, next to accounts in their OU", () => {
    const stack = {
      unmanaged: {
        objects: [
          { kind: "account", id: "333333333333", name: "made-in-console", where: "Workloads" },
          { kind: "permission set", id: psArn("c"), name: "Evil`](https://x)", where: "" },
        ],
      },
    } as unknown as StackPlan;
    const lines = renderUnmanaged([stack], 50);
    expect(lines).toContain("### 👻 In the organization, not in the config (2)");
    expect(lines).toContain("- account `made-in-console` (`333333333333`) in `Workloads`");
    expect(lines).toContain(`- permission set \`\`Evil\`](https://x)\`\` (\`${psArn("c")}\`) in IAM Identity Center`);
  });
});
