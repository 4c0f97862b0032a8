// What CI may do in AWS, derived from what the stacks it applies manage: every resource type maps
// to the actions the provider calls to read it (plan role) and to change it (apply role), and the
// state gets read, lock and write rights on exactly its bucket, keys and table. A resource type
// with no entry here stops synth, so a new feature cannot silently lack or over-grant a permission.
import type { BackendSettings } from "../config-language/backend.js";

export interface ResourcePermissions {
  /** What the provider calls to refresh it: the plan role. */
  read: string[];
  /** What the provider calls to create, update or delete it: the apply role, on top of read. */
  write: string[];
  /**
   * Organizations actions take "*"; buckets are the state bucket and the stacks' other buckets in
   * this account; the table is the lock table; trail actions take this account's trails, account
   * actions this organization's accounts; KMS keys are made by the stacks (CreateKey takes "*").
   */
  scope: "organization" | "identity-center" | "bucket" | "table" | "trail" | "account-api" | "kms" | "root-access";
}

/** Every resource type the CI-applied stacks hold, and why each action is needed (the provider's calls). */
export const RESOURCE_PERMISSIONS: Record<string, ResourcePermissions> = {
  aws_organizations_organization: {
    // Describe + roots + service access + the accounts attributes the resource exports.
    read: ["organizations:DescribeOrganization", "organizations:ListRoots", "organizations:ListAWSServiceAccessForOrganization", "organizations:ListAccounts"],
    write: [
      "organizations:CreateOrganization",
      "organizations:EnablePolicyType",
      "organizations:DisablePolicyType",
      "organizations:EnableAWSServiceAccess",
      "organizations:DisableAWSServiceAccess",
      "organizations:EnableAllFeatures",
    ],
    scope: "organization",
  },
  aws_organizations_organizational_unit: {
    read: ["organizations:DescribeOrganizationalUnit", "organizations:ListParents", "organizations:ListAccountsForParent", "organizations:ListTagsForResource"],
    write: ["organizations:CreateOrganizationalUnit", "organizations:UpdateOrganizationalUnit", "organizations:DeleteOrganizationalUnit", "organizations:TagResource", "organizations:UntagResource"],
    scope: "organization",
  },
  aws_organizations_account: {
    read: ["organizations:DescribeAccount", "organizations:ListParents", "organizations:ListTagsForResource", "organizations:DescribeCreateAccountStatus"],
    write: [
      "organizations:CreateAccount",
      "organizations:MoveAccount",
      "organizations:TagResource",
      "organizations:UntagResource",
      "organizations:CloseAccount",
      "organizations:RemoveAccountFromOrganization",
      "account:PutAccountName",
    ],
    scope: "organization",
  },
  aws_organizations_policy: {
    read: ["organizations:DescribePolicy", "organizations:ListTagsForResource"],
    write: ["organizations:CreatePolicy", "organizations:UpdatePolicy", "organizations:DeletePolicy", "organizations:TagResource", "organizations:UntagResource"],
    scope: "organization",
  },
  aws_organizations_policy_attachment: {
    // ListPoliciesForTarget: adopting an organization asks which attachments exist (constructs/existing-links.ts).
    read: ["organizations:ListTargetsForPolicy", "organizations:ListPoliciesForTarget"],
    write: ["organizations:AttachPolicy", "organizations:DetachPolicy"],
    scope: "organization",
  },
  aws_organizations_delegated_administrator: {
    read: ["organizations:ListDelegatedAdministrators"],
    write: ["organizations:RegisterDelegatedAdministrator", "organizations:DeregisterDelegatedAdministrator"],
    scope: "organization",
  },
  // IAM Identity Center. Every change to what a permission set grants is provisioned to the accounts
  // it is assigned to (ProvisionPermissionSet) and waited for; the instance is read through
  // data.aws_ssoadmin_instances and groups or users that are looked up by name through
  // GetGroupId/GetUserId, which the entries that use them carry.
  aws_ssoadmin_permission_set: {
    read: ["sso:ListInstances", "sso:DescribePermissionSet", "sso:ListTagsForResource"],
    write: ["sso:CreatePermissionSet", "sso:UpdatePermissionSet", "sso:DeletePermissionSet", "sso:TagResource", "sso:UntagResource", "sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"],
    scope: "identity-center",
  },
  aws_ssoadmin_managed_policy_attachment: {
    read: ["sso:ListManagedPoliciesInPermissionSet"],
    write: ["sso:AttachManagedPolicyToPermissionSet", "sso:DetachManagedPolicyFromPermissionSet", "sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"],
    scope: "identity-center",
  },
  aws_ssoadmin_customer_managed_policy_attachment: {
    read: ["sso:ListCustomerManagedPolicyReferencesInPermissionSet"],
    write: ["sso:AttachCustomerManagedPolicyReferenceToPermissionSet", "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet", "sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"],
    scope: "identity-center",
  },
  aws_ssoadmin_permission_set_inline_policy: {
    read: ["sso:GetInlinePolicyForPermissionSet"],
    write: ["sso:PutInlinePolicyToPermissionSet", "sso:DeleteInlinePolicyFromPermissionSet", "sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"],
    scope: "identity-center",
  },
  aws_ssoadmin_permissions_boundary_attachment: {
    read: ["sso:GetPermissionsBoundaryForPermissionSet"],
    write: ["sso:PutPermissionsBoundaryToPermissionSet", "sso:DeletePermissionsBoundaryFromPermissionSet", "sso:ProvisionPermissionSet", "sso:DescribePermissionSetProvisioningStatus"],
    scope: "identity-center",
  },
  aws_identitystore_group: {
    read: ["identitystore:DescribeGroup", "identitystore:GetGroupId"],
    write: ["identitystore:CreateGroup", "identitystore:UpdateGroup", "identitystore:DeleteGroup"],
    scope: "identity-center",
  },
  aws_identitystore_user: {
    read: ["identitystore:DescribeUser", "identitystore:GetUserId"],
    write: ["identitystore:CreateUser", "identitystore:UpdateUser", "identitystore:DeleteUser"],
    scope: "identity-center",
  },
  aws_identitystore_group_membership: {
    read: ["identitystore:DescribeGroupMembership"],
    write: ["identitystore:CreateGroupMembership", "identitystore:DeleteGroupMembership"],
    scope: "identity-center",
  },
  aws_ssoadmin_account_assignment: {
    read: ["sso:ListInstances", "sso:ListAccountAssignments", "identitystore:GetGroupId", "identitystore:DescribeGroup", "identitystore:GetUserId", "identitystore:DescribeUser"],
    write: ["sso:CreateAccountAssignment", "sso:DeleteAccountAssignment", "sso:DescribeAccountAssignmentCreationStatus", "sso:DescribeAccountAssignmentDeletionStatus"],
    scope: "identity-center",
  },
  aws_s3_bucket: {
    // The provider's bucket read asks for every sub-configuration a bucket can have.
    // (s3:ListBucket, which its HeadBucket needs, is granted with the state.)
    read: [
      "s3:GetBucketLocation",
      "s3:GetBucketTagging",
      "s3:GetBucketPolicy",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketWebsite",
      "s3:GetBucketVersioning",
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketLogging",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
      "s3:GetEncryptionConfiguration",
      "s3:GetBucketObjectLockConfiguration",
    ],
    write: ["s3:CreateBucket", "s3:PutBucketTagging"],
    scope: "bucket",
  },
  aws_s3_bucket_versioning: { read: ["s3:GetBucketVersioning"], write: ["s3:PutBucketVersioning"], scope: "bucket" },
  aws_s3_bucket_server_side_encryption_configuration: { read: ["s3:GetEncryptionConfiguration"], write: ["s3:PutEncryptionConfiguration"], scope: "bucket" },
  aws_s3_bucket_public_access_block: { read: ["s3:GetBucketPublicAccessBlock"], write: ["s3:PutBucketPublicAccessBlock"], scope: "bucket" },
  aws_s3_bucket_policy: { read: ["s3:GetBucketPolicy"], write: ["s3:PutBucketPolicy"], scope: "bucket" },
  aws_s3_bucket_lifecycle_configuration: { read: ["s3:GetLifecycleConfiguration"], write: ["s3:PutLifecycleConfiguration"], scope: "bucket" },
  aws_cloudtrail: {
    read: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrail", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors", "cloudtrail:GetInsightSelectors", "cloudtrail:ListTags"],
    write: ["cloudtrail:CreateTrail", "cloudtrail:UpdateTrail", "cloudtrail:DeleteTrail", "cloudtrail:StartLogging", "cloudtrail:StopLogging", "cloudtrail:PutEventSelectors", "cloudtrail:AddTags", "cloudtrail:RemoveTags"],
    scope: "trail",
  },
  aws_iam_organizations_features: {
    read: ["iam:ListOrganizationsFeatures"],
    write: ["iam:EnableOrganizationsRootCredentialsManagement", "iam:EnableOrganizationsRootSessions", "iam:DisableOrganizationsRootCredentialsManagement", "iam:DisableOrganizationsRootSessions"],
    scope: "root-access",
  },
  aws_account_alternate_contact: { read: ["account:GetAlternateContact"], write: ["account:PutAlternateContact", "account:DeleteAlternateContact"], scope: "account-api" },
  aws_kms_key: {
    read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
    write: ["kms:CreateKey", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateKeyDescription"],
    scope: "kms",
  },
  aws_kms_alias: { read: ["kms:ListAliases"], write: ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"], scope: "kms" },
  aws_dynamodb_table: {
    read: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"],
    write: ["dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:TagResource", "dynamodb:UntagResource"],
    scope: "table",
  },
};

const CLOUDTRAIL_SERVICE_LINKED_ROLE = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/aws-service-role/cloudtrail.amazonaws.com/*";

/** Organizations read actions that take one object's ARN instead of "*" (the service authorization reference). */
const OBJECT_ACTIONS = new Set(["organizations:DescribeAccount", "organizations:DescribeOrganizationalUnit", "organizations:DescribePolicy", "organizations:ListTargetsForPolicy"]);
const ACCOUNT_ID = "${data.aws_caller_identity.current.account_id}";
/** Accounts, OUs and policies of the organization this account manages (its id is unknown before it exists). */
const organizationObjectArns = (): string[] => [
  `arn:aws:organizations::${ACCOUNT_ID}:account/o-*/*`,
  `arn:aws:organizations::${ACCOUNT_ID}:ou/o-*/ou-*`,
  `arn:aws:organizations::${ACCOUNT_ID}:policy/o-*/*/p-*`,
];

/** The one Identity Center action that takes no resource ARN: the rest name the instance, a permission set, an account or a directory object. */
const IDENTITY_CENTER_UNSCOPED_ACTIONS = new Set(["sso:ListInstances"]);
const identityCenterObjectArns = (): string[] => [
  "arn:aws:sso:::instance/*",
  "arn:aws:sso:::permissionSet/*/*",
  "arn:aws:sso:::account/*",
  `arn:aws:identitystore::${ACCOUNT_ID}:identitystore/*`,
  "arn:aws:identitystore:::group/*",
  "arn:aws:identitystore:::user/*",
  "arn:aws:identitystore:::membership/*",
];

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface CiPermissionsInput {
  /** Resource types of the stacks CI applies (organization, state-backend). */
  resourceTypes: string[];
  backend: BackendSettings;
  /** State keys CI reads: every stack's, including the ci-access stack's own. */
  readKeys: string[];
  /** State keys CI writes: the stacks it applies. */
  writeKeys: string[];
  /** ARNs (may be references) of what the plan role may read of the ci-access stack itself. */
  ciAccessArns: string[];
  /** Buckets other than the state bucket that the stacks manage in this account (the trail's logs). */
  otherBuckets?: string[];
  /** Roles in other accounts the stacks assume to manage what lives there (a log-archive account). */
  assumedRoles?: string[];
}

const sorted = (actions: Iterable<string>): string[] => [...new Set(actions)].sort();

/** Types with no entry: synth refuses them (see the file's header). */
export const typesWithoutPermissions = (types: string[]): string[] => [...new Set(types)].filter((type) => !(type in RESOURCE_PERMISSIONS)).sort();

function actionsFor(types: string[], kind: "read" | "write", scope: ResourcePermissions["scope"]): string[] {
  return sorted(types.flatMap((type) => (RESOURCE_PERMISSIONS[type]?.scope === scope ? RESOURCE_PERMISSIONS[type][kind] : [])));
}

function scopedStatements(input: CiPermissionsInput, kind: "read" | "write", prefix: string): PolicyStatement[] {
  const { bucket, dynamodb_table: table, region } = input.backend;
  const statements: PolicyStatement[] = [];
  const add = (sid: string, actions: string[], resource: string | string[]) => {
    if (actions.length > 0) statements.push({ Sid: `${prefix}${sid}`, Effect: "Allow", Action: actions, Resource: resource });
  };
  const organization = actionsFor(input.resourceTypes, kind, "organization");
  // Actions that name one account, OU or policy are held to this management account's objects.
  add("TheOrganization", organization.filter((a) => !OBJECT_ACTIONS.has(a)), "*");
  add("TheOrganizationsObjects", organization.filter((a) => OBJECT_ACTIONS.has(a)), organizationObjectArns());
  const identityCenter = actionsFor(input.resourceTypes, kind, "identity-center");
  add("TheIdentityCenter", identityCenter.filter((a) => IDENTITY_CENTER_UNSCOPED_ACTIONS.has(a)), "*");
  add("TheIdentityCentersObjects", identityCenter.filter((a) => !IDENTITY_CENTER_UNSCOPED_ACTIONS.has(a)), identityCenterObjectArns());
  const buckets = [bucket, ...(input.otherBuckets ?? [])].map((name) => `arn:aws:s3:::${name}`);
  add("TheStateBucket", actionsFor(input.resourceTypes, kind, "bucket"), buckets.length === 1 ? buckets[0]! : buckets);
  const trail = actionsFor(input.resourceTypes, kind, "trail");
  // DescribeTrails names no trail; the rest take this account's trails.
  add("TheTrails", trail.filter((a) => a === "cloudtrail:DescribeTrails"), "*");
  add("TheTrailsObjects", trail.filter((a) => a !== "cloudtrail:DescribeTrails"), `arn:aws:cloudtrail:*:${ACCOUNT_ID}:trail/*`);
  add("TheAccountsContacts", actionsFor(input.resourceTypes, kind, "account-api"), [`arn:aws:account::${ACCOUNT_ID}:account`, `arn:aws:account::${ACCOUNT_ID}:account/o-*/*`]);
  add("TheLogKeys", actionsFor(input.resourceTypes, kind, "kms"), "*");
  // IAM's organizations features name no resource.
  add("TheRootAccessFeatures", actionsFor(input.resourceTypes, kind, "root-access"), "*");
  add("TheLockTable", actionsFor(input.resourceTypes, kind, "table"), `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${table}`);
  return statements;
}

/** The plan role: read what the stacks manage, read the state, take and release the lock. */
export function planRolePolicy(input: CiPermissionsInput): { Version: string; Statement: PolicyStatement[] } {
  const { bucket, dynamodb_table: table, region, use_lockfile: lockFile } = input.backend;
  const tableArn = `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${table}`;
  const statements: PolicyStatement[] = [
    ...scopedStatements(input, "read", "Read"),
    { Sid: "ListTheStateBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${bucket}` },
    { Sid: "ReadTheState", Effect: "Allow", Action: ["s3:GetObject"], Resource: input.readKeys.map((key) => `arn:aws:s3:::${bucket}/${key}`) },
    // A plan holds the lock while it runs: the lock item and the state's digest item.
    { Sid: "TakeTheStateLock", Effect: "Allow", Action: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"], Resource: tableArn },
  ];
  if (lockFile) {
    statements.push({ Sid: "TakeTheStateLockFile", Effect: "Allow", Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Resource: input.readKeys.map((key) => `arn:aws:s3:::${bucket}/${key}.tflock`) });
  }
  // aws-org plan itself walks the organization to list accounts and OUs that no stack manages.
  statements.push({
    Sid: "ListWhatNoStackManages",
    Effect: "Allow",
    Action: ["organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization", "organizations:ListAccountsForParent", "organizations:ListOrganizationalUnitsForParent", "organizations:ListRoots"],
    Resource: "*",
  });
  if (input.resourceTypes.includes("aws_organizations_account")) {
    // ... and reads the account quota, to warn before an apply runs into it (limits/account-quota.ts).
    statements.push({ Sid: "ReadTheAccountQuota", Effect: "Allow", Action: ["servicequotas:ListAWSDefaultServiceQuotas", "servicequotas:ListServiceQuotas"], Resource: "*" });
  }
  if (input.resourceTypes.includes("aws_ssoadmin_permission_set")) {
    // ... and, where a stack manages IAM Identity Center, the permission sets that none manages.
    statements.push({ Sid: "ListPermissionSetsNoStackManages", Effect: "Allow", Action: ["sso:DescribePermissionSet", "sso:ListPermissionSets"], Resource: ["arn:aws:sso:::instance/*", "arn:aws:sso:::permissionSet/*/*"] });
  }
  if ((input.assumedRoles ?? []).length > 0) {
    // The stacks reach a member account (the log archive) through a role there.
    statements.push({ Sid: "ReachMemberAccounts", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: input.assumedRoles! });
  }
  if (input.resourceTypes.includes("aws_cloudtrail")) {
    // An organization trail checks the organization and creates CloudTrail's service-linked role the first time.
    statements.push({ Sid: "ReadCloudTrailsServiceLinkedRole", Effect: "Allow", Action: ["iam:GetRole"], Resource: CLOUDTRAIL_SERVICE_LINKED_ROLE });
  }
  statements.push({
    Sid: "ReadCiAccess",
    Effect: "Allow",
    Action: ["iam:GetOpenIDConnectProvider", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
    Resource: input.ciAccessArns,
  });
  return { Version: "2012-10-17", Statement: statements };
}

/** The apply role: the plan role's rights, the write actions of what the stacks manage, and writing their state. */
export function applyRolePolicy(input: CiPermissionsInput): { Version: string; Statement: PolicyStatement[] } {
  const { bucket } = input.backend;
  const plan = planRolePolicy(input);
  const statements: PolicyStatement[] = [
    ...plan.Statement,
    ...scopedStatements(input, "write", "Change"),
    { Sid: "WriteTheState", Effect: "Allow", Action: ["s3:PutObject"], Resource: input.writeKeys.map((key) => `arn:aws:s3:::${bucket}/${key}`) },
  ];
  if (input.resourceTypes.includes("aws_organizations_account") || input.resourceTypes.includes("aws_organizations_organization")) {
    // CreateOrganization and CreateAccount create Organizations' service-linked role the first time.
    statements.push({
      Sid: "CreateTheOrganizationsServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/organizations.amazonaws.com/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": "organizations.amazonaws.com" } },
    });
  }
  if (input.resourceTypes.includes("aws_cloudtrail")) {
    // The first organization trail creates CloudTrail's service-linked role.
    statements.push({
      Sid: "CreateCloudTrailsServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: CLOUDTRAIL_SERVICE_LINKED_ROLE,
      Condition: { StringEquals: { "iam:AWSServiceName": "cloudtrail.amazonaws.com" } },
    });
  }
  if (input.resourceTypes.includes("aws_ssoadmin_account_assignment")) {
    // Assigning a permission set on the management account makes Identity Center create its role
    // and SAML provider there with the caller's rights (AWSSSOMasterAccountAdministrator grants
    // the same): only the reserved SSO roles and provider.
    statements.push({
      Sid: "ProvisionIdentityCenterRolesInTheManagementAccount",
      Effect: "Allow",
      Action: [
        "iam:AttachRolePolicy",
        "iam:CreateRole",
        "iam:CreateSAMLProvider",
        "iam:DeleteRole",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:GetRole",
        "iam:GetSAMLProvider",
        "iam:ListAttachedRolePolicies",
        "iam:ListRolePolicies",
        "iam:PutRolePolicy",
        "iam:UpdateSAMLProvider",
      ],
      Resource: [`arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/*`, `arn:aws:iam::${ACCOUNT_ID}:saml-provider/AWSSSO_*_DO_NOT_DELETE`],
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
