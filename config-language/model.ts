// The validated organization, resolved into what the stacks build: OU paths instead of
// references, emails filled in, tags merged. Nothing here can be invalid.
import type { BILLING_ACCESS, FEATURE_SETS, POLICY_TYPES } from "./schema.js";
import type { SecurityFoundationsConfig } from "./security-foundations-schema.js";

export type Tags = Record<string, string>;

export interface OrganizationalUnitModel {
  /** Stable path from the root, e.g. "Workloads/Prod": the for_each key. */
  key: string;
  name: string;
  /** Key of the parent OU; null when the parent is the root. */
  parentKey: string | null;
  /** 1 for an OU directly under the root, up to 5. */
  depth: number;
  /** Its key before this change, when it or an ancestor is renamed (renamedFrom). */
  previousKey?: string;
  /** Set for an OU that already exists: it is imported, not created. */
  importId?: string;
  tags: Tags;
}

export interface AccountModel {
  /** The account name: the for_each key. */
  name: string;
  email: string;
  /** Key of the OU the account lives in; null for the root. */
  organizationalUnitKey: string | null;
  iamUserAccessToBilling: (typeof BILLING_ACCESS)[number];
  roleName: string;
  closeOnDeletion: boolean;
  tags: Tags;
  /** Set for an account that already exists: it is imported, not created. */
  importId?: string;
}

/** Where a policy is attached: the root, an OU (by key) or an account (by name). */
export type PolicyTargetModel = { kind: "root" } | { kind: "ou"; key: string } | { kind: "account"; name: string };

export interface PolicyModel {
  /** The policy's name: the for_each key. */
  name: string;
  type: (typeof POLICY_TYPES)[number];
  description: string;
  /** The policy document as a JSON value (from its file, or inline). */
  content: unknown;
  targets: PolicyTargetModel[];
  tags: Tags;
  /** Set for a policy that already exists: it is imported, not created. */
  importId?: string;
}

export interface DelegatedAdministratorModel {
  /** The account's name in the config. */
  account: string;
  servicePrincipal: string;
}

export interface CiAccessModel {
  /** owner/name */
  repository: string;
  applyEnvironment: string;
  driftBranch: string;
  planRoleName: string;
  applyRoleName: string;
  /** Set when GitHub's OIDC provider exists in the account: it is imported, not created. */
  oidcProviderArn?: string;
}

export interface PermissionSetModel {
  /** The for_each key. */
  name: string;
  description?: string;
  sessionDuration: string;
  relayState?: string;
  /** AWS managed policies, as ARNs. */
  managedPolicyArns: string[];
  customerManagedPolicies: { name: string; path: string }[];
  /** The inline policy document (from its file, or inline). */
  inlinePolicy?: unknown;
  permissionsBoundary?: { managedPolicyArn: string } | { customerManagedPolicy: { name: string; path: string } };
  tags: Tags;
  /** Set for a permission set that already exists: it and its policies are imported, not created. */
  importArn?: string;
}

export interface IdentityGroupModel {
  /** Display name: the for_each key. */
  name: string;
  description?: string;
  /** Looked up at plan time, not managed (synced from an identity provider). */
  existing: boolean;
  /** Set for a group that already exists and is managed from now on: it is imported. */
  importId?: string;
}

export interface IdentityUserModel {
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  email?: string;
  /** Managed groups the user belongs to. */
  groups: string[];
  existing: boolean;
}

export interface AccountAssignmentModel {
  /** "<principal>/<permission set>/<account>": the for_each key. */
  key: string;
  principalType: "GROUP" | "USER";
  /** Group display name or user name. */
  principal: string;
  permissionSet: string;
  /** An account of the config by name, or MANAGEMENT_ACCOUNT_KEY. */
  account: string;
  /** Set when the assignment exists already: it is imported. The account's id (none: the management account). */
  existing?: { accountId?: string };
}

export interface IdentityCenterModel {
  permissionSets: PermissionSetModel[];
  groups: IdentityGroupModel[];
  users: IdentityUserModel[];
  /** Expanded: one per principal, permission set and account. */
  assignments: AccountAssignmentModel[];
  /** What the expansion produced, in words (printed by synth): counts, and OUs that hold no account yet. */
  notes: string[];
}

export interface AlternateContactModel {
  /** An account of the config by name, or MANAGEMENT_ACCOUNT_KEY. */
  account: string;
  type: "SECURITY" | "BILLING" | "OPERATIONS";
  name: string;
  title: string;
  email: string;
  phone: string;
  /** When the contact exists already: the id it is imported by. */
  importId?: string;
}

export interface SecurityFoundationsModel {
  organizationTrail?: SecurityFoundationsConfig["organizationTrail"] & {};
  rootAccess?: SecurityFoundationsConfig["rootAccess"] & {};
  /** One per account and type, organization-wide contacts filled in; the management account's too. */
  contacts: AlternateContactModel[];
  /** Allowed but risky choices, printed by synth. */
  warnings: string[];
}

export interface OrganizationModel {
  organization: {
    featureSet: (typeof FEATURE_SETS)[number];
    enabledPolicyTypes: (typeof POLICY_TYPES)[number][];
    awsServiceAccessPrincipals: string[];
    /** Set when the organization already exists: it is imported, not created. */
    importId?: string;
  };
  /** Parents before children. */
  organizationalUnits: OrganizationalUnitModel[];
  accounts: AccountModel[];
  /** Tags on every OU and account, under each one's Name and own tags. */
  defaultTags: Tags;
  /** Whether every OU and account is tagged Name = its name. */
  nameTags: boolean;
  /** In config order. */
  policies: PolicyModel[];
  delegatedAdministrators: DelegatedAdministratorModel[];
  provider: { region: string; versionConstraint: string; maxRetries?: number };
  /** IAM Identity Center access; absent when the config does not manage it. */
  identityCenter?: IdentityCenterModel;
  /** CI's roles; absent when the config does not manage them. */
  ciAccess?: CiAccessModel;
  /** The organization trail, root access and contacts; absent when the config turns none on. */
  securityFoundations?: SecurityFoundationsModel;
}

/** What an OU's or account's tags add to the defaults and its Name tag: merging those three gives `tags` back. */
export function ownTags(tags: Tags, defaults: Tags, name: string, nameTag = true): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([key, value]) => !(key === "Name" && nameTag ? value === name : defaults[key] === value)));
}

export const accountsToCreate = (model: OrganizationModel): AccountModel[] => model.accounts.filter((a) => a.importId === undefined);
export const accountsToImport = (model: OrganizationModel): AccountModel[] => model.accounts.filter((a) => a.importId !== undefined);
