// Turns a raw config into the resolved model, or fails with every problem at once.
// Runs before any construct exists, so an invalid config builds and writes nothing.
import { ConfigError, fieldIssues, type ConfigIssue } from "./errors.js";
import type { AccountModel, OrganizationModel, OrganizationalUnitModel, Tags } from "./model.js";
import { resolveIdentityCenter, type ResolvedIdentityCenter } from "./resolve-identity-center.js";
import { resolveGuardrails, type ResolvedGuardrails } from "./resolve-policies.js";
import { resolveSecurityFoundations } from "./resolve-security-foundations.js";
import { accountContactsSchema, organizationTrailSchema, rootAccessSchema } from "./security-foundations-schema.js";
import { createOnlyFieldIssues, looseConfig, resolveStructure, tagIssues, type LooseAccount, type LooseUnit, type ResolvedStructure } from "./resolve-structure.js";
import { organizationConfigSchema, type OrganizationConfig } from "./schema.js";

type UnitConfig = OrganizationConfig["organizationalUnits"][number];
type AccountConfig = OrganizationConfig["accounts"][number];

const withName = (tags: Tags, defaults: Tags, name: string, nameTags: boolean): Tags => ({ ...defaults, ...(nameTags ? { Name: name } : {}), ...tags });

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

export interface ValidateOptions {
  /** Where the config file is: policy documents are read relative to it. Default: config/, the default config's folder. */
  configDir?: string;
}

const guardrailsOf = (input: unknown, structure: ResolvedStructure<LooseUnit, LooseAccount>, configDir: string): ResolvedGuardrails =>
  resolveGuardrails(input, {
    configDir,
    findUnit: structure.findUnit,
    accountNames: new Set(structure.accounts.flatMap(({ account }) => (account.name === undefined ? [] : [account.name]))),
  });

const identityCenterOf = (input: unknown, structure: ResolvedStructure<LooseUnit, LooseAccount>, configDir: string): ResolvedIdentityCenter =>
  resolveIdentityCenter(input, {
    configDir,
    findUnit: structure.findUnit,
    accounts: structure.accounts.flatMap(({ account, organizationalUnitKey }) =>
      account.name === undefined ? [] : [{ name: account.name, organizationalUnitKey, ...(typeof account.id === "string" ? { id: account.id } : {}) }],
    ),
  });

/** The foundations' cross-field problems even when another part of the config is invalid (zod reports their own fields). */
function foundationsOfLoose(input: unknown, structure: ResolvedStructure<LooseUnit, LooseAccount>) {
  const record = (value: unknown) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
  const raw = record(record(input).securityFoundations);
  if (record(input).securityFoundations === undefined) return { issues: [] };
  // Each part that parses is checked whole; a part that does not still has the accounts it names checked.
  const trail = organizationTrailSchema.safeParse(raw.organizationTrail);
  const rootAccess = rootAccessSchema.safeParse(raw.rootAccess);
  const contacts = accountContactsSchema.safeParse(raw.accountContacts);
  const foundations = {
    data: {
      ...(trail.success ? { organizationTrail: trail.data } : {}),
      ...(raw.rootAccess !== undefined && rootAccess.success ? { rootAccess: rootAccess.data } : {}),
      ...(raw.accountContacts === undefined ? {} : { accountContacts: contacts.success ? contacts.data : { accounts: Object.fromEntries(Object.keys(record(record(raw.accountContacts).accounts)).map((name) => [name, {}])), existing: [] } }),
    },
  };
  const principals = record(record(input).organization).awsServiceAccessPrincipals;
  return resolveSecurityFoundations(foundations.data, {
    servicePrincipals: Array.isArray(principals) ? principals.filter((p): p is string => typeof p === "string") : [],
    accountNames: new Set(structure.accounts.flatMap(({ account }) => (account.name === undefined ? [] : [account.name]))),
    existingAccounts: new Map(structure.accounts.flatMap(({ account }) => (account.name === undefined || typeof account.id !== "string" ? [] : [[account.name, account.id] as const]))),
    organizationId: typeof record(record(input).organization).id === "string" ? (record(record(input).organization).id as string) : undefined,
  });
}

export function validateConfig(input: unknown, source = "(inline)", { configDir = "config" }: ValidateOptions = {}): OrganizationModel {
  const parsed = organizationConfigSchema.safeParse(input);
  const createOnly = [...createOnlyFieldIssues(input), ...tagIssues(input)];
  if (!parsed.success) {
    const structure = resolveStructure(looseConfig(input));
    const guardrails = guardrailsOf(input, structure, configDir);
    const access = identityCenterOf(input, structure, configDir);
    throw new ConfigError(source, ordered([...fieldIssues(parsed.error), ...structure.issues, ...guardrails.issues, ...access.issues, ...foundationsOfLoose(input, structure).issues, ...createOnly]));
  }
  const structure = resolveStructure(parsed.data);
  const guardrails = guardrailsOf(parsed.data, structure, configDir);
  const access = identityCenterOf(parsed.data, structure, configDir);
  const foundations = resolveSecurityFoundations(parsed.data.securityFoundations, {
    servicePrincipals: parsed.data.organization.awsServiceAccessPrincipals,
    accountNames: new Set(parsed.data.accounts.map((account) => account.name)),
    existingAccounts: new Map(parsed.data.accounts.flatMap((account) => (account.id === undefined ? [] : [[account.name, account.id] as const]))),
    organizationId: parsed.data.organization.id,
  });
  const issues = [...structure.issues, ...guardrails.issues, ...access.issues, ...foundations.issues, ...createOnly];
  if (issues.length > 0) throw new ConfigError(source, ordered(issues));
  return { ...buildModel(parsed.data, structure, guardrails, access), ...(foundations.model ? { securityFoundations: foundations.model } : {}) };
}

function buildModel(config: OrganizationConfig, structure: ResolvedStructure<UnitConfig, AccountConfig>, guardrails: ResolvedGuardrails, access: ResolvedIdentityCenter): OrganizationModel {
  const units: OrganizationalUnitModel[] = structure.units.map(({ unit, key, parentKey, previousKey }) => ({
    key,
    name: unit.name,
    parentKey,
    depth: key.split("/").length,
    tags: withName(unit.tags, config.defaultTags, unit.name, config.nameTags),
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
    tags: withName(account.tags, config.defaultTags, account.name, config.nameTags),
    ...(account.id === undefined ? {} : { importId: account.id }),
  }));

  const { id, ...organization } = config.organization;
  return {
    organization: { ...organization, ...(id === undefined ? {} : { importId: id }) },
    organizationalUnits: units,
    accounts,
    defaultTags: config.defaultTags,
    nameTags: config.nameTags,
    policies: guardrails.policies.map(({ index, content, targets }) => {
      const policy = config.policies[index]!;
      return {
        name: policy.name,
        type: policy.type,
        description: policy.description,
        content,
        targets,
        tags: { ...config.defaultTags, ...policy.tags },
        ...(policy.id === undefined ? {} : { importId: policy.id }),
      };
    }),
    delegatedAdministrators: Object.entries(config.delegatedAdministrators).flatMap(([account, principals]) =>
      principals.map((servicePrincipal) => ({ account, servicePrincipal })),
    ),
    provider: config.provider,
    ...(access.model === undefined
      ? {}
      : { identityCenter: { ...access.model, permissionSets: access.model.permissionSets.map((set) => ({ ...set, tags: { ...config.defaultTags, ...set.tags } })) } }),
    ...(config.ciAccess === undefined ? {} : { ciAccess: config.ciAccess }),
  };
}
