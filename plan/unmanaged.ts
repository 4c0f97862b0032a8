// What the organization holds that no stack manages, as `aws-org plan` records it beside the
// organization stack's plan (unmanaged.json), and which ids a plan does manage.
import type { PlanJson } from "./plan-json.js";
import { RESOURCE_TYPES } from "../terraform/names.js";

export interface UnmanagedObject {
  kind: "account" | "organizational unit";
  id: string;
  name: string;
  /** Path of OU names from the root; "" at the root. */
  where: string;
}

export interface UnmanagedReport {
  objects: UnmanagedObject[];
  /** Set when the live organization could not be read: the list is then unknown, not empty. */
  error?: string;
}

export const UNMANAGED_FILE = "unmanaged.json";

/** Ids of the accounts and OUs the plan manages: in its prior state, or imported by it. */
export function managedObjectIds(plan: PlanJson): Set<string> {
  const types = new Set<string>([RESOURCE_TYPES.account, RESOURCE_TYPES.organizationalUnit]);
  const ids = new Set<string>();
  for (const resource of plan.prior_state?.values?.root_module?.resources ?? []) {
    if (types.has(resource.type) && typeof resource.values.id === "string") ids.add(resource.values.id);
  }
  for (const change of plan.resource_changes ?? []) {
    if (types.has(change.type) && change.change.importing?.id) ids.add(change.change.importing.id);
  }
  return ids;
}
