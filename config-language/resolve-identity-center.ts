// `identityCenter` checked against itself and the rest of the config, and expanded: every
// assignment's principal, permission set and targets exist, OU targets become the accounts in the OU
// and below (so an account added to an OU gets its access in the same change), quotas hold, inline
// policies parse and fit. Reads the config loosely, like resolve-policies.ts, so its problems are
// reported together with every other problem of the file.
import { lookalikeForm } from "./aws-rules.js";
import type { ConfigIssue } from "./errors.js";
import {
  customerPolicyKey,
  managedPolicyArn,
  MAX_PERMISSION_SETS,
  MAX_PERMISSION_SETS_PER_ACCOUNT,
  MAX_POLICIES_PER_PERMISSION_SET,
  RESERVED_USER_NAMES,
  inlinePolicySizeProblems,
} from "./identity-center-rules.js";
import type { AccountAssignmentModel, IdentityCenterModel, PermissionSetModel } from "./model.js";
import { identityPolicyProblems, policyDocumentAsSent } from "./policy-rules.js";
import { readPolicyDocument } from "./read-policy-document.js";
import { assignmentKey, MANAGEMENT_ACCOUNT_KEY } from "../terraform/keys.js";
import { CONTROL_TOWER_PRINCIPAL, permissionSetOwner } from "./service-owned.js";

export const SSO_PRINCIPAL = "sso.amazonaws.com";

export interface IdentityCenterContext {
  configDir: string;
  findUnit: (ref: string) => { key?: string; reason?: string };
  /** Every account of the config with the key of its OU (null: the root), and its id when it exists. */
  accounts: { name: string; organizationalUnitKey: string | null; id?: string }[];
}

export interface ResolvedIdentityCenter {
  issues: ConfigIssue[];
  /** Absent when the config has no identityCenter, or when it has problems. */
  model?: IdentityCenterModel;
}

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);


/** Names that must be unique ignoring case and look-alikes: reports the second of two. */
function uniqueNames(entries: unknown[], field: string, at: (i: number) => string, what: string, issues: ConfigIssue[], taken = new Map<string, string>()): Map<string, string> {
  entries.forEach((entry, i) => {
    const name = asString(asRecord(entry)?.[field]);
    if (name === undefined) return;
    const form = lookalikeForm(name);
    const earlier = taken.get(form);
    if (earlier !== undefined) issues.push({ path: `${at(i)}.${field}`, message: `"${name}" duplicates ${earlier} (compared ignoring case): ${what}` });
    else taken.set(form, `${at(i)}.${field}`);
  });
  return taken;
}

function resolvePermissionSet(entry: Raw, at: string, context: IdentityCenterContext, issues: ConfigIssue[]): PermissionSetModel | undefined {
  const managed = asArray(entry.managedPolicies).flatMap((p) => (typeof p === "string" ? [managedPolicyArn(p)] : []));
  const seenManaged = new Set<string>();
  managed.forEach((arn, j) => {
    if (seenManaged.has(arn)) issues.push({ path: `${at}.managedPolicies[${j}]`, message: `${arn} is listed twice` });
    seenManaged.add(arn);
  });
  /** Path + name -> the reference, each once. */
  const customer = new Map<string, { name: string; path: string }>();
  asArray(entry.customerManagedPolicies).forEach((p, j) => {
    const record = asRecord(p);
    const name = asString(record?.name);
    if (name === undefined) return;
    const policy = { name, path: asString(record?.path) ?? "/" };
    const key = customerPolicyKey(policy);
    if (customer.has(key)) issues.push({ path: `${at}.customerManagedPolicies[${j}]`, message: `${key} is listed twice` });
    else customer.set(key, policy);
  });
  const attached = seenManaged.size + customer.size;
  if (attached > MAX_POLICIES_PER_PERMISSION_SET) {
    issues.push({ path: `${at}.managedPolicies`, message: `attaches ${attached} managed and customer managed policies: AWS allows ${MAX_POLICIES_PER_PERMISSION_SET} per permission set` });
  }

  let inlinePolicy: unknown;
  if (entry.inlinePolicy !== undefined) {
    const { value, file } = readPolicyDocument(entry.inlinePolicy, `${at}.inlinePolicy`, context.configDir, issues);
    if (value !== undefined) {
      const where = (message: string) => (file ? `${message} (in ${file})` : message);
      for (const [path, message] of identityPolicyProblems(value)) issues.push({ path: path ? `${at}.inlinePolicy.${path}` : `${at}.inlinePolicy`, message: where(message) });
      for (const message of inlinePolicySizeProblems(policyDocumentAsSent(value))) issues.push({ path: `${at}.inlinePolicy`, message: where(message) });
      inlinePolicy = value;
    }
  }
  const boundary = asRecord(entry.permissionsBoundary);
  const boundaryPolicy = asString(boundary?.managedPolicy);
  const boundaryCustomer = asRecord(boundary?.customerManagedPolicy);
  const name = asString(entry.name);
  if (name === undefined) return undefined;
  return {
    name,
    ...(asString(entry.description) === undefined ? {} : { description: asString(entry.description)! }),
    sessionDuration: asString(entry.sessionDuration) ?? "PT1H",
    ...(asString(entry.relayState) === undefined ? {} : { relayState: asString(entry.relayState)! }),
    managedPolicyArns: [...seenManaged],
    customerManagedPolicies: [...customer.values()],
    ...(inlinePolicy === undefined ? {} : { inlinePolicy }),
    ...(boundaryPolicy !== undefined
      ? { permissionsBoundary: { managedPolicyArn: managedPolicyArn(boundaryPolicy) } }
      : boundaryCustomer && asString(boundaryCustomer.name) !== undefined
        ? { permissionsBoundary: { customerManagedPolicy: { name: asString(boundaryCustomer.name)!, path: asString(boundaryCustomer.path) ?? "/" } } }
        : {}),
    tags: Object.fromEntries(Object.entries(asRecord(entry.tags) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string")),
    ...(asString(entry.arn) === undefined ? {} : { importArn: asString(entry.arn)! }),
  };
}

/** Marks the assignments `existingAssignments` names: each must be one of the config's, of an adopted permission set, on an account that exists. */
function markExisting(
  keys: unknown[],
  assignments: Map<string, AccountAssignmentModel>,
  known: { accountsByName: Map<string, { id?: string }>; importedSets: Set<string>; principalExists: (a: AccountAssignmentModel) => boolean },
  issues: ConfigIssue[],
  notes: string[],
): void {
  keys.forEach((key, i) => {
    const at = `identityCenter.existingAssignments[${i}]`;
    if (typeof key !== "string") return;
    const assignment = assignments.get(key);
    if (!assignment) {
      // Stale once the config drops the assignment (or moves its account): nothing to import, and the state's copy is removed as planned.
      notes.push(`${at}: "${key}" is no assignment of this config (any more): nothing to import`);
      return;
    }
    if (!known.importedSets.has(assignment.permissionSet)) {
      issues.push({ path: at, message: `"${key}": the permission set ${assignment.permissionSet} has no arn, so it is created and none of its assignments can exist yet` });
      return;
    }
    if (!known.principalExists(assignment)) {
      issues.push({ path: at, message: `"${key}": ${assignment.principal} is created by this config (no id, not existing), so it has no assignment yet` });
      return;
    }
    if (assignment.account === MANAGEMENT_ACCOUNT_KEY) {
      assignment.existing = {};
      return;
    }
    const accountId = known.accountsByName.get(assignment.account)?.id;
    if (accountId === undefined) issues.push({ path: at, message: `"${key}": the account ${assignment.account} has no id in the config, so it is created and has no assignment yet` });
    else assignment.existing = { accountId };
  });
}

export function resolveIdentityCenter(input: unknown, context: IdentityCenterContext): ResolvedIdentityCenter {
  const raw = asRecord(input) ?? {};
  if (raw.identityCenter === undefined) return { issues: [] };
  const center = asRecord(raw.identityCenter) ?? {};
  const issues: ConfigIssue[] = [];
  const organization = asRecord(raw.organization) ?? {};
  if (!asArray(organization.awsServiceAccessPrincipals).includes(SSO_PRINCIPAL)) {
    issues.push({ path: "identityCenter", message: `needs "${SSO_PRINCIPAL}" in organization.awsServiceAccessPrincipals: IAM Identity Center works across the organization only with trusted access` });
  }
  if (organization.featureSet === "CONSOLIDATED_BILLING") {
    issues.push({ path: "identityCenter", message: 'needs organization.featureSet "ALL": trusted access, which IAM Identity Center needs, is not available with consolidated billing only' });
  }

  const rawSets = asArray(center.permissionSets);
  const rawGroups = asArray(center.groups);
  const rawUsers = asArray(center.users);
  uniqueNames(rawSets, "name", (i) => `identityCenter.permissionSets[${i}]`, "permission set names are for_each keys", issues);
  if (rawSets.length > MAX_PERMISSION_SETS) issues.push({ path: "identityCenter.permissionSets", message: `has ${rawSets.length} permission sets: AWS allows ${MAX_PERMISSION_SETS} per instance unless raised` });
  const principals = uniqueNames(rawGroups, "name", (i) => `identityCenter.groups[${i}]`, "group names are for_each keys and name principals in assignment keys", issues);
  uniqueNames(rawUsers, "userName", (i) => `identityCenter.users[${i}]`, "user names and group names are for_each keys and name principals in assignment keys", issues, principals);

  const arns = new Map<string, number>();
  const permissionSets: PermissionSetModel[] = [];
  rawSets.forEach((entry, i) => {
    const at = `identityCenter.permissionSets[${i}]`;
    const record = asRecord(entry) ?? {};
    const arn = asString(record.arn);
    if (arn !== undefined) {
      if (arns.has(arn)) issues.push({ path: `${at}.arn`, message: `is already imported by identityCenter.permissionSets[${arns.get(arn)}]: a permission set can be imported once` });
      else arns.set(arn, i);
    }
    const resolved = resolvePermissionSet(record, at, context, issues);
    if (resolved) permissionSets.push(resolved);
  });
  const setNames = new Set(permissionSets.map((p) => p.name));
  const trustedServices = asArray(organization.awsServiceAccessPrincipals).filter((p): p is string => typeof p === "string");
  rawSets.forEach((entry, i) => {
    const name = asString(asRecord(entry)?.name);
    if (name !== undefined && permissionSetOwner(name, trustedServices)) {
      issues.push({ path: `identityCenter.permissionSets[${i}].name`, message: `"${name}" is AWS Control Tower's permission set (${CONTROL_TOWER_PRINCIPAL} has trusted access), which Control Tower manages: give yours another name` });
    }
  });

  const groupIds = new Map<string, number>();
  const groups = rawGroups.flatMap((entry, i) => {
    const at = `identityCenter.groups[${i}]`;
    const record = asRecord(entry) ?? {};
    const name = asString(record.name);
    const id = asString(record.id);
    const existing = record.existing === true;
    if (existing && id !== undefined) issues.push({ path: `${at}.id`, message: "a group is either looked up (existing: true, not managed) or imported by id (managed from now on), not both" });
    if (id !== undefined) {
      if (groupIds.has(id)) issues.push({ path: `${at}.id`, message: `is already imported by identityCenter.groups[${groupIds.get(id)}]` });
      else groupIds.set(id, i);
    }
    if (name === undefined) return [];
    const description = asString(record.description);
    return [{ name, existing, ...(description === undefined ? {} : { description }), ...(id === undefined ? {} : { importId: id }) }];
  });
  const groupsByName = new Map(groups.map((g) => [g.name, g]));

  const users = rawUsers.flatMap((entry, i) => {
    const at = `identityCenter.users[${i}]`;
    const record = asRecord(entry) ?? {};
    const userName = asString(record.userName);
    if (userName !== undefined && RESERVED_USER_NAMES.has(userName.toLowerCase())) issues.push({ path: `${at}.userName`, message: `"${userName}" is reserved by IAM Identity Center` });
    const existing = record.existing === true;
    const memberOf = asArray(record.groups).flatMap((g) => (typeof g === "string" ? [g] : []));
    memberOf.forEach((group, j) => {
      const found = groupsByName.get(group);
      if (!found) issues.push({ path: `${at}.groups[${j}]`, message: `names an unknown group "${group}": groups of identityCenter.groups, by name` });
      else if (found.existing) issues.push({ path: `${at}.groups[${j}]`, message: `"${group}" is an existing group, not managed here: its members are managed where it comes from` });
      if (memberOf.indexOf(group) !== j) issues.push({ path: `${at}.groups[${j}]`, message: `"${group}" is listed twice` });
    });
    if (!existing) {
      for (const field of ["displayName", "givenName", "familyName", "email"]) {
        if (asString(record[field]) === undefined) issues.push({ path: `${at}.${field}`, message: "is required for a user managed here (IAM Identity Center needs it); a user that exists already is existing: true" });
      }
    }
    if (existing && memberOf.length > 0) issues.push({ path: `${at}.groups`, message: "an existing user is not managed here, so neither are its group memberships" });
    if (userName === undefined) return [];
    const email = asString(record.email);
    return [
      {
        userName,
        displayName: asString(record.displayName) ?? userName,
        givenName: asString(record.givenName) ?? "",
        familyName: asString(record.familyName) ?? "",
        ...(email === undefined ? {} : { email }),
        groups: [...new Set(memberOf)],
        existing,
      },
    ];
  });
  const userNames = new Set(users.map((u) => u.userName));

  const accountsByName = new Map(context.accounts.map((a) => [a.name, a]));
  const accountsIn = (key: string) => context.accounts.filter((a) => a.organizationalUnitKey !== null && (a.organizationalUnitKey === key || a.organizationalUnitKey.startsWith(`${key}/`)));
  if (accountsByName.has(MANAGEMENT_ACCOUNT_KEY)) {
    const targetsManagement = asArray(center.assignments).some((a) => asRecord(asRecord(a)?.targets)?.managementAccount === true);
    if (targetsManagement) issues.push({ path: "identityCenter.assignments", message: `an account is named "${MANAGEMENT_ACCOUNT_KEY}", which is how assignment keys name the management account: rename that account` });
  }

  const assignments = new Map<string, AccountAssignmentModel>();
  const notes: string[] = [];
  asArray(center.assignments).forEach((entry, i) => {
    const at = `identityCenter.assignments[${i}]`;
    const record = asRecord(entry) ?? {};
    const group = asString(record.group);
    const user = asString(record.user);
    if ((group === undefined) === (user === undefined)) issues.push({ path: at, message: "needs exactly one of group or user: who gets the permission set" });
    if (group !== undefined && !groupsByName.has(group)) issues.push({ path: `${at}.group`, message: `names an unknown group "${group}": groups of identityCenter.groups, by name` });
    if (user !== undefined && !userNames.has(user)) issues.push({ path: `${at}.user`, message: `names an unknown user "${user}": users of identityCenter.users, by user name` });
    const permissionSet = asString(record.permissionSet);
    if (permissionSet !== undefined && !setNames.has(permissionSet)) issues.push({ path: `${at}.permissionSet`, message: `names an unknown permission set "${permissionSet}": permission sets of identityCenter.permissionSets, by name` });

    const targets = asRecord(record.targets) ?? {};
    const accounts: string[] = targets.managementAccount === true ? [MANAGEMENT_ACCOUNT_KEY] : [];
    const through: string[] = [];
    if (targets.allAccounts === true) {
      accounts.push(...context.accounts.map((a) => a.name));
      through.push(`every account (${context.accounts.length})`);
    }
    asArray(targets.organizationalUnits).forEach((ref, j) => {
      if (typeof ref !== "string") return;
      const found = context.findUnit(ref);
      if (found.key === undefined) {
        issues.push({ path: `${at}.targets.organizationalUnits[${j}]`, message: found.reason ?? "cannot be resolved" });
        return;
      }
      const inside = accountsIn(found.key);
      if (inside.length === 0) notes.push(`${at}: the OU "${found.key}" holds no account yet, so it gives no access until one is added`);
      through.push(`${found.key} (${inside.length} account${inside.length === 1 ? "" : "s"})`);
      accounts.push(...inside.map((a) => a.name));
    });
    asArray(targets.accounts).forEach((name, j) => {
      if (typeof name !== "string") return;
      if (!accountsByName.has(name)) issues.push({ path: `${at}.targets.accounts[${j}]`, message: `names an unknown account "${name}": targets are accounts of this config, by name (the management account: managementAccount: true)` });
      else accounts.push(name);
    });
    const principal = group ?? user;
    if (principal === undefined || permissionSet === undefined) return;
    const unique = [...new Set(accounts)];
    const named = (targets.managementAccount === true ? 1 : 0) + (targets.allAccounts === true ? 1 : 0) + asArray(targets.organizationalUnits).length + asArray(targets.accounts).length;
    if (named === 0) issues.push({ path: `${at}.targets`, message: "names no target: managementAccount, allAccounts, organizationalUnits or accounts" });
    for (const account of unique) {
      const key = assignmentKey(principal, permissionSet, account);
      assignments.set(key, { key, principalType: group !== undefined ? "GROUP" : "USER", principal, permissionSet, account });
    }
    const members = unique.filter((a) => a !== MANAGEMENT_ACCOUNT_KEY).length;
    const where = [...(unique.includes(MANAGEMENT_ACCOUNT_KEY) ? ["the management account"] : []), ...(members > 0 || unique.length === 0 ? [`${members} account${members === 1 ? "" : "s"}`] : [])];
    notes.push(`${principal}: ${permissionSet} on ${where.join(" and ")}${through.length ? ` (through ${through.join(", ")})` : ""}`);
  });

  const setsPerAccount = new Map<string, Set<string>>();
  for (const a of assignments.values()) setsPerAccount.set(a.account, (setsPerAccount.get(a.account) ?? new Set()).add(a.permissionSet));
  for (const [account, sets] of setsPerAccount) {
    if (sets.size > MAX_PERMISSION_SETS_PER_ACCOUNT) issues.push({ path: "identityCenter.assignments", message: `provision ${sets.size} permission sets to the account "${account}": AWS allows ${MAX_PERMISSION_SETS_PER_ACCOUNT} per account unless raised` });
  }
  const principalExists = (a: AccountAssignmentModel) =>
    a.principalType === "GROUP" ? groupsByName.get(a.principal)?.existing === true || groupsByName.get(a.principal)?.importId !== undefined : users.some((u) => u.userName === a.principal && u.existing);
  markExisting(asArray(center.existingAssignments), assignments, { accountsByName, importedSets: new Set(permissionSets.filter((p) => p.importArn !== undefined).map((p) => p.name)), principalExists }, issues, notes);
  if (issues.length > 0) return { issues };
  notes.unshift(`${permissionSets.length} permission set${permissionSets.length === 1 ? "" : "s"}, ${groups.length} group${groups.length === 1 ? "" : "s"}, ${users.length} user${users.length === 1 ? "" : "s"}, ${assignments.size} account assignment${assignments.size === 1 ? "" : "s"}`);
  return { issues, model: { permissionSets, groups, users, assignments: [...assignments.values()], notes } };
}
