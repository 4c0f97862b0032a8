// Turns a raw config into the resolved model, or fails with every problem at once.
// Runs before any construct exists, so an invalid config builds and writes nothing.
import type { z } from "zod";
import { analyzeStructure, type ConfigIssue } from "./resolve-structure.js";
import type { AccountModel, OrganizationModel, OrganizationalUnitModel, Tags } from "./model.js";
import { organizationConfigSchema, type OrganizationConfig } from "./schema.js";

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: ConfigIssue[],
  ) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Invalid organization config ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** ["accounts", 1, "email"] -> "accounts[1].email" */
const formatPath = (path: PropertyKey[]): string =>
  path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "") || "(config)";

/** zod's issues as config problems: field path and rule. */
export const fieldIssues = (error: z.ZodError): ConfigIssue[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));

const withName = (tags: Tags, defaults: Tags, name: string): Tags => ({ ...defaults, Name: name, ...tags });

export function validateConfig(input: unknown, source = "(inline)"): OrganizationModel {
  const parsed = organizationConfigSchema.safeParse(input);
  const analysis = analyzeStructure(input);
  const issues = [...(parsed.success ? [] : fieldIssues(parsed.error)), ...analysis.issues];
  if (!parsed.success || issues.length > 0) {
    // Keep the order of the config file: the reader fixes problems top to bottom.
    const unique = issues.filter((a, i) => issues.findIndex((b) => b.path === a.path && b.message === a.message) === i);
    throw new ConfigError(source, unique.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true })));
  }
  return buildModel(parsed.data, analysis);
}

function buildModel(config: OrganizationConfig, analysis: ReturnType<typeof analyzeStructure>): OrganizationModel {
  const indexByKey = new Map(config.organizationalUnits.map((_, i) => [analysis.ouKeys[i]!, i]));
  // The path an OU had before renames: its own previous name under its parent's previous path.
  const previousPath = (i: number): string => {
    const unit = config.organizationalUnits[i]!;
    const parentKey = analysis.ouParentKeys[i];
    const own = unit.renamedFrom ?? unit.name;
    return parentKey ? `${previousPath(indexByKey.get(parentKey)!)}/${own}` : own;
  };
  const units: OrganizationalUnitModel[] = config.organizationalUnits.map((unit, i) => {
    const key = analysis.ouKeys[i]!;
    const before = previousPath(i);
    return {
      key,
      name: unit.name,
      parentKey: analysis.ouParentKeys[i] ?? null,
      depth: key.split("/").length,
      tags: withName(unit.tags, config.defaultTags, unit.name),
      ...(before !== key ? { previousKey: before } : {}),
    };
  });
  // Parents before children, otherwise the config's order.
  units.sort((a, b) => a.depth - b.depth);

  const accounts: AccountModel[] = config.accounts.map((account, i) => ({
    name: account.name,
    email: analysis.accountEmails[i]!,
    organizationalUnitKey: analysis.accountOuKeys[i] ?? null,
    iamUserAccessToBilling: account.iamUserAccessToBilling,
    roleName: account.roleName,
    closeOnDeletion: account.closeOnDeletion,
    tags: withName(account.tags, config.defaultTags, account.name),
    ...(account.id === undefined ? {} : { importId: account.id }),
  }));

  const { id, ...organization } = config.organization;
  return {
    organization: { ...organization, ...(id === undefined ? {} : { importId: id }) },
    organizationalUnits: units,
    accounts,
    provider: config.provider,
  };
}
