// Where AWS Control Tower governs the organization (controltower.amazonaws.com has trusted
// access), moving an account to another OU changes which controls and baselines reach it: Control
// Tower governs accounts through their registered OU, and an account moved to an OU it does not
// govern leaves its governance (the Control Tower User Guide, "Move and unmanage accounts"). Such a
// move stays allowed here: it is warned about, by name, in the plan comment.
import type { LimitWarning } from "../limits/limit-warnings.js";
import type { PlanJson } from "./plan-json.js";
import { RESOURCE_TYPES } from "../terraform/names.js";

type Values = Record<string, unknown> | null | undefined;

/** Whether the organization, before or after the plan, trusts Control Tower (its principal, from config-language/service-owned.ts). */
function governedByControlTower(plan: PlanJson, controlTowerPrincipal: string): boolean {
  const principals = (values: Values) => (Array.isArray(values?.aws_service_access_principals) ? (values!.aws_service_access_principals as unknown[]) : []);
  const organization = (plan.resource_changes ?? []).find((change) => change.type === RESOURCE_TYPES.organization);
  return [organization?.change.before as Values, organization?.change.after as Values].some((values) => principals(values).includes(controlTowerPrincipal));
}

export function controlTowerMoveWarnings(plan: PlanJson, controlTowerPrincipal: string): LimitWarning[] {
  if (!governedByControlTower(plan, controlTowerPrincipal)) return [];
  const moves = (plan.resource_changes ?? []).filter((change) => {
    if (change.type !== RESOURCE_TYPES.account || !change.change.actions.includes("update")) return false;
    const before = change.change.before as Values;
    const after = change.change.after as Values;
    return typeof before?.parent_id === "string" && before.parent_id !== after?.parent_id;
  });
  return moves.map((change) => {
    const before = change.change.before as Record<string, unknown>;
    const after = change.change.after as Values;
    const to = typeof after?.parent_id === "string" ? after.parent_id : "an OU known after apply";
    return {
      subject: "AWS Control Tower",
      message: `${String(before.name ?? change.address)} moves from ${String(before.parent_id)} to ${to}: Control Tower governs accounts through their registered OU, so unless ${to} is registered the account leaves Control Tower's governance (re-register or enroll it there)`,
    };
  });
}
