// A live organization's IAM Identity Center access as this project's config: every permission set
// with all it grants and its ARN (imported), the groups and users its assignments name (a group
// synced from an identity provider is looked up by name, one made in the directory is imported by
// id and managed; users are looked up), and the assignments written the way a person would: where a
// principal has a permission set on every account of an OU, the OU, never more than is granted
// today. Every assignment found is listed in existingAssignments, so the first plan imports it.
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { PERMISSION_SET_NAME } from "../config-language/identity-center-rules.js";
import { templateProblem } from "../config-language/aws-rules.js";
import { permissionSetOwner } from "../config-language/service-owned.js";
import { assignmentKey, MANAGEMENT_ACCOUNT_KEY } from "../terraform/keys.js";
import type { LiveOrganization } from "./discover-organization.js";
import type { LiveIdentityCenter, LivePermissionSetDetails } from "./discover-identity-center.js";

type IdentityCenterInput = NonNullable<OrganizationConfigInput["identityCenter"]>;
type PermissionSetInput = NonNullable<IdentityCenterInput["permissionSets"]>[number];
type AssignmentInput = NonNullable<IdentityCenterInput["assignments"]>[number];

export interface AdoptedIdentityCenter {
  identityCenter?: IdentityCenterInput;
  leftOut: string[];
  /** Permission sets another service owns, and their assignments: left to it. */
  owned: string[];
  /** Assignments as found, and as the config writes them (entries after compaction). */
  counts: { assignments: number; entries: number };
}

export interface IdentityCenterContext {
  organization: Pick<LiveOrganization, "managementAccountId" | "rootId" | "organizationalUnits" | "accounts" | "servicePrincipals">;
  /** How the adopted config names OUs and accounts (configFromLive's references). */
  references: { units: Map<string, string>; accounts: Map<string, string> };
}

const AWS_MANAGED = /^arn:aws(?:-cn|-us-gov)?:iam::aws:policy\//;

function permissionSetInput(set: LivePermissionSetDetails, leftOut: string[]): PermissionSetInput | undefined {
  const what = `permission set ${set.arn} (${JSON.stringify(set.name)})`;
  let inlinePolicy: Record<string, unknown> | undefined;
  if (set.inlinePolicy !== undefined) {
    try {
      inlinePolicy = JSON.parse(set.inlinePolicy) as Record<string, unknown>;
    } catch {
      leftOut.push(`${what}: its inline policy is not JSON`);
      return undefined;
    }
  }
  const problem = !PERMISSION_SET_NAME.test(set.name) ? "its name is not 1-32 of letters, digits and +=,.@_-" : set.description !== undefined ? templateProblem(set.description) : undefined;
  if (problem) {
    leftOut.push(`${what}: ${problem}`);
    return undefined;
  }
  // AWS managed policies by name where the ARN is AWS's usual one: what a person would write.
  const policyName = (arn: string) => (AWS_MANAGED.test(arn) && arn.startsWith("arn:aws:") ? arn.replace(AWS_MANAGED, "") : arn);
  const boundary = set.permissionsBoundary;
  return {
    name: set.name,
    ...(set.description ? { description: set.description } : {}),
    ...(set.sessionDuration ? { sessionDuration: set.sessionDuration } : {}),
    ...(set.relayState ? { relayState: set.relayState } : {}),
    ...(set.managedPolicyArns.length > 0 ? { managedPolicies: set.managedPolicyArns.map(policyName) } : {}),
    ...(set.customerManagedPolicies.length > 0 ? { customerManagedPolicies: set.customerManagedPolicies } : {}),
    ...(inlinePolicy ? { inlinePolicy } : {}),
    ...(boundary ? { permissionsBoundary: "managedPolicyArn" in boundary ? { managedPolicy: policyName(boundary.managedPolicyArn) } : { customerManagedPolicy: boundary.customerManagedPolicy } } : {}),
    tags: set.tags,
    arn: set.arn,
  };
}

/**
 * The targets that give exactly `accountIds` (member accounts of the config): every account when it
 * is all of them; otherwise an OU wherever every account in it and below is among them (the highest
 * such OU), the rest by name. OUs are walked parents first, so a covered OU's children are never
 * named again.
 */
export function compactTargets(accountIds: Set<string>, context: IdentityCenterContext): { allAccounts?: true; organizationalUnits: string[]; accounts: string[] } {
  const { organization, references } = context;
  // Every account the config adopts: the whole organization, in one target.
  if (references.accounts.size > 0 && [...references.accounts.keys()].every((id) => accountIds.has(id))) return { allAccounts: true, organizationalUnits: [], accounts: [] };
  const parentOf = new Map<string, string>([...organization.organizationalUnits.map((ou) => [ou.id, ou.parentId] as const), ...organization.accounts.map((a) => [a.id, a.parentId] as const)]);
  const adoptedAccounts = organization.accounts.filter((a) => references.accounts.has(a.id));
  const under = (ouId: string) =>
    adoptedAccounts.filter((a) => {
      for (let parent = parentOf.get(a.id); parent !== undefined; parent = parentOf.get(parent)) if (parent === ouId) return true;
      return false;
    });
  const covered = new Set<string>();
  const chosen = new Set<string>();
  const organizationalUnits: string[] = [];
  for (const ou of organization.organizationalUnits) {
    if (chosen.has(ou.parentId) || !references.units.has(ou.id)) {
      if (chosen.has(ou.parentId)) chosen.add(ou.id);
      continue;
    }
    const inside = under(ou.id);
    if (inside.length > 0 && inside.every((a) => accountIds.has(a.id))) {
      chosen.add(ou.id);
      organizationalUnits.push(references.units.get(ou.id)!);
      for (const a of inside) covered.add(a.id);
    }
  }
  const accounts = [...accountIds].filter((id) => !covered.has(id)).map((id) => references.accounts.get(id)!);
  return { organizationalUnits, accounts: accounts.sort() };
}

export function identityCenterFromLive(live: LiveIdentityCenter, context: IdentityCenterContext): AdoptedIdentityCenter {
  const leftOut: string[] = [];
  const owned: string[] = [];
  const ownedSets = new Set<string>();
  const sets = new Map<string, PermissionSetInput>();
  for (const set of live.permissionSets) {
    const owner = permissionSetOwner(set.name, context.organization.servicePrincipals);
    if (owner) {
      ownedSets.add(set.arn);
      const assigned = live.assignments.filter((a) => a.permissionSetArn === set.arn).length;
      owned.push(`permission set ${set.arn} (${JSON.stringify(set.name)}): ${owner}, with its ${assigned} assignment${assigned === 1 ? "" : "s"}`);
      continue;
    }
    const input = permissionSetInput(set, leftOut);
    if (input) sets.set(set.arn, input);
  }

  // Principals by the name the config keys them by; two with one name cannot both be keys.
  const groups: NonNullable<IdentityCenterInput["groups"]> = [];
  const users: NonNullable<IdentityCenterInput["users"]> = [];
  const principalNames = new Map<string, string>();
  const taken = new Map<string, string>();
  const claim = (id: string, name: string, what: string): boolean => {
    const form = name.toLowerCase();
    if (name.includes("/") || templateProblem(name) || taken.has(form)) {
      leftOut.push(`${what} ${id} (${JSON.stringify(name)}): ${taken.has(form) ? `its name is also the name of ${taken.get(form)} (names are keys here)` : 'its name holds "/" or template syntax, which keys here cannot'}`);
      return false;
    }
    taken.set(form, `${what} ${id}`);
    principalNames.set(id, name);
    return true;
  };
  // Only the principals the adopted assignments name.
  const named = new Set(live.assignments.filter((a) => !ownedSets.has(a.permissionSetArn)).map((a) => a.principalId));
  for (const group of live.groups.values()) {
    if (!named.has(group.id)) continue;
    if (!claim(group.id, group.displayName, "group")) continue;
    groups.push(group.external ? { name: group.displayName, existing: true } : { name: group.displayName, ...(group.description ? { description: group.description } : {}), id: group.id });
  }
  for (const user of live.users.values()) if (named.has(user.id) && claim(user.id, user.userName, "user")) users.push({ userName: user.userName, existing: true });

  // Who has what where: principal and permission set -> account ids.
  const grants = new Map<string, { principalType: "GROUP" | "USER"; principal: string; permissionSet: string; accountIds: Set<string>; management: boolean }>();
  const existingAssignments: string[] = [];
  for (const a of live.assignments) {
    if (ownedSets.has(a.permissionSetArn)) continue;
    const set = sets.get(a.permissionSetArn);
    const principal = principalNames.get(a.principalId);
    const isManagement = a.accountId === context.organization.managementAccountId;
    const account = isManagement ? MANAGEMENT_ACCOUNT_KEY : context.references.accounts.get(a.accountId);
    const why = !set ? "its permission set is left out" : principal === undefined ? `its ${a.principalType.toLowerCase()} ${a.principalId} is left out or no longer exists` : account === undefined ? "its account is left out" : undefined;
    if (why) {
      leftOut.push(`assignment of ${a.permissionSetArn} to ${a.principalType.toLowerCase()} ${a.principalId} on account ${a.accountId}: ${why}`);
      continue;
    }
    const id = `${a.principalType}/${principal}/${set!.name}`;
    const grant = grants.get(id) ?? { principalType: a.principalType, principal: principal!, permissionSet: set!.name, accountIds: new Set<string>(), management: false };
    if (isManagement) grant.management = true;
    else grant.accountIds.add(a.accountId);
    grants.set(id, grant);
    existingAssignments.push(assignmentKey(principal!, set!.name, account!));
  }
  const assignments: AssignmentInput[] = [...grants.values()].map((grant) => {
    const { allAccounts, organizationalUnits, accounts } = compactTargets(grant.accountIds, context);
    return {
      [grant.principalType === "GROUP" ? "group" : "user"]: grant.principal,
      permissionSet: grant.permissionSet,
      targets: {
        ...(grant.management ? { managementAccount: true } : {}),
        ...(allAccounts ? { allAccounts } : {}),
        ...(organizationalUnits.length > 0 ? { organizationalUnits } : {}),
        ...(accounts.length > 0 ? { accounts } : {}),
      },
    };
  });

  if (sets.size === 0 && assignments.length === 0) return { leftOut, owned, counts: { assignments: 0, entries: 0 } };
  return {
    identityCenter: {
      permissionSets: [...sets.values()],
      ...(groups.length > 0 ? { groups } : {}),
      ...(users.length > 0 ? { users } : {}),
      ...(assignments.length > 0 ? { assignments } : {}),
      ...(existingAssignments.length > 0 ? { existingAssignments: [...new Set(existingAssignments)].sort() } : {}),
    },
    leftOut,
    owned,
    counts: { assignments: existingAssignments.length, entries: assignments.length },
  };
}
