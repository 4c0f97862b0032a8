// What a plan does to who can sign in where (IAM Identity Center), read from the plan and the
// synthesized stack: which principal gains or loses which permission set on which accounts (in
// words, with each account's OU), what changes in a permission set and how many assignments use
// it, and whether the last administrator assignment on the management account goes (a lock-out).
// The comment renders it; the guard blocks on it.
import { MANAGEMENT_ACCOUNT_KEY, parseAssignmentKey, RESOURCE_TYPES, ROOT_KEY, VARIABLES } from "../terraform/names.js";
import { synthesizedMap, type PlanJson, type ResourceChange, type SynthesizedStack } from "./plan-json.js";
import { synthesizedAccountOus } from "./synthesized-accounts.js";

export interface AccessChange {
  principal: string;
  permissionSet: string;
  /** gains: assigned; loses: unassigned; re-created: replaced (access drops while it is re-made). */
  change: "gains" | "loses" | "re-created";
  /** "dns (Infrastructure)", "the management account". */
  accounts: string[];
}

export interface PermissionSetChange {
  name: string;
  action: "new" | "imported" | "changed" | "deleted" | "replaced";
  /** What changes in what it grants: "+ managed policy ReadOnlyAccess", "session PT1H → PT8H". */
  details: string[];
  /** Account assignments that use it after the change: everyone there gets the change. */
  assignments: number;
}

const isChange = (c: ResourceChange): boolean => !c.change.actions.every((a) => a === "no-op" || a === "read") || Boolean(c.change.importing);
const created = (c: ResourceChange) => c.change.actions.includes("create") && !c.change.actions.includes("delete");
const deleted = (c: ResourceChange) => c.change.actions.includes("delete") && !c.change.actions.includes("create");
const replaced = (c: ResourceChange) => c.change.actions.includes("delete") && c.change.actions.includes("create");

export function accountInWords(account: string, ous: Map<string, string>): string {
  if (account === MANAGEMENT_ACCOUNT_KEY) return "the management account";
  const ou = ous.get(account);
  return ou === undefined ? account : `${account} (${ou === ROOT_KEY ? "Root" : ou})`;
}

export function accessChanges(plan: PlanJson, synthesized: SynthesizedStack | undefined): AccessChange[] {
  const ous = synthesizedAccountOus(synthesized);
  const grouped = new Map<string, AccessChange>();
  for (const change of (plan.resource_changes ?? []).filter((c) => c.type === RESOURCE_TYPES.accountAssignment && isChange(c))) {
    const parsed = typeof change.index === "string" ? parseAssignmentKey(change.index) : undefined;
    if (!parsed) continue;
    const kind = created(change) ? "gains" : deleted(change) ? "loses" : replaced(change) ? "re-created" : undefined;
    if (!kind) continue;
    const id = JSON.stringify([parsed.principal, parsed.permissionSet, kind]);
    const entry = grouped.get(id) ?? grouped.set(id, { principal: parsed.principal, permissionSet: parsed.permissionSet, change: kind, accounts: [] }).get(id)!;
    entry.accounts.push(accountInWords(parsed.account, ous));
  }
  return [...grouped.values()];
}

const RESOURCE_WORDS: Record<string, string> = {
  [RESOURCE_TYPES.managedPolicyAttachment]: "managed policy",
  [RESOURCE_TYPES.customerManagedPolicyAttachment]: "customer managed policy",
  [RESOURCE_TYPES.inlinePolicy]: "inline policy",
  [RESOURCE_TYPES.permissionsBoundary]: "permissions boundary",
};

function setAction(change: ResourceChange): PermissionSetChange["action"] {
  if (replaced(change)) return "replaced";
  if (created(change)) return "new";
  if (deleted(change)) return "deleted";
  if (change.change.importing) return "imported";
  return "changed";
}

export function permissionSetChanges(plan: PlanJson, synthesized: SynthesizedStack | undefined): PermissionSetChange[] {
  const changes = (plan.resource_changes ?? []).filter(isChange);
  const sets = new Map<string, PermissionSetChange>();
  const entry = (name: string) => sets.get(name) ?? sets.set(name, { name, action: "changed", details: [], assignments: 0 }).get(name)!;
  for (const change of changes) {
    if (change.type === RESOURCE_TYPES.permissionSet && typeof change.index === "string") {
      const set = entry(change.index);
      set.action = setAction(change);
      const { before, after } = change.change;
      if (set.action === "changed" && before && after) {
        for (const field of ["session_duration", "description", "relay_state"]) {
          if (before[field] !== after[field]) set.details.push(`${field.replace("_", " ")} ${String(before[field] ?? "none")} → ${String(after[field] ?? "none")}`);
        }
        if (JSON.stringify(before.tags ?? {}) !== JSON.stringify(after.tags ?? {})) set.details.push("tags changed");
      }
    }
    const words = RESOURCE_WORDS[change.type];
    if (words && typeof change.index === "string") {
      const slash = change.index.indexOf("/");
      const name = slash < 0 ? change.index : change.index.slice(0, slash);
      const what = slash < 0 ? words : `${words} ${change.index.slice(slash + 1)}`;
      if (change.change.importing && !deleted(change) && !created(change)) continue;
      entry(name).details.push(created(change) ? `+ ${what}` : deleted(change) ? `- ${what}` : `${what} changed`);
    }
  }
  const uses = Object.values(synthesizedMap(synthesized, VARIABLES.accountAssignments));
  for (const set of sets.values()) set.assignments = uses.filter((a) => a.permission_set === set.name).length;
  return [...sets.values()];
}

const ADMINISTRATOR_POLICY = /:policy\/AdministratorAccess$/;

/** Keys of administrator assignments on the management account: those whose permission set has AdministratorAccess. */
function managementAdmins(assignments: string[], adminSets: Set<string>): string[] {
  return assignments.filter((key) => {
    const parsed = parseAssignmentKey(key);
    return parsed !== undefined && parsed.account === MANAGEMENT_ACCOUNT_KEY && adminSets.has(parsed.permissionSet);
  });
}

/**
 * The lock-out: before the change someone had AdministratorAccess on the management account through
 * Identity Center, after it nobody has. Returns the addresses that cause it and the reason, or undefined.
 */
export function managementLockout(plan: PlanJson, synthesized: SynthesizedStack | undefined): { addresses: string[]; reason: string } | undefined {
  const prior = plan.prior_state?.values?.root_module?.resources ?? [];
  const priorAdminSets = new Set(
    prior
      .filter((r) => r.type === RESOURCE_TYPES.managedPolicyAttachment && typeof r.index === "string" && ADMINISTRATOR_POLICY.test(String(r.values.managed_policy_arn ?? "")))
      .map((r) => String(r.index).slice(0, String(r.index).indexOf("/"))),
  );
  const before = managementAdmins(prior.filter((r) => r.type === RESOURCE_TYPES.accountAssignment && typeof r.index === "string").map((r) => String(r.index)), priorAdminSets);
  if (before.length === 0) return undefined;
  const afterAdminSets = new Set(
    Object.values(synthesizedMap(synthesized, VARIABLES.managedPolicies))
      .filter((p) => ADMINISTRATOR_POLICY.test(p.arn ?? ""))
      .flatMap((p) => (p.permission_set ? [p.permission_set] : [])),
  );
  const after = managementAdmins(Object.keys(synthesizedMap(synthesized, VARIABLES.accountAssignments)), afterAdminSets);
  if (after.length > 0) return undefined;
  const going = (plan.resource_changes ?? []).filter(
    (c) =>
      (c.change.actions.includes("delete") &&
        ((c.type === RESOURCE_TYPES.accountAssignment && before.includes(String(c.index))) ||
          (c.type === RESOURCE_TYPES.managedPolicyAttachment && ADMINISTRATOR_POLICY.test(String(c.change.before?.managed_policy_arn ?? ""))) ||
          c.type === RESOURCE_TYPES.permissionSet)),
  );
  const principals = [...new Set(before.map((key) => parseAssignmentKey(key)!.principal))];
  return {
    addresses: going.map((c) => c.address),
    reason: `removes the last administrator access to the management account through IAM Identity Center (${principals.join(", ")} had AdministratorAccess there): a lock-out`,
  };
}
