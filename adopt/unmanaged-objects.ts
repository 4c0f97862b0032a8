// What exists in the organization but the config does not manage: Terraform never sees it, so the
// plan comment and the drift report list it (an account made in the console shows up within a day).
// Managed means: in the state before the plan, or imported by it; the root and the management
// account stand for the organization itself. Permission sets are listed when the stack manages
// IAM Identity Center.
import { permissionSetOwner } from "../config-language/service-owned.js";
import type { UnmanagedObject } from "../plan/unmanaged.js";
import type { LiveOrganization } from "./discover-organization.js";
import type { LivePermissionSet } from "./discover-permission-sets.js";

export function unmanagedObjects(live: LiveOrganization, managedIds: Set<string>): UnmanagedObject[] {
  const units = new Map(live.organizationalUnits.map((ou) => [ou.id, ou]));
  const pathOf = (id: string): string => {
    const ou = units.get(id);
    return ou ? [pathOf(ou.parentId), ou.name].filter(Boolean).join("/") : "";
  };
  return [
    ...live.organizationalUnits.filter((ou) => !managedIds.has(ou.id)).map((ou) => ({ kind: "organizational unit" as const, id: ou.id, name: ou.name, where: pathOf(ou.parentId) })),
    ...live.accounts
      .filter((account) => account.id !== live.managementAccountId && !managedIds.has(account.id))
      .map((account) => ({ kind: "account" as const, id: account.id, name: account.name, where: pathOf(account.parentId) })),
  ];
}

/** Permission sets of the Identity Center instance that the plan does not manage (by ARN), with their owner where another service has one. */
export function unmanagedPermissionSets(sets: LivePermissionSet[], managedIds: Set<string>, servicePrincipals: readonly string[] = []): UnmanagedObject[] {
  return sets
    .filter((set) => !managedIds.has(set.arn))
    .map((set) => {
      const owner = permissionSetOwner(set.name, servicePrincipals);
      return { kind: "permission set" as const, id: set.arn, name: set.name, where: "", ...(owner ? { owner } : {}) };
    });
}
