// Every Terraform name this project writes or reads, defined once: resource types (from the
// provider bindings), resource and locals names (the hand-written OpenTofu setup's), and the key
// that stands for the organization root. Constructs write them; the diagram, the guard, the
// fixture generator and the tests read them.
import { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account/index.js";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization/index.js";
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit/index.js";
import { OrganizationsPolicy } from "@cdktf/provider-aws/lib/organizations-policy/index.js";
import { OrganizationsPolicyAttachment } from "@cdktf/provider-aws/lib/organizations-policy-attachment/index.js";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator/index.js";
import { IdentitystoreGroup } from "@cdktf/provider-aws/lib/identitystore-group/index.js";
import { IdentitystoreGroupMembership } from "@cdktf/provider-aws/lib/identitystore-group-membership/index.js";
import { IdentitystoreUser } from "@cdktf/provider-aws/lib/identitystore-user/index.js";
import { SsoadminAccountAssignment } from "@cdktf/provider-aws/lib/ssoadmin-account-assignment/index.js";
import { SsoadminCustomerManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment/index.js";
import { SsoadminManagedPolicyAttachment } from "@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment/index.js";
import { SsoadminPermissionSet } from "@cdktf/provider-aws/lib/ssoadmin-permission-set/index.js";
import { SsoadminPermissionSetInlinePolicy } from "@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy/index.js";
import { SsoadminPermissionsBoundaryAttachment } from "@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment/index.js";
import { AccountAlternateContact } from "@cdktf/provider-aws/lib/account-alternate-contact/index.js";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail/index.js";
import { IamOrganizationsFeatures } from "@cdktf/provider-aws/lib/iam-organizations-features/index.js";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key/index.js";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";

export const RESOURCE_TYPES = {
  organization: OrganizationsOrganization.tfResourceType,
  organizationalUnit: OrganizationsOrganizationalUnit.tfResourceType,
  account: OrganizationsAccount.tfResourceType,
  policy: OrganizationsPolicy.tfResourceType,
  policyAttachment: OrganizationsPolicyAttachment.tfResourceType,
  delegatedAdministrator: OrganizationsDelegatedAdministrator.tfResourceType,
  permissionSet: SsoadminPermissionSet.tfResourceType,
  managedPolicyAttachment: SsoadminManagedPolicyAttachment.tfResourceType,
  customerManagedPolicyAttachment: SsoadminCustomerManagedPolicyAttachment.tfResourceType,
  inlinePolicy: SsoadminPermissionSetInlinePolicy.tfResourceType,
  permissionsBoundary: SsoadminPermissionsBoundaryAttachment.tfResourceType,
  group: IdentitystoreGroup.tfResourceType,
  user: IdentitystoreUser.tfResourceType,
  groupMembership: IdentitystoreGroupMembership.tfResourceType,
  accountAssignment: SsoadminAccountAssignment.tfResourceType,
  trail: Cloudtrail.tfResourceType,
  bucket: S3Bucket.tfResourceType,
  bucketVersioning: S3BucketVersioningA.tfResourceType,
  bucketEncryption: S3BucketServerSideEncryptionConfigurationA.tfResourceType,
  bucketPublicAccessBlock: S3BucketPublicAccessBlock.tfResourceType,
  bucketPolicy: S3BucketPolicy.tfResourceType,
  bucketLifecycle: S3BucketLifecycleConfiguration.tfResourceType,
  kmsKey: KmsKey.tfResourceType,
  organizationsFeatures: IamOrganizationsFeatures.tfResourceType,
  alternateContact: AccountAlternateContact.tfResourceType,
} as const;

export const RESOURCE_NAMES = {
  organization: "org",
  /** Accounts AWS creates. */
  accounts: "accounts",
  /** Accounts that existed before, each brought in by an import block. */
  importedAccounts: "imported",
  policies: "policies",
  policyAttachments: "attachments",
  delegatedAdministrators: "delegated",
  permissionSets: "permission_sets",
  /** "<permission set>/<policy name>" */
  managedPolicies: "managed_policies",
  /** "<permission set>/<path><policy name>" */
  customerManagedPolicies: "customer_managed_policies",
  /** Keyed by permission set. */
  inlinePolicies: "inline_policies",
  permissionsBoundaries: "permissions_boundaries",
  groups: "groups",
  users: "users",
  /** "<group>/<user name>" */
  groupMemberships: "memberships",
  /** "<principal>/<permission set>/<account>" */
  accountAssignments: "assignments",
  /** Data sources: the Identity Center instance, and groups and users looked up by name. */
  identityCenter: "identity_center",
  existingPrincipals: "existing",
  /** The organization trail, and its bucket (and key) with every setting of it under the same name. */
  organizationTrail: "organization",
  trailLogs: "cloudtrail_logs",
  rootAccess: "root_access",
  /** "<account>/<SECURITY|BILLING|OPERATIONS>" */
  alternateContacts: "contacts",
  /** The aws provider alias that reaches the log-archive account. */
  logArchiveProvider: "log_archive",
} as const;

/** "ous" for the OUs under the root, "ous_level_2" and deeper for nested ones. */
export const ouResourceName = (depth: number): string => (depth === 1 ? "ous" : `ous_level_${depth}`);

/**
 * The organization's data, as in the hand-written setup (var.accounts_to_create, ...): variables
 * whose defaults hold what varies per OU and account. A default is a literal, never a template, so
 * it needs no escaping, and tofu evaluates a variable once where it re-reads a local per instance.
 */
export const VARIABLES = {
  /** Tags on every OU and account (merged under each one's Name and own tags). */
  defaultTags: "default_tags",
  accountsToCreate: "accounts_to_create",
  accountsToImport: "accounts_to_import",
  permissionSets: "permission_sets",
  managedPolicies: "permission_set_managed_policies",
  customerManagedPolicies: "permission_set_customer_managed_policies",
  inlinePolicies: "permission_set_inline_policies",
  permissionsBoundaries: "permission_set_boundaries",
  groups: "groups",
  users: "users",
  groupMemberships: "group_memberships",
  accountAssignments: "account_assignments",
  /** "<account>/<type>" -> the contact's account, type, name, title, email and phone. */
  alternateContacts: "alternate_contacts",
} as const;

export const LOCALS = {
  /** OU path ("/" = the root) -> id, when accounts sit at the root or in nested OUs. */
  parentIds: "parent_ids",
  /** Policy name -> type, description, content (the JSON document as an object) and tags. */
  policies: "policies",
  /** "<policy>/<target>" -> policy name and target id. */
  policyAttachments: "policy_attachments",
  /** "<account>/<service principal>" -> account id and service principal. */
  delegatedAdministrators: "delegated_administrators",
  /** Adopting: attachments that may exist already, what to look up, and those that do (imported). */
  adoptableAttachments: "adoptable_attachments",
  attachmentLookups: "attachment_lookups",
  existingAttachments: "existing_attachments",
  /** Adopting: delegated-administrator registrations that may exist already, and those that do. */
  adoptableDelegations: "adoptable_delegations",
  existingDelegations: "existing_delegations",
  /** The Identity Center instance's ARN and its identity store's id. */
  identityCenterArn: "identity_center_arn",
  identityStoreId: "identity_store_id",
  /** Group display name / user name -> id, of the managed and the looked-up ones. */
  groupIds: "group_ids",
  userIds: "user_ids",
  /** Account name (or "management-account") -> id: where assignments point. */
  accountIds: "account_ids",
  /** Account name -> id, for the contacts of member accounts (the management account's are set without one). */
  contactAccountIds: "contact_account_ids",
  /** "<account>/<type>" -> the Account API's id of a contact that exists already (imported). */
  contactsToImport: "contacts_to_import",
  /** "<principal>/<permission set>/<account>" -> the import id of an assignment that exists already. */
  assignmentsToImport: "assignments_to_import",
  /** The trail bucket's policy and the log key's policy, as documents. */
  trailBucketPolicy: "cloudtrail_bucket_policy",
  trailKeyPolicy: "cloudtrail_key_policy",
} as const;

/** The variable holding the OUs at one nesting level. */
export const ouVariableName = (depth: number): string => (depth === 1 ? "organizational_units" : `organizational_units_level_${depth}`);

/**
 * An OU's or account's tags: the defaults, its Name, then its own (which may override both). When
 * none of a resource's instances has tags of its own, the variable carries none and this leaves them out.
 */
export const mergedTagsExpression = (nameExpression: string | undefined, withOwnTags: boolean): string =>
  `\${merge(var.${VARIABLES.defaultTags}${nameExpression ? `, { Name = ${nameExpression} }` : ""}${withOwnTags ? ", each.value.tags" : ""})}`;

/** The value of organizational_unit in an account's for_each entry when it sits at the root. */
export const ROOT_KEY = "/";

/** `aws_organizations_account.imported["dns"]`: an instance address of a for_each resource. */
export const instanceAddress = (resourceType: string, resourceName: string, key: string): string =>
  `${resourceType}.${resourceName}[${JSON.stringify(key)}]`;

export const ORGANIZATION_ADDRESS = `${RESOURCE_TYPES.organization}.${RESOURCE_NAMES.organization}`;
/** HCL reference to the root's id (r-...): the parent of top-level OUs and root accounts. */
export const ROOT_ID_REFERENCE = `${ORGANIZATION_ADDRESS}.roots[0].id`;

export const ouAddress = (key: string, depth = key.split("/").length): string => instanceAddress(RESOURCE_TYPES.organizationalUnit, ouResourceName(depth), key);
export const accountAddress = (name: string, imported = false): string =>
  instanceAddress(RESOURCE_TYPES.account, imported ? RESOURCE_NAMES.importedAccounts : RESOURCE_NAMES.accounts, name);

/** Where a policy is attached (config-language/model.ts's PolicyTarget has the same shape). */
export type PolicyTarget = { kind: "root" } | { kind: "ou"; key: string } | { kind: "account"; name: string };

/** A policy target in attachment keys: "root", "ou:Workloads/Prod", "account:dns". */
export const policyTargetKey = (target: PolicyTarget): string =>
  target.kind === "root" ? "root" : target.kind === "ou" ? `ou:${target.key}` : `account:${target.name}`;

/** `DenyLeaveOrg/ou:Workloads/Prod`: the attachment's for_each key. Policy names hold no "/". */
export const attachmentKey = (policy: string, target: PolicyTarget): string => `${policy}/${policyTargetKey(target)}`;

/** The policy name and target of an attachment key; undefined for a key this project did not write. */
export function parseAttachmentKey(key: string): { policy: string; target: PolicyTarget } | undefined {
  const slash = key.indexOf("/");
  if (slash < 1) return undefined;
  const policy = key.slice(0, slash);
  const target = key.slice(slash + 1);
  if (target === "root") return { policy, target: { kind: "root" } };
  if (target.startsWith("ou:") && target.length > 3) return { policy, target: { kind: "ou", key: target.slice(3) } };
  if (target.startsWith("account:") && target.length > 8) return { policy, target: { kind: "account", name: target.slice(8) } };
  return undefined;
}

export const delegatedAdministratorKey = (account: string, servicePrincipal: string): string => `${account}/${servicePrincipal}`;

export const policyAddress = (name: string): string => instanceAddress(RESOURCE_TYPES.policy, RESOURCE_NAMES.policies, name);

/** HCL reference (no ${}) to the id of a policy target: the root, an OU's instance, an account's instance. */
export const targetIdReference = (target: PolicyTarget, isImportedAccount: (name: string) => boolean): string =>
  target.kind === "root" ? ROOT_ID_REFERENCE : target.kind === "ou" ? `${ouAddress(target.key)}.id` : `${accountAddress(target.name, isImportedAccount(target.name))}.id`;

export { assignmentKey, MANAGEMENT_ACCOUNT_KEY, managedPolicyKey, parseAssignmentKey } from "./keys.js";

export const permissionSetAddress = (name: string): string => instanceAddress(RESOURCE_TYPES.permissionSet, RESOURCE_NAMES.permissionSets, name);
export const groupAddress = (name: string): string => instanceAddress(RESOURCE_TYPES.group, RESOURCE_NAMES.groups, name);
export const accountAssignmentAddress = (key: string): string => instanceAddress(RESOURCE_TYPES.accountAssignment, RESOURCE_NAMES.accountAssignments, key);

