// A config as plain data before anything reads it: a TypeScript config's default export may hold
// getters that throw, values that refer to themselves, or nesting no config needs, and a JSON file
// may nest deep enough to overflow the parser's stack. Each becomes a problem naming where it is,
// never a stack trace.
import type { ConfigIssue } from "./errors.js";

/** Deeper than any config needs (a policy document inline is a handful of levels), far below a stack overflow. */
export const MAX_CONFIG_DEPTH = 64;

/** How deep a JSON text nests, outside strings; the offset where it first passes `limit`, if it does. */
export function jsonDepthOverflow(text: string, limit = MAX_CONFIG_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > limit) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

/** A copy of `value` made of plain objects, arrays and primitives, every property read once; problems for what cannot be read. */
export function plainData(value: unknown, issues: ConfigIssue[], path = "", ancestors: object[] = []): unknown {
  if (value === null || typeof value !== "object") return value;
  const here = path || "(default export)";
  if (ancestors.includes(value)) {
    issues.push({ path: here, message: "refers to itself (a cycle): a config is data, a tree of values" });
    return undefined;
  }
  if (ancestors.length >= MAX_CONFIG_DEPTH) {
    issues.push({ path: here, message: `nests deeper than ${MAX_CONFIG_DEPTH} levels: no config needs that` });
    return undefined;
  }
  const inside = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item, i) => plainData(item, issues, `${path}[${i}]`, inside));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch (error) {
      issues.push({ path: at, message: `reading it threw: ${String((error as Error)?.message ?? error).split("\n")[0]}` });
      continue;
    }
    copy[key] = plainData(item, issues, at, inside);
  }
  return copy;
}
