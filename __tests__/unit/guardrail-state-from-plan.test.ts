// Both sides of a plan as guardrail states: where each account was (its parent id, through the OUs'
// ids) and will be (the synthesized stack, as new OUs have no id yet), which documents and
// attachments exist on each side, and the management account left out (SCPs never restrict it).
import { describe, expect, it } from "vitest";
import { guardrailImpact } from "../../guardrail-impact/compute-impact.js";
import { guardrailStatesFromPlan } from "../../plan/guardrail-state-from-plan.js";
import type { PlanJson, ResourceChange, SynthesizedStack } from "../../plan/plan-json.js";

const change = (type: string, name: string, index: string | undefined, actions: ResourceChange["change"]["actions"], before: object | null, after: object | null): ResourceChange => ({
  address: `${type}.${name}${index === undefined ? "" : `[${JSON.stringify(index)}]`}`,
  type,
  name,
  ...(index === undefined ? {} : { index }),
  mode: "managed",
  change: { actions, before: before as Record<string, unknown> | null, after: after as Record<string, unknown> | null },
});

const org = { id: "o-1", roots: [{ id: "r-root" }], master_account_id: "000000000000" };
const denyUsers = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }] });
const scp = { type: "SERVICE_CONTROL_POLICY", content: denyUsers };

const PLAN: PlanJson = {
  resource_changes: [
    change("aws_organizations_organization", "org", undefined, ["no-op"], org, org),
    change("aws_organizations_organizational_unit", "ous", "A", ["no-op"], { id: "ou-a", parent_id: "r-root" }, { id: "ou-a", parent_id: "r-root" }),
    change("aws_organizations_organizational_unit", "ous", "B", ["no-op"], { id: "ou-b", parent_id: "r-root" }, { id: "ou-b", parent_id: "r-root" }),
    // The management account, imported as an account: never a member account here.
    change("aws_organizations_account", "imported", "management", ["no-op"], { id: "000000000000", parent_id: "r-root" }, { id: "000000000000", parent_id: "r-root" }),
    change("aws_organizations_account", "accounts", "app", ["update"], { id: "111111111111", parent_id: "ou-a" }, { id: "111111111111", parent_id: "ou-b" }),
    change("aws_organizations_account", "accounts", "new", ["create"], null, { parent_id: null }),
    change("aws_organizations_account", "accounts", "gone", ["delete"], { id: "222222222222", parent_id: "ou-a" }, null),
    change("aws_organizations_policy", "policies", "NoUsers", ["no-op"], scp, scp),
    change("aws_organizations_policy_attachment", "attachments", "NoUsers/ou:A", ["no-op"], { policy_id: "p-1", target_id: "ou-a" }, { policy_id: "p-1", target_id: "ou-a" }),
  ],
};
const SYNTHESIZED: SynthesizedStack = {
  variable: {
    accounts_to_create: { default: { app: { organizational_unit: "B" }, new: { organizational_unit: "A" } } },
    accounts_to_import: { default: { management: { organizational_unit: "/" } } },
  },
};

describe("guardrail states from a plan", () => {
  it("reads where each member account was and will be, and leaves the management account out", () => {
    const states = guardrailStatesFromPlan(PLAN, SYNTHESIZED)!;
    expect([...states.before.accounts]).toEqual([["app", "A"], ["gone", "A"]]);
    expect([...states.after.accounts]).toEqual([["app", "B"], ["new", "A"]]);
    expect(states.before.attachments).toEqual([{ policy: "NoUsers", target: { kind: "ou", key: "A" } }]);
    expect(states.after.policies.get("NoUsers")?.document).toEqual(JSON.parse(denyUsers));
  });

  it("gives the impact a reviewer expects: the moved account loses the OU's deny, the new one gets it", async () => {
    const { before, after } = guardrailStatesFromPlan(PLAN, SYNTHESIZED)!;
    const impact = await guardrailImpact(before, after);
    expect(impact.groups.map((g) => [g.accounts, g.newAccounts, g.newlyDenied, g.newlyAllowed])).toEqual([
      [["app"], 0, [], ["iam:CreateUser"]],
      [["new"], 1, ["iam:CreateUser"], []],
    ]);
  });

  it("has nothing to say about a plan without guardrails", () => {
    expect(guardrailStatesFromPlan({ resource_changes: PLAN.resource_changes!.filter((c) => !c.type.includes("polic")) })).toBeUndefined();
  });
});
