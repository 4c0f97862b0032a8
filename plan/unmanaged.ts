// What the organization holds that no stack manages, as `aws-org plan` records it beside the
// organization stack's plan (unmanaged.json), and which ids a plan does manage.
import type { PlanJson } from "./plan-json.js";
import { RESOURCE_TYPES } from "../terraform/names.js";

export interface UnmanagedObject {
  kind: "account" | "organizational unit" | "permission set" | "account assignment";
  /** An account's or OU's id; a permission set's ARN; an assignment's assignmentIdentity(). */
  id: string;
  name: string;
  /** Path of OU names from the root; "" at the root, and for a permission set; an assignment's account name. */
  where: string;
  /** The service that owns it (AWS Control Tower, ...): listed, but not drift. */
  owner?: string;
  /** An account assignment in words: who has which permission set on which account. */
  assignment?: { principalType: "GROUP" | "USER"; principal: string; permissionSet: string; account: string; accountId: string };
}

/** One account assignment, whatever names it: "GROUP:<id>/<permission set ARN>/<account id>". */
export const assignmentIdentity = (a: { principalType: string; principalId: string; permissionSetArn: string; accountId: string }): string =>
  `${a.principalType}:${a.principalId}/${a.permissionSetArn}/${a.accountId}`;

/** The assignments a plan manages: in its prior state, or imported by it (import id: principal,TYPE,account,AWS_ACCOUNT,set,instance). */
export function managedAssignments(plan: PlanJson): Set<string> {
  const managed = new Set<string>();
  for (const resource of plan.prior_state?.values?.root_module?.resources ?? []) {
    if (resource.type !== RESOURCE_TYPES.accountAssignment) continue;
    const v = resource.values as Record<string, unknown>;
    managed.add(assignmentIdentity({ principalType: String(v.principal_type), principalId: String(v.principal_id), permissionSetArn: String(v.permission_set_arn), accountId: String(v.target_id) }));
  }
  for (const change of plan.resource_changes ?? []) {
    const importing = change.change.importing?.id;
    if (change.type !== RESOURCE_TYPES.accountAssignment || !importing) continue;
    const [principalId, principalType, accountId, , permissionSetArn] = importing.split(",");
    if (principalId && principalType && accountId && permissionSetArn) managed.add(assignmentIdentity({ principalType, principalId, permissionSetArn, accountId }));
  }
  return managed;
}

export interface UnmanagedReport {
  objects: UnmanagedObject[];
  /** Set when the live organization could not be read: the list is then unknown, not empty. */
  error?: string;
}

export const UNMANAGED_FILE = "unmanaged.json";

/** Ids of the accounts and OUs, and ARNs of the permission sets, the plan manages: in its prior state, or imported by it. */
export function managedObjectIds(plan: PlanJson): Set<string> {
  const types = new Set<string>([RESOURCE_TYPES.account, RESOURCE_TYPES.organizationalUnit, RESOURCE_TYPES.permissionSet]);
  const ids = new Set<string>();
  for (const resource of plan.prior_state?.values?.root_module?.resources ?? []) {
    if (!types.has(resource.type)) continue;
    const id = resource.type === RESOURCE_TYPES.permissionSet ? resource.values.arn : resource.values.id;
    if (typeof id === "string") ids.add(id);
  }
  for (const change of plan.resource_changes ?? []) {
    const importing = change.change.importing?.id;
    if (!types.has(change.type) || !importing) continue;
    // A permission set is imported as "<permission set ARN>,<instance ARN>".
    ids.add(change.type === RESOURCE_TYPES.permissionSet ? importing.split(",")[0]! : importing);
  }
  return ids;
}
