// Which arguments an update or replacement changes, with values a reviewer can read; a value
// marked sensitive before or after is never shown.
import type { ResourceChange } from "./plan-json.js";

export const SENSITIVE = "(sensitive)";
export const KNOWN_AFTER_APPLY = "(known after apply)";
const MAX_VALUE_LENGTH = 80;

export interface AttributeChange {
  name: string;
  before: string;
  after: string;
}

/** True when a *_sensitive marker covers the value: `true`, or an object/array holding a true. */
export function isMarked(marker: unknown): boolean {
  if (marker === true) return true;
  if (Array.isArray(marker)) return marker.some(isMarked);
  if (marker && typeof marker === "object") return Object.values(marker).some(isMarked);
  return false;
}

const field = (container: unknown, name: string): unknown =>
  container && typeof container === "object" && !Array.isArray(container) ? (container as Record<string, unknown>)[name] : undefined;

function show(value: unknown): string {
  if (value === undefined || value === null) return "null";
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v !== "object" || v === null);

/** tags: one line per key that changes, e.g. tags["Name"]: "Production" → "Prod". */
function mapEntryChanges(name: string, before: Record<string, unknown>, after: Record<string, unknown>): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({ name: `${name}[${JSON.stringify(key)}]`, before: key in before ? show(before[key]) : "(none)", after: key in after ? show(after[key]) : "(none)" }));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Top-level arguments whose value differs between before and after. */
export function attributeChanges(change: ResourceChange["change"]): AttributeChange[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(after), ...(typeof unknown === "object" ? Object.keys(unknown) : [])])].sort();
  const changes: AttributeChange[] = [];
  for (const name of names) {
    // tags_all mirrors tags; id and arn follow from the resource itself.
    if (name === "tags_all" || name === "id") continue;
    const willBeKnown = isMarked(field(unknown, name));
    if (!willBeKnown && same(before[name], after[name])) continue;
    if (willBeKnown && (before[name] === undefined || before[name] === null) && change.before) continue;
    const sensitive = isMarked(field(change.before_sensitive, name)) || isMarked(field(change.after_sensitive, name));
    if (!sensitive && !willBeKnown && isMap(before[name]) && isMap(after[name])) {
      changes.push(...mapEntryChanges(name, before[name], after[name]));
      continue;
    }
    changes.push({
      name,
      before: sensitive ? SENSITIVE : show(before[name]),
      after: sensitive ? SENSITIVE : willBeKnown ? KNOWN_AFTER_APPLY : show(after[name]),
    });
  }
  return changes;
}
