// Works out what the config's references mean, and every rule that compares fields with each
// other: OU paths, parents, cycles, depth, duplicates, emails from the convention, feature-set
// conflicts. It reads the config loosely (any field may be malformed) so that it reports its
// problems even when field rules already failed: the user sees every problem in one run. On a
// config that passed the schema it also returns the resolved OUs and accounts, each record
// carrying its config entry, for the model builder to use as they are.
import type { ConfigIssue } from "./errors.js";
import { EMAIL_RULE, isValidEmail, lookalikeForm, MAX_TAGS_PER_RESOURCE, reservedKeyProblem, tagKeyProblem, tagValueProblem } from "./aws-rules.js";
import { DEFAULT_TAGS, MAX_OU_DEPTH } from "./schema.js";

/** An OU entry as far as this file reads it: any field may be missing. */
export interface LooseUnit {
  id?: string;
  name?: string;
  parent?: string;
  renamedFrom?: string;
}

/** An account entry as far as this file reads it. */
export interface LooseAccount {
  name?: string;
  email?: string;
  organizationalUnit?: string;
  id?: string;
}

export interface LooseConfig<U extends LooseUnit = LooseUnit, A extends LooseAccount = LooseAccount> {
  organization?: { featureSet?: string; enabledPolicyTypes?: unknown[]; awsServiceAccessPrincipals?: unknown[] };
  organizationalUnits: U[];
  accounts: A[];
  emailConvention?: string;
}

export interface ResolvedUnit<U> {
  unit: U;
  /** Stable path from the root, e.g. "Workloads/Prod". */
  key: string;
  /** The parent's key; null under the root. */
  parentKey: string | null;
  /** Its path before renames (its own renamedFrom, or an ancestor's), when that differs. */
  previousKey?: string;
}

export interface ResolvedAccount<A> {
  account: A;
  /** Given, or filled in from the emailConvention. */
  email: string;
  /** The OU's key; null for the root. */
  organizationalUnitKey: string | null;
}

export interface ResolvedStructure<U, A> {
  issues: ConfigIssue[];
  /** OUs whose path resolved, in config order: all of them when there are no issues. */
  units: ResolvedUnit<U>[];
  /** Accounts whose email and OU resolved, in config order: all of them when there are no issues. */
  accounts: ResolvedAccount<A>[];
  /** An OU reference (name, or path when names repeat) to its key, or why it names none. */
  findUnit: (ref: string) => { key?: string; reason?: string };
}

const ROOT = -1;
type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Any input seen as a LooseConfig: what is not a string where a string belongs is left out. */
export function looseConfig(input: unknown): LooseConfig {
  const raw = asRecord(input) ?? {};
  const organization = asRecord(raw.organization) ?? {};
  const strings = <K extends string>(entry: unknown, keys: readonly K[]) => {
    const record = asRecord(entry) ?? {};
    return Object.fromEntries(keys.flatMap((key) => (asString(record[key]) === undefined ? [] : [[key, asString(record[key])]]))) as Partial<Record<K, string>>;
  };
  return {
    organization: {
      featureSet: asString(organization.featureSet),
      enabledPolicyTypes: asArray(organization.enabledPolicyTypes),
      awsServiceAccessPrincipals: asArray(organization.awsServiceAccessPrincipals),
    },
    organizationalUnits: asArray(raw.organizationalUnits).map((u) => strings(u, ["id", "name", "parent", "renamedFrom"] as const)),
    accounts: asArray(raw.accounts).map((a) => strings(a, ["name", "email", "organizationalUnit", "id"] as const)),
    emailConvention: asString(raw.emailConvention),
  };
}

/** "aws-{name}@example.com" + "Website Prod" -> "aws-website-prod@example.com" */
export const emailFromConvention = (convention: string, accountName: string): string =>
  convention.replaceAll("{name}", accountName.trim().toLowerCase().replace(/\s+/g, "-"));

class OrganizationalUnitResolver {
  private readonly names: (string | undefined)[];
  private readonly parentRefs: (string | undefined)[];
  private readonly parents = new Map<number, number | undefined>();
  private readonly paths = new Map<number, string | undefined>();
  readonly issues: ConfigIssue[] = [];

  constructor(units: LooseUnit[]) {
    this.names = units.map((u) => u.name);
    this.parentRefs = units.map((u) => u.parent);
  }

  /** Resolves a reference (a name, or a path "A/B") to an OU index; undefined + reason if it cannot. */
  lookup(ref: string, visiting: Set<number>): { index?: number; reason?: string } {
    const segments = ref.split("/");
    const last = segments[segments.length - 1];
    const candidates = this.names.flatMap((name, i) => (name === last ? [i] : []));
    const matches =
      segments.length === 1 ? candidates : candidates.filter((i) => this.pathOf(i, visiting) === ref);
    if (matches.length === 1) return { index: matches[0] };
    if (matches.length === 0) return { reason: `names an unknown organizational unit "${ref}"` };
    return { reason: `"${ref}" is ambiguous (${matches.length} OUs have that name): use its path, e.g. "Parent/${ref}"` };
  }

  /** Index of the parent OU, ROOT, or undefined when unresolvable (reported once). */
  parentOf(i: number, visiting = new Set<number>()): number | undefined {
    if (this.parents.has(i)) return this.parents.get(i);
    const ref = this.parentRefs[i];
    if (ref === undefined) {
      this.parents.set(i, ROOT);
      return ROOT;
    }
    if (visiting.has(i)) return undefined; // the cycle is reported by pathOf
    visiting.add(i);
    const found = this.lookup(ref, visiting);
    visiting.delete(i);
    if (found.reason && !this.parents.has(i)) {
      this.issues.push({ path: `organizationalUnits[${i}].parent`, message: found.reason });
    }
    this.parents.set(i, found.index);
    return found.index;
  }

  /** Path key of OU i, walking parents; undefined when a parent is unknown or in a cycle. */
  pathOf(i: number, visiting = new Set<number>()): string | undefined {
    if (this.paths.has(i)) return this.paths.get(i);
    const name = this.names[i];
    if (name === undefined) return undefined;
    if (visiting.has(i)) {
      this.paths.set(i, undefined);
      return undefined;
    }
    const parent = this.parentOf(i, visiting);
    visiting.add(i);
    let path: string | undefined;
    if (parent === ROOT) path = name;
    else if (parent !== undefined) {
      const parentPath = this.pathOf(parent, visiting);
      path = parentPath === undefined ? undefined : `${parentPath}/${name}`;
    }
    visiting.delete(i);
    this.paths.set(i, path);
    return path;
  }

  /** Follows parents from i; true when it comes back to i. */
  inCycle(i: number): boolean {
    const seen = new Set<number>();
    let current: number | undefined = i;
    while (current !== undefined && current !== ROOT && !seen.has(current)) {
      seen.add(current);
      current = this.parentOf(current);
      if (current === i) return true;
    }
    return false;
  }
}

function resolveUnits<U extends LooseUnit>(units: U[], issues: ConfigIssue[]): { resolver: OrganizationalUnitResolver; resolved: ResolvedUnit<U>[] } {
  const resolver = new OrganizationalUnitResolver(units);
  const siblings = new Map<string, number>();
  const lookalikes = new Map<string, number>();
  const renames = new Map<string, number>();
  const ids = new Map<string, number>();
  const keys: (string | undefined)[] = [];
  units.forEach((unit, i) => {
    const name = unit.name;
    if (name?.includes("/")) issues.push({ path: `organizationalUnits[${i}].name`, message: `must not contain "/" (it separates OU paths)` });
    const renamedFrom = unit.renamedFrom;
    if (renamedFrom !== undefined) {
      const siblingNames = units.filter((u, j) => j !== i && u.parent === unit.parent).map((u) => u.name);
      if (renamedFrom === name) issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: "is the same as name" });
      else if (renamedFrom.includes("/")) issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: `must not contain "/"` });
      else if (siblingNames.includes(renamedFrom)) {
        issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: `"${renamedFrom}" is still the name of a sibling OU: one OU cannot become another` });
      }
      const claim = `${unit.parent ?? ""}\u0000${renamedFrom}`;
      const claimedBy = renames.get(claim);
      if (claimedBy !== undefined) issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: `"${renamedFrom}" is already claimed by organizationalUnits[${claimedBy}]: one OU can become only one` });
      else renames.set(claim, i);
    }
    if (unit.id !== undefined) {
      const earlier = ids.get(unit.id);
      if (earlier !== undefined) issues.push({ path: `organizationalUnits[${i}].id`, message: `${unit.id} is already imported by organizationalUnits[${earlier}]: an OU can be imported once` });
      else ids.set(unit.id, i);
    }
    if (resolver.inCycle(i)) issues.push({ path: `organizationalUnits[${i}].parent`, message: `forms a cycle: "${name}" is its own ancestor` });
    const key = resolver.pathOf(i);
    keys[i] = key;
    if (key === undefined || name === undefined) return;
    const depth = key.split("/").length;
    if (depth > MAX_OU_DEPTH) {
      issues.push({ path: `organizationalUnits[${i}].parent`, message: `nests "${key}" ${depth} levels below the root; AWS allows at most ${MAX_OU_DEPTH}` });
    }
    const earlier = siblings.get(key);
    const parentPath = key.includes("/") ? key.slice(0, key.lastIndexOf("/")) : "";
    const lookalike = lookalikes.get(`${parentPath}\u0000${lookalikeForm(name)}`);
    if (earlier !== undefined) {
      issues.push({ path: `organizationalUnits[${i}].name`, message: `duplicates organizationalUnits[${earlier}]: OU names must be unique among siblings ("${key}")` });
    } else if (lookalike !== undefined) {
      issues.push({
        path: `organizationalUnits[${i}].name`,
        message: `"${name}" differs from its sibling organizationalUnits[${lookalike}] (${JSON.stringify(units[lookalike]?.name)}) only by case or look-alike characters: two OUs that read the same`,
      });
    } else {
      siblings.set(key, i);
      lookalikes.set(`${parentPath}\u0000${lookalikeForm(name)}`, i);
    }
  });
  issues.push(...resolver.issues);

  // The path an OU had before renames: its own previous name under its parent's previous path.
  const previous = new Map<number, string | undefined>();
  const previousPathOf = (i: number): string | undefined => {
    if (previous.has(i)) return previous.get(i);
    const unit = units[i];
    const parent = resolver.parentOf(i);
    const own = unit?.renamedFrom ?? unit?.name;
    const path = own === undefined || parent === undefined ? undefined : parent === ROOT ? own : mapDefined(previousPathOf(parent), (p) => `${p}/${own}`);
    previous.set(i, path);
    return path;
  };
  const resolved: ResolvedUnit<U>[] = [];
  units.forEach((unit, i) => {
    const key = keys[i];
    const parent = resolver.parentOf(i);
    const parentKey = parent === ROOT ? null : parent === undefined ? undefined : resolver.pathOf(parent);
    if (key === undefined || parentKey === undefined) return;
    const before = previousPathOf(i);
    resolved.push({ unit, key, parentKey, ...(before !== undefined && before !== key ? { previousKey: before } : {}) });
  });
  return { resolver, resolved };
}

const mapDefined = <T, R>(value: T | undefined, f: (v: T) => R): R | undefined => (value === undefined ? undefined : f(value));

function resolveAccounts<A extends LooseAccount>(accounts: A[], convention: string | undefined, resolver: OrganizationalUnitResolver, issues: ConfigIssue[]): ResolvedAccount<A>[] {
  const names = new Map<string, number>();
  const lookalikes = new Map<string, number>();
  const emails = new Map<string, number>();
  const ids = new Map<string, number>();
  const resolved: ResolvedAccount<A>[] = [];
  accounts.forEach((account, i) => {
    const at = `accounts[${i}]`;
    const name = account.name;
    if (name !== undefined) {
      const earlier = names.get(name);
      const lookalike = lookalikes.get(lookalikeForm(name));
      if (earlier !== undefined) {
        issues.push({ path: `${at}.name`, message: `duplicates accounts[${earlier}]: account names are the for_each keys and must be unique ("${name}")` });
      } else if (lookalike !== undefined) {
        issues.push({ path: `${at}.name`, message: `"${name}" differs from accounts[${lookalike}] (${JSON.stringify(accounts[lookalike]?.name)}) only by case or look-alike characters: two accounts that read the same` });
      } else {
        names.set(name, i);
        lookalikes.set(lookalikeForm(name), i);
      }
    }

    let email = account.email;
    if (email === undefined) {
      if (convention === undefined) {
        issues.push({ path: `${at}.email`, message: "is required when no emailConvention is set" });
      } else if (name !== undefined && convention.includes("{name}")) {
        email = emailFromConvention(convention, name);
        if (!isValidEmail(email)) issues.push({ path: `${at}.email`, message: `the emailConvention gives "${email}", which is not valid: ${EMAIL_RULE}` });
      }
    }
    if (email !== undefined) {
      const folded = email.toLowerCase();
      const earlier = emails.get(folded);
      if (earlier !== undefined) {
        issues.push({ path: `${at}.email`, message: `"${email}" is already used by accounts[${earlier}]: every account needs its own email (compared case-insensitively)` });
      } else emails.set(folded, i);
    }

    let organizationalUnitKey: string | null | undefined = null;
    if (account.organizationalUnit !== undefined) {
      const found = resolver.lookup(account.organizationalUnit, new Set());
      organizationalUnitKey = found.index === undefined ? undefined : resolver.pathOf(found.index);
      if (found.index === undefined) issues.push({ path: `${at}.organizationalUnit`, message: found.reason ?? "cannot be resolved" });
    }

    if (account.id !== undefined) {
      const earlier = ids.get(account.id);
      if (earlier !== undefined) issues.push({ path: `${at}.id`, message: `${account.id} is already imported by accounts[${earlier}]: an account can be imported once` });
      else ids.set(account.id, i);
    }
    if (email !== undefined && organizationalUnitKey !== undefined) resolved.push({ account, email, organizationalUnitKey });
  });
  return resolved;
}

function checkOrganization(organization: LooseConfig["organization"], issues: ConfigIssue[]): void {
  const featureSet = organization?.featureSet ?? "ALL";
  for (const field of ["enabledPolicyTypes", "awsServiceAccessPrincipals"] as const) {
    const values = organization?.[field] ?? [];
    const seen = new Set<unknown>();
    values.forEach((value, i) => {
      if (seen.has(value)) issues.push({ path: `organization.${field}[${i}]`, message: `"${String(value)}" is listed twice` });
      seen.add(value);
    });
    if (featureSet === "CONSOLIDATED_BILLING" && values.length > 0) {
      issues.push({
        path: `organization.${field}`,
        message:
          field === "enabledPolicyTypes"
            ? "policy types need featureSet ALL; CONSOLIDATED_BILLING cannot enable any"
            : "trusted service access needs featureSet ALL; CONSOLIDATED_BILLING cannot grant it",
      });
    }
  }
}

/** Fields that would silently do nothing on an imported account, and why. */
const NOT_ON_IMPORTED: Record<string, string> = {
  roleName: "applies only when AWS creates an account; an imported account (with id) keeps what it has, so remove this field",
  iamUserAccessToBilling: "applies only when AWS creates an account; an imported account (with id) keeps what it has, so remove this field",
  closeOnDeletion:
    "is not applied to imported accounts (their create-only arguments are ignored, or the first plan would replace them), so remove this field",
};

/** Read on the input as written (before defaults fill these fields in). */
export function createOnlyFieldIssues(input: unknown): ConfigIssue[] {
  const accounts = asArray(asRecord(input)?.accounts);
  return accounts.flatMap((entry, i) => {
    const account = asRecord(entry) ?? {};
    if (asString(account.id) === undefined) return [];
    return Object.entries(NOT_ON_IMPORTED)
      .filter(([field]) => account[field] !== undefined)
      .map(([field, message]) => ({ path: `accounts[${i}].${field}`, message }));
  });
}

/**
 * Tags as AWS counts them, on the input as written: keys that are JavaScript object internals,
 * more than 50 tags on one resource once defaultTags and Name are added, and a Name tag made from
 * a name that a tag cannot hold.
 */
export function tagIssues(input: unknown): ConfigIssue[] {
  const raw = asRecord(input) ?? {};
  const issues: ConfigIssue[] = [];
  const reserved = (tags: Raw, path: string) => {
    for (const key of Object.keys(tags)) {
      const problem = reservedKeyProblem(key) ?? tagKeyProblem(key);
      if (problem) issues.push({ path: `${path}.${key}`, message: problem });
    }
  };
  const defaults = raw.defaultTags === undefined ? DEFAULT_TAGS : (asRecord(raw.defaultTags) ?? {});
  reserved(defaults, "defaultTags");
  const nameTags = raw.nameTags !== false;
  for (const kind of ["organizationalUnits", "accounts", "policies"] as const) {
    // Policies carry their name as a policy name, not as a Name tag.
    const nameTag = kind === "policies" || !nameTags ? [] : ["Name"];
    asArray(raw[kind]).forEach((entry, i) => {
      const resource = asRecord(entry) ?? {};
      const own = asRecord(resource.tags) ?? {};
      reserved(own, `${kind}[${i}].tags`);
      const count = new Set([...Object.keys(defaults), ...nameTag, ...Object.keys(own)]).size;
      if (count > MAX_TAGS_PER_RESOURCE) {
        issues.push({ path: `${kind}[${i}].tags`, message: `come to ${count} tags with defaultTags${nameTag.length > 0 ? " and Name" : ""}; AWS allows at most ${MAX_TAGS_PER_RESOURCE} per resource` });
      }
      if (kind === "policies" || !nameTags) return;
      const name = asString(resource.name);
      const problem = name === undefined || "Name" in own ? undefined : tagValueProblem(name);
      if (problem) {
        issues.push({ path: `${kind}[${i}].name`, message: `becomes the Name tag, and ${problem}: rename it, or set tags.Name to a tag-safe value` });
      }
    });
  }
  return issues;
}

export function resolveStructure<U extends LooseUnit, A extends LooseAccount>(config: LooseConfig<U, A>): ResolvedStructure<U, A> {
  const issues: ConfigIssue[] = [];
  checkOrganization(config.organization, issues);
  const { resolver, resolved: units } = resolveUnits(config.organizationalUnits, issues);
  const accounts = resolveAccounts(config.accounts, config.emailConvention, resolver, issues);
  const findUnit = (ref: string) => {
    const found = resolver.lookup(ref, new Set());
    const key = found.index === undefined ? undefined : resolver.pathOf(found.index);
    return key === undefined ? { reason: found.reason ?? `names an organizational unit whose path cannot be resolved ("${ref}")` } : { key };
  };
  return { issues, units, accounts, findUnit };
}
