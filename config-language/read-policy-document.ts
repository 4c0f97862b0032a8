// A policy document in a config: a JSON file next to the config, or an object. Shared by guardrail
// policies and permission sets' inline policies; a problem names the field, the file and where in it.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { ConfigIssue } from "./errors.js";
import { jsoncParser } from "./jsonc-parser.js";
import { decodeUtf8, duplicateKeyProblems, hasByteOrderMark } from "./json-text.js";
import { jsonDepthOverflow, MAX_CONFIG_DEPTH } from "./plain-data.js";

/** Where and why text is not JSON, from jsonc-parser (loaded only then: JSON.parse's message has no position). */
function jsonProblem(text: string): string {
  const { parseTree, printParseErrorCode } = jsoncParser();
  const errors: import("jsonc-parser").ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return "it does not parse";
  const before = text.slice(0, first.offset).split("\n");
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${what} at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/** A policy document as the config gives it: parsed from its file (relative to the config), or the inline object. */
export function readPolicyDocument(content: unknown, at: string, configDir: string, issues: ConfigIssue[]): { value?: unknown; file?: string } {
  if (typeof content !== "string") return { value: content };
  if (isAbsolute(content)) {
    issues.push({ path: at, message: `"${content}" is an absolute path: give the file relative to the config file, e.g. "policies/deny-leaving-organization.json"` });
    return {};
  }
  if (!content.endsWith(".json")) {
    issues.push({ path: at, message: `"${content}" is not a .json file: policy documents are JSON, in a file or as an object` });
    return {};
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(configDir, content));
  } catch {
    issues.push({ path: at, message: `cannot read "${content}" (relative to the config file's folder ${configDir})` });
    return {};
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    issues.push({ path: at, message: `"${content}" is not UTF-8 text: save it as UTF-8` });
    return {};
  }
  if (hasByteOrderMark(text)) {
    issues.push({ path: at, message: `"${content}" starts with a byte order mark (BOM), which is not JSON: save it as UTF-8 without BOM` });
    return {};
  }
  const tooDeep = jsonDepthOverflow(text);
  if (tooDeep !== undefined) {
    issues.push({ path: at, message: `"${content}" nests deeper than ${MAX_CONFIG_DEPTH} levels: no policy document needs that` });
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    issues.push({ path: at, message: `"${content}" is not valid JSON: ${jsonProblem(text)}` });
    return {};
  }
  const repeated = duplicateKeyProblems(text);
  for (const { place, message } of repeated) issues.push({ path: at, message: `"${content}" at ${place}: ${message}` });
  return repeated.length > 0 ? {} : { value, file: content };
}

