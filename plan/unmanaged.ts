// What the organization holds that no stack manages, as `aws-org plan` records it beside the
// organization stack's plan (unmanaged.json), and which ids a plan does manage.
import type { PlanJson } from "./plan-json.js";
import { RESOURCE_TYPES } from "../terraform/names.js";

export interface UnmanagedObject {
  kind: "account" | "organizational unit" | "permission set";
  /** An account's or OU's id; a permission set's ARN. */
  id: string;
  name: string;
  /** Path of OU names from the root; "" at the root, and for a permission set. */
  where: string;
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
