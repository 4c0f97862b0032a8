// How a problem in a config file is reported: the field (or line and column) and the rule it
// breaks; every problem of a file in one error, under one header.
import type { z } from "zod";

export interface ConfigIssue {
  /** Where in the config, e.g. accounts[1].email, or "line 3, column 20". */
  path: string;
  /** The rule that is broken. */
  message: string;
}

/** A config with thousands of problems lists the first ones, in config order, and counts the rest. */
const MAX_LISTED = 100;

export class ConfigError extends Error {
  /** The file, in parentheses: "(config/organization.ts)". */
  readonly source: string;
  readonly issues: ConfigIssue[];

  constructor(source: string, issues: ConfigIssue[]) {
    const lines = issues.slice(0, MAX_LISTED).map((issue) => `  - ${issue.path}: ${issue.message}`);
    if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more problems (fix these first; the rest are listed once there are fewer)`);
    super(`Invalid organization config ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.name = "ConfigError";
    this.source = source;
    this.issues = issues;
  }
}

/** ["accounts", 1, "email"] -> "accounts[1].email" */
const formatPath = (path: PropertyKey[]): string =>
  path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "") || "(config)";

/** zod's issues as config problems: field path and rule. The one formatter for every schema here. */
export const fieldIssues = (error: z.ZodError): ConfigIssue[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));

/** "path: message; path: message": zod's issues on one line, for errors that are not a config's. */
export const describeFieldIssues = (error: z.ZodError): string =>
  fieldIssues(error)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join("; ");
