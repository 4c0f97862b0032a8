// The security foundations checked against the rest of the config (trusted access, the accounts
// they name) and resolved into the model: one contact per account and type, the management
// account included. Works on a config zod may have refused, so every problem is reported at once.
import { MANAGEMENT_ACCOUNT_KEY } from "../terraform/keys.js";
import type { ConfigIssue } from "./errors.js";
import type { AlternateContactModel, SecurityFoundationsModel } from "./model.js";
import { CONTACT_TYPES, type SecurityFoundationsConfig } from "./security-foundations-schema.js";

export interface SecurityFoundationsContext {
  /** The organization's trusted service principals. */
  servicePrincipals: string[];
  /** Every account of the config by name. */
  accountNames: Set<string>;
  /** The accounts that exist already (they carry an id): name -> id. */
  existingAccounts: ReadonlyMap<string, string>;
  /** The organization's id, when the config names it (it exists). */
  organizationId: string | undefined;
}

export interface ResolvedSecurityFoundations {
  issues: ConfigIssue[];
  model?: SecurityFoundationsModel;
}

/** The minimum storage duration S3 charges for, per storage class (S3 pricing: objects deleted earlier are charged for it anyway). */
const MINIMUM_STORAGE_DAYS: Record<string, number> = { GLACIER_IR: 90, GLACIER: 90, DEEP_ARCHIVE: 180, STANDARD_IA: 30, INTELLIGENT_TIERING: 0 };
/** S3 refuses a lifecycle transition to these classes sooner than 30 days after creation. */
const THIRTY_DAY_CLASSES = new Set(["STANDARD_IA"]);

const CONTACT_API_TYPE = { security: "SECURITY", billing: "BILLING", operations: "OPERATIONS" } as const;

export function resolveSecurityFoundations(foundations: SecurityFoundationsConfig | undefined, context: SecurityFoundationsContext): ResolvedSecurityFoundations {
  if (foundations === undefined) return { issues: [] };
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const trusted = new Set(context.servicePrincipals);
  const needsTrust = (path: string, principal: string, what: string) => {
    if (!trusted.has(principal)) issues.push({ path, message: `${what} needs trusted access for ${principal}: add it to organization.awsServiceAccessPrincipals` });
  };

  const trail = foundations.organizationTrail;
  if (trail) {
    needsTrust("securityFoundations.organizationTrail", "cloudtrail.amazonaws.com", "an organization trail");
    if (trail.logArchiveAccount !== undefined && !context.accountNames.has(trail.logArchiveAccount)) {
      issues.push({ path: "securityFoundations.organizationTrail.logArchiveAccount", message: `"${trail.logArchiveAccount}" is not an account of the config` });
    } else if (trail.logArchiveAccount !== undefined && !context.existingAccounts.has(trail.logArchiveAccount)) {
      // The stack reaches the account through a provider that assumes a role in it: the role's ARN must be known when the plan starts.
      issues.push({ path: "securityFoundations.organizationTrail.logArchiveAccount", message: `"${trail.logArchiveAccount}" must exist already (an account with its id): create it in one change, then name it here with its id` });
    }
    const { transitionAfterDays, storageClass, expireAfterDays } = trail.lifecycle;
    if (expireAfterDays <= transitionAfterDays) {
      issues.push({ path: "securityFoundations.organizationTrail.lifecycle.expireAfterDays", message: `must be more than transitionAfterDays (${transitionAfterDays}): S3 refuses an expiration on or before a transition` });
    }
    if (THIRTY_DAY_CLASSES.has(storageClass) && transitionAfterDays < 30) {
      issues.push({ path: "securityFoundations.organizationTrail.lifecycle.transitionAfterDays", message: `must be at least 30 for ${storageClass}: S3 refuses sooner transitions to it` });
    }
    const existingName = trail.existing?.trailArn.split(":trail/")[1];
    if (existingName !== undefined && existingName !== trail.name) {
      issues.push({ path: "securityFoundations.organizationTrail.existing.trailArn", message: `names trail "${existingName}", but the trail's name is "${trail.name}": a trail cannot be renamed, so they must be the same` });
    }
    if (trail.existing?.kmsKeyArn !== undefined && !trail.kmsEncryption) {
      issues.push({ path: "securityFoundations.organizationTrail.existing.kmsKeyArn", message: "an existing key is imported only with kmsEncryption: true" });
    }
    const minimum = MINIMUM_STORAGE_DAYS[storageClass] ?? 0;
    if (expireAfterDays > transitionAfterDays && expireAfterDays - transitionAfterDays < minimum) {
      warnings.push(`log files stay in ${storageClass} ${expireAfterDays - transitionAfterDays} days, but S3 charges ${minimum} days there for each: raise expireAfterDays or transition later`);
    }
  }
  if (foundations.rootAccess) needsTrust("securityFoundations.rootAccess", "iam.amazonaws.com", "centralized root access");
  if (foundations.rootAccess?.existing && context.organizationId === undefined) {
    issues.push({ path: "securityFoundations.rootAccess.existing", message: "the features are imported by the organization's id: set organization.id" });
  }
  if (foundations.rootAccess?.existing && !foundations.rootAccess.credentialsManagement && !foundations.rootAccess.rootSessions) {
    issues.push({ path: "securityFoundations.rootAccess.existing", message: "imports the features, but turns both off: turn one on (IAM has no object for none)" });
  }
  if (foundations.rootAccess && !foundations.rootAccess.credentialsManagement && foundations.rootAccess.rootSessions) {
    warnings.push("rootAccess: root sessions without credentials management leave member accounts' root credentials in place");
  }

  const contacts: AlternateContactModel[] = [];
  const given = foundations.accountContacts;
  if (given) {
    needsTrust("securityFoundations.accountContacts", "account.amazonaws.com", "account contacts");
    for (const name of Object.keys(given.accounts)) {
      if (name !== MANAGEMENT_ACCOUNT_KEY && !context.accountNames.has(name)) {
        issues.push({ path: `securityFoundations.accountContacts.accounts.${name}`, message: `"${name}" is not an account of the config (the management account is "${MANAGEMENT_ACCOUNT_KEY}")` });
      }
    }
    const existing = new Set(given.existing);
    const imported = new Set<string>();
    for (const account of [MANAGEMENT_ACCOUNT_KEY, ...[...context.accountNames].sort()]) {
      for (const type of CONTACT_TYPES) {
        const contact = given.accounts[account]?.[type] ?? given[type];
        if (!contact) continue;
        const apiType = CONTACT_API_TYPE[type];
        const key = `${account}/${apiType}`;
        let importId: string | undefined;
        if (existing.has(key)) {
          imported.add(key);
          const accountId = context.existingAccounts.get(account);
          // The Account API's own import ids: "<TYPE>" for the caller's account, "<account id>/<TYPE>" for a member.
          if (account === MANAGEMENT_ACCOUNT_KEY) importId = apiType;
          else if (accountId !== undefined) importId = `${accountId}/${apiType}`;
          else issues.push({ path: "securityFoundations.accountContacts.existing", message: `"${key}": the account has no id in the config, so its contact cannot exist yet` });
        }
        contacts.push({ account, type: apiType, ...contact, ...(importId === undefined ? {} : { importId }) });
      }
    }
    for (const key of existing) {
      // Stale once the config stops setting that contact: nothing to import.
      if (!imported.has(key)) warnings.push(`accountContacts.existing: "${key}" is no contact the config sets (any more): nothing to import`);
    }
  }

  if (issues.length > 0) return { issues };
  return {
    issues,
    model: {
      ...(trail ? { organizationTrail: trail } : {}),
      ...(foundations.rootAccess ? { rootAccess: foundations.rootAccess } : {}),
      contacts,
      warnings,
    },
  };
}
