// Turns a raw config into the resolved model, or fails with every problem at once.
// Runs before any construct exists, so an invalid config builds and writes nothing.
import { ConfigError, fieldIssues, type ConfigIssue } from "./errors.js";
import type { AccountModel, OrganizationModel, OrganizationalUnitModel, Tags } from "./model.js";
import { createOnlyFieldIssues, looseConfig, resolveStructure, tagIssues, type ResolvedStructure } from "./resolve-structure.js";
import { organizationConfigSchema, type OrganizationConfig } from "./schema.js";

type UnitConfig = OrganizationConfig["organizationalUnits"][number];
type AccountConfig = OrganizationConfig["accounts"][number];

const withName = (tags: Tags, defaults: Tags, name: string): Tags => ({ ...defaults, Name: name, ...tags });

const collator = new Intl.Collator("en", { numeric: true });

/** Keep the order of the config file: the reader fixes problems top to bottom. */
function ordered(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const id = `${issue.path}\u0000${issue.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => collator.compare(a.path, b.path));
}

export function validateConfig(input: unknown, source = "(inline)"): OrganizationModel {
  const parsed = organizationConfigSchema.safeParse(input);
  const createOnly = [...createOnlyFieldIssues(input), ...tagIssues(input)];
  if (!parsed.success) {
    throw new ConfigError(source, ordered([...fieldIssues(parsed.error), ...resolveStructure(looseConfig(input)).issues, ...createOnly]));
  }
  const structure = resolveStructure(parsed.data);
  if (structure.issues.length > 0 || createOnly.length > 0) throw new ConfigError(source, ordered([...structure.issues, ...createOnly]));
  return buildModel(parsed.data, structure);
}

function buildModel(config: OrganizationConfig, structure: ResolvedStructure<UnitConfig, AccountConfig>): OrganizationModel {
  const units: OrganizationalUnitModel[] = structure.units.map(({ unit, key, parentKey, previousKey }) => ({
    key,
    name: unit.name,
    parentKey,
    depth: key.split("/").length,
    tags: withName(unit.tags, config.defaultTags, unit.name),
    ...(previousKey === undefined ? {} : { previousKey }),
    ...(unit.id === undefined ? {} : { importId: unit.id }),
  }));
  // Parents before children, otherwise the config's order.
  units.sort((a, b) => a.depth - b.depth);

  const accounts: AccountModel[] = structure.accounts.map(({ account, email, organizationalUnitKey }) => ({
    name: account.name,
    email,
    organizationalUnitKey,
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
