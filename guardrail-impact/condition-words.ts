// A Deny statement's condition and resource scope in a reviewer's words: "aws:RequestedRegion is
// not us-east-1", "on arn:aws:s3:::logs/*". Operators from IAM's condition operators page; one this
// table lacks is named as written, never dropped.
import type { ConditionTest, DenyStatement } from "./deny-statements.js";

const OPERATOR_WORDS: Record<string, string> = {
  StringEquals: "is",
  StringNotEquals: "is not",
  StringEqualsIgnoreCase: "is (any case)",
  StringNotEqualsIgnoreCase: "is not (any case)",
  StringLike: "matches",
  StringNotLike: "does not match",
  NumericEquals: "=",
  NumericNotEquals: "≠",
  NumericLessThan: "<",
  NumericLessThanEquals: "≤",
  NumericGreaterThan: ">",
  NumericGreaterThanEquals: "≥",
  DateEquals: "is",
  DateNotEquals: "is not",
  DateLessThan: "is before",
  DateLessThanEquals: "is at or before",
  DateGreaterThan: "is after",
  DateGreaterThanEquals: "is at or after",
  Bool: "is",
  BinaryEquals: "is",
  IpAddress: "is in",
  NotIpAddress: "is not in",
  ArnEquals: "is",
  ArnLike: "matches",
  ArnNotEquals: "is not",
  ArnNotLike: "does not match",
};

const MAX_VALUES = 3;

// With several values a test holds when any one matches, and its negation when none does.
const SEVERAL: Record<string, string> = { is: "is one of", "is not": "is none of", matches: "matches one of", "does not match": "matches none of", "is in": "is in one of", "is not in": "is in none of" };

function listed(values: string[]): string {
  const shown = values.slice(0, MAX_VALUES).join(", ");
  return values.length > MAX_VALUES ? `${shown} (+${values.length - MAX_VALUES} more)` : shown;
}

/** One condition test in words. */
export function conditionInWords(test: ConditionTest): string {
  if (test.operator === "Null") return `${test.key} is ${test.values.includes("true") ? "absent" : "present"}`;
  const match = /^(ForAnyValue:|ForAllValues:)?(.+?)(IfExists)?$/.exec(test.operator);
  const [, set, base = test.operator, ifExists] = match ?? [];
  const single = OPERATOR_WORDS[base];
  const words = single && test.values.length > 1 ? (SEVERAL[single] ?? single) : single;
  const phrase = words ? `${test.key} ${words} ${listed(test.values)}` : `${base} ${test.key} ${listed(test.values)}`;
  const quantified = set === "ForAnyValue:" ? `any of ${phrase}` : set === "ForAllValues:" ? `all of ${phrase}` : phrase;
  return ifExists ? `${quantified} (or ${test.key} is absent)` : quantified;
}

/** "when A and B", "on <resources>", "except on <resources>": what limits a statement's deny. */
export function scopeInWords(statement: DenyStatement): string {
  const parts: string[] = [];
  if (statement.conditions.length > 0) parts.push(`when ${statement.conditions.map(conditionInWords).join(" and ")}`);
  if (statement.resources.not) parts.push(`except on ${listed(statement.resources.values)}`);
  else if (!statement.resources.values.includes("*")) parts.push(`on ${listed(statement.resources.values)}`);
  return parts.join(", ");
}
