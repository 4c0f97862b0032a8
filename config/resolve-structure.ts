// Rules that compare fields with each other: parents, cycles, depth, duplicates, feature-set
// conflicts. They read the raw config defensively (any field may be malformed) so they run even
// when field-level rules already failed, and the user sees every problem in one run.
import { MAX_OU_DEPTH, isValidEmail, EMAIL_RULE } from "./schema.js";

export interface ConfigIssue {
  /** Where in the config, e.g. accounts[1].email */
  path: string;
  /** The rule that is broken. */
  message: string;
}

/** What the rules worked out on the way, reused to build the model. */
export interface StructureAnalysis {
  issues: ConfigIssue[];
  /** Path key of each OU (by index); undefined where it could not be resolved. */
  ouKeys: (string | undefined)[];
  /** Parent key of each OU: null for the root. */
  ouParentKeys: (string | null | undefined)[];
  /** OU key of each account: null for the root. */
  accountOuKeys: (string | null | undefined)[];
  /** Effective email of each account (explicit, or from the convention). */
  accountEmails: (string | undefined)[];
}

type Raw = Record<string, unknown>;
const ROOT = -1;
const asRecord = (value: unknown): Raw | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** "aws-{name}@example.com" + "Website Prod" -> "aws-website-prod@example.com" */
export const emailFromConvention = (convention: string, accountName: string): string =>
  convention.replace("{name}", accountName.trim().toLowerCase().replace(/\s+/g, "-"));

class OrganizationalUnitResolver {
  private readonly names: (string | undefined)[];
  private readonly parentRefs: (string | undefined)[];
  private readonly parents = new Map<number, number | undefined>();
  private readonly paths = new Map<number, string | undefined>();
  readonly issues: ConfigIssue[] = [];

  constructor(units: Raw[]) {
    this.names = units.map((u) => asString(u.name));
    this.parentRefs = units.map((u) => asString(u.parent));
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

function checkOrganizationalUnits(raw: Raw, analysis: StructureAnalysis): OrganizationalUnitResolver {
  const units = asArray(raw.organizationalUnits).map((u) => asRecord(u) ?? {});
  const resolver = new OrganizationalUnitResolver(units);
  const siblings = new Map<string, number>();
  units.forEach((unit, i) => {
    const name = asString(unit.name);
    if (name?.includes("/")) {
      analysis.issues.push({ path: `organizationalUnits[${i}].name`, message: `must not contain "/" (it separates OU paths)` });
    }
    const renamedFrom = asString(unit.renamedFrom);
    if (renamedFrom !== undefined) {
      const siblingNames = units.filter((u, j) => j !== i && asString(u.parent) === asString(unit.parent)).map((u) => asString(u.name));
      if (renamedFrom === name) analysis.issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: "is the same as name" });
      else if (renamedFrom.includes("/")) analysis.issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: `must not contain "/"` });
      else if (siblingNames.includes(renamedFrom)) {
        analysis.issues.push({ path: `organizationalUnits[${i}].renamedFrom`, message: `"${renamedFrom}" is still the name of a sibling OU: one OU cannot become another` });
      }
    }
    if (resolver.inCycle(i)) {
      analysis.issues.push({ path: `organizationalUnits[${i}].parent`, message: `forms a cycle: "${name}" is its own ancestor` });
    }
    const key = resolver.pathOf(i);
    const parent = resolver.parentOf(i);
    analysis.ouKeys[i] = key;
    analysis.ouParentKeys[i] = parent === ROOT ? null : parent === undefined ? undefined : resolver.pathOf(parent);
    if (key === undefined || name === undefined) return;
    const depth = key.split("/").length;
    if (depth > MAX_OU_DEPTH) {
      analysis.issues.push({
        path: `organizationalUnits[${i}].parent`,
        message: `nests "${key}" ${depth} levels below the root; AWS allows at most ${MAX_OU_DEPTH}`,
      });
    }
    const earlier = siblings.get(key);
    if (earlier !== undefined) {
      analysis.issues.push({
        path: `organizationalUnits[${i}].name`,
        message: `duplicates organizationalUnits[${earlier}]: OU names must be unique among siblings ("${key}")`,
      });
    } else siblings.set(key, i);
  });
  analysis.issues.push(...resolver.issues);
  return resolver;
}

function checkAccounts(raw: Raw, resolver: OrganizationalUnitResolver, analysis: StructureAnalysis): void {
  const accounts = asArray(raw.accounts).map((a) => asRecord(a) ?? {});
  const convention = asString(raw.emailConvention);
  const names = new Map<string, number>();
  const emails = new Map<string, number>();
  const ids = new Map<string, number>();
  accounts.forEach((account, i) => {
    const at = `accounts[${i}]`;
    const name = asString(account.name);
    if (name !== undefined) {
      const earlier = names.get(name);
      if (earlier !== undefined) {
        analysis.issues.push({ path: `${at}.name`, message: `duplicates accounts[${earlier}]: account names are the for_each keys and must be unique ("${name}")` });
      } else names.set(name, i);
    }

    let email = asString(account.email);
    if (account.email === undefined) {
      if (convention === undefined) {
        analysis.issues.push({ path: `${at}.email`, message: "is required when no emailConvention is set" });
      } else if (name !== undefined && convention.includes("{name}")) {
        email = emailFromConvention(convention, name);
        if (!isValidEmail(email)) {
          analysis.issues.push({ path: `${at}.email`, message: `the emailConvention gives "${email}", which is not valid: ${EMAIL_RULE}` });
        }
      }
    }
    analysis.accountEmails[i] = email;
    if (email !== undefined) {
      const folded = email.toLowerCase();
      const earlier = emails.get(folded);
      if (earlier !== undefined) {
        analysis.issues.push({ path: `${at}.email`, message: `"${email}" is already used by accounts[${earlier}]: every account needs its own email (compared case-insensitively)` });
      } else emails.set(folded, i);
    }

    const ou = asString(account.organizationalUnit);
    if (ou === undefined) analysis.accountOuKeys[i] = null;
    else {
      const found = resolver.lookup(ou, new Set());
      if (found.index === undefined) analysis.issues.push({ path: `${at}.organizationalUnit`, message: found.reason ?? "cannot be resolved" });
      else analysis.accountOuKeys[i] = resolver.pathOf(found.index);
    }

    const id = asString(account.id);
    if (id !== undefined) {
      const earlier = ids.get(id);
      if (earlier !== undefined) {
        analysis.issues.push({ path: `${at}.id`, message: `${id} is already imported by accounts[${earlier}]: an account can be imported once` });
      } else ids.set(id, i);
      for (const createOnly of ["roleName", "iamUserAccessToBilling"]) {
        if (account[createOnly] !== undefined) {
          analysis.issues.push({
            path: `${at}.${createOnly}`,
            message: "applies only when AWS creates an account; an imported account (with id) keeps what it has, so remove this field",
          });
        }
      }
    }
  });
}

function checkOrganization(raw: Raw, analysis: StructureAnalysis): void {
  const organization = asRecord(raw.organization) ?? {};
  const featureSet = asString(organization.featureSet) ?? "ALL";
  for (const field of ["enabledPolicyTypes", "awsServiceAccessPrincipals"] as const) {
    const values = asArray(organization[field]);
    const seen = new Set<unknown>();
    values.forEach((value, i) => {
      if (seen.has(value)) analysis.issues.push({ path: `organization.${field}[${i}]`, message: `"${String(value)}" is listed twice` });
      seen.add(value);
    });
    if (featureSet === "CONSOLIDATED_BILLING" && values.length > 0) {
      analysis.issues.push({
        path: `organization.${field}`,
        message:
          field === "enabledPolicyTypes"
            ? "policy types need featureSet ALL; CONSOLIDATED_BILLING cannot enable any"
            : "trusted service access needs featureSet ALL; CONSOLIDATED_BILLING cannot grant it",
      });
    }
  }
}

export function analyzeStructure(input: unknown): StructureAnalysis {
  const analysis: StructureAnalysis = { issues: [], ouKeys: [], ouParentKeys: [], accountOuKeys: [], accountEmails: [] };
  const raw = asRecord(input) ?? {};
  checkOrganization(raw, analysis);
  const resolver = checkOrganizationalUnits(raw, analysis);
  checkAccounts(raw, resolver, analysis);
  return analysis;
}
