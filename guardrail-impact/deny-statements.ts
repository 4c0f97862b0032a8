// The Deny statements of a guardrail document, read as AWS reads them (the SCP and RCP syntax
// pages): Action or NotAction, Resource or NotResource (absent means "*"), and Condition as
// operator -> key -> values. Allow statements decide nothing here: FullAWSAccess (and
// RCPFullAWSAccess) stays attached to every target, so only an explicit Deny takes anything away.

export interface ConditionTest {
  /** As written: "StringNotEquals", "ForAnyValue:StringLike", "ArnNotLikeIfExists". */
  operator: string;
  key: string;
  values: string[];
}

export interface DenyStatement {
  /** The statement's content, canonical: the same statement in two policies or two chains is one. */
  id: string;
  policy: string;
  sid?: string;
  actions: { not: boolean; patterns: string[] };
  resources: { not: boolean; values: string[] };
  conditions: ConditionTest[];
}

const strings = (value: unknown): string[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const values = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));

function conditionsOf(condition: unknown): ConditionTest[] {
  if (!condition || typeof condition !== "object") return [];
  return Object.entries(condition as Record<string, unknown>)
    .flatMap(([operator, byKey]) =>
      byKey && typeof byKey === "object" ? Object.entries(byKey as Record<string, unknown>).map(([key, v]) => ({ operator, key, values: values(v).sort() })) : [],
    )
    .sort((a, b) => `${a.key}\0${a.operator}`.localeCompare(`${b.key}\0${b.operator}`));
}

/** Every Deny statement of a document; anything else (Allow, a document that is not an object) yields none. */
export function denyStatements(policy: string, document: unknown): DenyStatement[] {
  if (!document || typeof document !== "object") return [];
  const raw = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return statements.flatMap((statement): DenyStatement[] => {
    if (!statement || typeof statement !== "object") return [];
    const s = statement as Record<string, unknown>;
    if (s.Effect !== "Deny") return [];
    const actions = { not: "NotAction" in s, patterns: strings(s.NotAction ?? s.Action).map((p) => p.trim()).sort() };
    const resources = "NotResource" in s ? { not: true, values: strings(s.NotResource).sort() } : { not: false, values: "Resource" in s ? strings(s.Resource).sort() : ["*"] };
    const conditions = conditionsOf(s.Condition);
    return [{ id: JSON.stringify([actions, resources, conditions]), policy, ...(typeof s.Sid === "string" ? { sid: s.Sid } : {}), actions, resources, conditions }];
  });
}

/** A statement that denies its actions everywhere, always: no condition, every resource. */
export const deniesOutright = (statement: DenyStatement): boolean =>
  statement.conditions.length === 0 && !statement.resources.not && statement.resources.values.includes("*");
