// The shape of the organization config: what a platform engineer writes in config/*.ts or *.json.
// Field-level rules live here; rules that compare fields (duplicates, parents, cycles, depth)
// live in config/cross-field-rules.ts so that every problem is reported in one run.
import { z } from "zod";
import {
  EMAIL_RULE,
  emailMessage,
  isValidEmail,
  isVersionConstraint,
  MAX_TAG_KEY,
  MAX_TAG_VALUE,
  MAX_TAGS_PER_RESOURCE,
  nameTextProblem,
  reservedKeyProblem,
  ROLE_NAME_PATTERN,
  TAG_RULE,
  tagValueProblem,
  templateProblem,
} from "./aws-rules.js";
import { identityCenterSchema } from "./identity-center-schema.js";
import { securityFoundationsSchema } from "./security-foundations-schema.js";
import { ownedPolicyNameProblem } from "./service-owned.js";
import { rule } from "./zod-rule.js";
import { MAX_POLICY_DESCRIPTION, MAX_POLICY_NAME, POLICY_ID_PATTERN, POLICY_TYPE_LIMITS, POLICY_TYPES } from "./policy-rules.js";

export const FEATURE_SETS = ["ALL", "CONSOLIDATED_BILLING"] as const;

/** Every policy type AWS Organizations can enable on a root (config-language/policy-rules.ts has their rules). */
export { POLICY_TYPES };

export const BILLING_ACCESS = ["ALLOW", "DENY"] as const;


export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** CreateOrganizationalUnit: "ou-" + 4-32 of 0-9a-z (the root's id part) + "-" + 8-32 of 0-9a-z. */
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
export { ROLE_NAME_PATTERN };
export const MAX_OU_DEPTH = 5;
export const MAX_ACCOUNT_NAME = 50;
export const MAX_OU_NAME = 128;
/** AWS regions: us-east-1, eu-central-2, us-gov-west-1, ... */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
export const DEFAULT_REGION = "us-east-1";
/** cdktf pins the exact version its bindings were built from; this admits later 6.x releases. */
export const DEFAULT_PROVIDER_CONSTRAINT = "~> 6.25";
export const DEFAULT_TAGS = { ManagedBy: "OpenTofu" };


// Keys are checked in resolve-structure.ts's tagIssues (zod reports a bad record key only as "Invalid key").
const servicePrincipal = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/, "must be a service principal like sso.amazonaws.com");

const tags = z.record(z.string(), z.string().superRefine(rule(tagValueProblem)));

const email = z.string().superRefine(rule((value) => (isValidEmail(value) ? undefined : emailMessage(value))));
/** OU names and previous names: AWS takes any text; control and invisible characters, template syntax and object internals are refused. */
const ouName = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_OU_NAME, `OU names are at most ${MAX_OU_NAME} characters`)
  .superRefine(rule(nameTextProblem, templateProblem, reservedKeyProblem));

export const organizationSchema = z
  .object({
    featureSet: z
      .enum(FEATURE_SETS)
      .default("ALL")
      .meta({ description: "ALL enables policies and trusted access; CONSOLIDATED_BILLING is billing only. Policy types and service access need ALL." }),
    enabledPolicyTypes: z
      .array(z.enum(POLICY_TYPES))
      .default([])
      .meta({ description: "Policy types enabled on the root. No repeats." }),
    awsServiceAccessPrincipals: z
      .array(servicePrincipal)
      .default([])
      .meta({ description: "Service principals given trusted access, each `*.amazonaws.com`, e.g. `sso.amazonaws.com`. No repeats." }),
    id: z
      .string()
      .regex(ORGANIZATION_ID_PATTERN, "must match o-[a-z0-9]{10,32}")
      .optional()
      .meta({ description: "Id (`o-` and 10-32 of a-z 0-9) of an organization that already exists: it is imported, not created." }),
  })
  .strict();

export const organizationalUnitSchema = z
  .object({
    name: ouName.meta({
      description: `The OU's name, 1-${MAX_OU_NAME} characters, no \`/\`, control or invisible characters, \`\${\` or \`%{\`. Unique among siblings, also ignoring case and look-alike characters (NFKC).`,
    }),
    parent: z
      .string()
      .min(1)
      .optional()
      .meta({ description: `The parent OU by name, or by path (\`Workloads/Prod\`) when names repeat; absent = the root. Must exist; no cycles; at most ${MAX_OU_DEPTH} levels below the root.` }),
    renamedFrom: ouName
      .optional()
      .meta({ description: "The OU's previous name: renamed in place (a `moved` block for it and every OU below it), never replaced. Not the name of a sibling that still exists, nor claimed by two OUs." }),
    id: z
      .string()
      .regex(OU_ID_PATTERN, "must be an OU id: ou-, 4-32 of a-z 0-9, -, 8-32 of a-z 0-9")
      .optional()
      .meta({ description: "Id of an OU that already exists (`ou-...`), at any depth: it is imported into its `for_each` instance, not created. Each id once." }),
    tags: tags.default({}).meta({
      description: `Tags, merged over \`defaultTags\`; \`Name\` = the OU's name unless given here. Keys 1-${MAX_TAG_KEY}, values 0-${MAX_TAG_VALUE} characters of ${TAG_RULE}; no \`aws:\` keys; at most ${MAX_TAGS_PER_RESOURCE} per OU in all.`,
    }),
  })
  .strict();

export const accountSchema = z
  .object({
    name: z
      .string()
      .min(1, "must not be empty")
      .max(MAX_ACCOUNT_NAME, `account names are at most ${MAX_ACCOUNT_NAME} characters`)
      .regex(/^[\x20-\x7E]+$/, "must be printable ASCII")
      .superRefine(rule(templateProblem, reservedKeyProblem))
      .meta({ description: `The account's name, 1-${MAX_ACCOUNT_NAME} printable ASCII characters, no \`\${\` or \`%{\`. Unique, also ignoring case: it is the \`for_each\` key.` }),
    email: email
      .optional()
      .meta({
        description: `The root user's email: ${EMAIL_RULE}; 7-bit ASCII, no spaces; before the @ no leading dot and none of \`" ' ( ) < > [ ] : ; , \\ | % &\`; the domain of letters, digits, dots and hyphens. Unique, compared case-insensitively. Default: from \`emailConvention\`.`,
      }),
    organizationalUnit: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The OU by name, or by path when names repeat; absent = directly under the root. Must exist." }),
    iamUserAccessToBilling: z
      .enum(BILLING_ACCESS)
      .default("DENY")
      .meta({ description: "Whether IAM users may see billing. Not on imported accounts (AWS applies it only at creation)." }),
    roleName: z
      .string()
      .regex(ROLE_NAME_PATTERN, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-")
      .default("OrganizationAccountAccessRole")
      .meta({ description: "The role AWS creates in the account for the management account: 1-64 of letters, digits, `+=,.@_-`. Not on imported accounts." }),
    closeOnDeletion: z
      .boolean()
      .default(false)
      .meta({ description: "Close the account (rather than remove it from the organization) if it is ever destroyed. Not on imported accounts." }),
    tags: tags.default({}).meta({ description: `Tags, merged over \`defaultTags\`; \`Name\` = the account's name unless given here. Same rules as OU tags; at most ${MAX_TAGS_PER_RESOURCE} per account in all.` }),
    id: z
      .string()
      .regex(ACCOUNT_ID_PATTERN, "must be a 12-digit AWS account id")
      .optional()
      .meta({ description: "12-digit id of an account that already exists: it is imported, not created. Each id once." }),
  })
  .strict();

const sizes = Object.entries(POLICY_TYPE_LIMITS)
  .map(([type, limits]) => `${type} ${limits.maxSize.toLocaleString("en")}`)
  .join(", ");

export const policySchema = z
  .object({
    name: z
      .string()
      .min(1, "must not be empty")
      .max(MAX_POLICY_NAME, `policy names are at most ${MAX_POLICY_NAME} characters`)
      .superRefine(rule(nameTextProblem, templateProblem, reservedKeyProblem, ownedPolicyNameProblem))
      .meta({ description: `The policy's name, 1-${MAX_POLICY_NAME} characters, no \`/\`: the \`for_each\` key. Unique; not one of AWS's own (\`FullAWSAccess\`, \`RCPFullAWSAccess\`) nor Control Tower's (\`aws-guardrails-...\`).` }),
    type: z
      .enum(POLICY_TYPES)
      .default("SERVICE_CONTROL_POLICY")
      .meta({ description: "The policy type; it must be in `organization.enabledPolicyTypes`." }),
    description: z
      .string()
      .max(MAX_POLICY_DESCRIPTION, `descriptions are at most ${MAX_POLICY_DESCRIPTION} characters`)
      .default("")
      .meta({ description: `What the policy is for, at most ${MAX_POLICY_DESCRIPTION} characters.` }),
    content: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .meta({
        description: `The policy document: a JSON file's path relative to the config file (\`policies/deny-leaving-organization.json\`), or the document as an object. Checked against its type's grammar; at most (characters, minified as sent): ${sizes}.`,
      }),
    targets: z
      .object({
        root: z.boolean().default(false).meta({ description: "Attach to the root: every account in the organization." }),
        organizationalUnits: z.array(z.string().min(1)).default([]).meta({ description: "OUs by name, or by path when names repeat; each once." }),
        accounts: z.array(z.string().min(1)).default([]).meta({ description: "Accounts by name; each once." }),
      })
      .strict()
      .default({ root: false, organizationalUnits: [], accounts: [] })
      .meta({ description: "Where the policy is attached. Per target at most 5 SCPs, 5 RCPs, 10 tag, 10 backup policies, ... counting AWS's own FullAWSAccess / RCPFullAWSAccess, which stay attached everywhere." }),
    tags: tags.default({}).meta({ description: "Tags, merged over `defaultTags`. Same rules as OU tags." }),
    id: z
      .string()
      .regex(POLICY_ID_PATTERN, "must be a policy id: p- and 8-128 letters, digits or _")
      .optional()
      .meta({ description: "Id (`p-...`) of a policy that already exists: it is imported, not created. Each id once; not an AWS-managed policy." }),
  })
  .strict();

export const providerSchema = z
  .object({
    region: z
      .string()
      .regex(AWS_REGION_PATTERN, "must be an AWS region like us-east-1")
      .default(DEFAULT_REGION)
      .meta({ description: "The AWS provider's region (Organizations is global; its API lives in us-east-1)." }),
    versionConstraint: z
      .string()
      .refine(isVersionConstraint, { message: 'must be a version constraint, e.g. "~> 6.25" or ">= 6.0, < 7.0"' })
      .default(DEFAULT_PROVIDER_CONSTRAINT)
      .meta({ description: "The hashicorp/aws version constraint (cdktf alone would pin the exact version its bindings came from)." }),
    maxRetries: z
      .number()
      .int("must be a whole number")
      .min(0)
      .max(100)
      .optional()
      .meta({ description: "The provider's `max_retries`: how often one AWS call is retried (the provider's default, 25, when absent). The sandbox sets 4, so a call the emulator lacks fails in seconds." }),
  })
  .strict();

/** GitHub: owner 1-39 of letters, digits and single hyphens; repository 1-100 of letters, digits, . _ - (not "." or ".."). */
export const GITHUB_REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
/** Environment and branch names as they appear in a token's sub claim: no wildcard, no ":" (the claim's separator). */
const SUB_CLAIM_PART = /^[A-Za-z0-9._\/-]{1,255}$/;
export const DEFAULT_CI_ACCESS = { applyEnvironment: "production", driftBranch: "main", planRoleName: "aws-org-cdktf-plan", applyRoleName: "aws-org-cdktf-apply" } as const;

export const ciAccessSchema = z
  .object({
    repository: z
      .string()
      .regex(GITHUB_REPOSITORY_PATTERN, "must be a GitHub repository as owner/name, without wildcards")
      .meta({ description: "The repository whose workflows may plan and apply, as `owner/name`: the roles trust exactly its tokens." }),
    applyEnvironment: z
      .string()
      .regex(SUB_CLAIM_PART, "must be a GitHub environment name: letters, digits, . _ / -, no wildcards")
      .default(DEFAULT_CI_ACCESS.applyEnvironment)
      .meta({ description: "The GitHub environment the apply job runs in: only its tokens may assume the apply role." }),
    driftBranch: z
      .string()
      .regex(SUB_CLAIM_PART, "must be a branch name: letters, digits, . _ / -, no wildcards")
      .default(DEFAULT_CI_ACCESS.driftBranch)
      .meta({ description: "The branch the scheduled drift check runs on: its tokens may assume the plan role." }),
    planRoleName: z.string().regex(ROLE_NAME_PATTERN, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-").default(DEFAULT_CI_ACCESS.planRoleName).meta({ description: "Name of the read-only role for pull requests and drift." }),
    applyRoleName: z.string().regex(ROLE_NAME_PATTERN, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-").default(DEFAULT_CI_ACCESS.applyRoleName).meta({ description: "Name of the role that applies merged plans." }),
    oidcProviderArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, "must be the ARN of GitHub's OIDC provider: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com")
      .optional()
      .meta({ description: "ARN of a GitHub OIDC provider the account already has: it is imported, not created (an account holds one per URL)." }),
  })
  .strict();

export const organizationConfigSchema = z
  .object({
    $schema: z.string().optional().meta({ description: "A JSON config may point editors at `config-language/organization.schema.json`." }),
    organization: organizationSchema.default({ featureSet: "ALL", enabledPolicyTypes: [], awsServiceAccessPrincipals: [] }),
    organizationalUnits: z.array(organizationalUnitSchema).default([]),
    accounts: z.array(accountSchema).default([]),
    policies: z.array(policySchema).default([]).meta({ description: "Guardrails: organization policies and where they are attached." }),
    delegatedAdministrators: z
      .record(z.string(), z.array(servicePrincipal))
      .default({})
      .meta({ description: "Account name -> the service principals it administers for the organization, e.g. `{ security: [\"guardduty.amazonaws.com\"] }`. Each principal must be in `awsServiceAccessPrincipals`." }),
    nameTags: z
      .boolean()
      .default(true)
      .meta({ description: "Tag every OU and account `Name` = its name (a resource's own `Name` tag wins). `false` leaves tags exactly as given, e.g. to adopt an organization without retagging it." }),
    defaultTags: tags.default(DEFAULT_TAGS).meta({ description: "Tags on every OU and account; `Name` = the resource's name is added unless a resource sets its own. Same rules as OU tags." }),
    emailConvention: z
      .string()
      .refine((value) => value.includes("{name}"), { message: "must contain {name}" })
      .refine((value) => isValidEmail(value.replaceAll("{name}", "name")), { message: `must give valid email addresses: ${EMAIL_RULE}` })
      .optional()
      .meta({ description: "Fills in missing account emails, e.g. `aws-{name}@example.com`: `{name}` = the account name, lower-case, spaces as `-`. Must contain `{name}`." }),
    provider: providerSchema.default({ region: DEFAULT_REGION, versionConstraint: DEFAULT_PROVIDER_CONSTRAINT }),
    identityCenter: identityCenterSchema
      .optional()
      .meta({ description: "IAM Identity Center access as code: permission sets, groups, users, and which permission set a group or user gets on which accounts. Needs `sso.amazonaws.com` in `awsServiceAccessPrincipals`. Absent: nothing of it is managed." }),
    securityFoundations: securityFoundationsSchema
      .optional()
      .meta({ description: "Security foundations as code: the organization's CloudTrail trail and its log bucket, centralized root access, and every account's alternate contacts. Absent: none of them is managed." }),
    ciAccess: ciAccessSchema
      .optional()
      .meta({ description: "CI's access to AWS as code (the `ci-access` stack): GitHub's OIDC provider and the plan and apply roles, trusting exactly this repository. Absent: no such stack." }),
  })
  .strict();

/** What a config file exports: defaults may be left out. */
export type OrganizationConfigInput = z.input<typeof organizationConfigSchema>;
/** The config with every default filled in. */
export type OrganizationConfig = z.output<typeof organizationConfigSchema>;
