// The shape of the organization config: what a platform engineer writes in config/*.ts or *.json.
// Field-level rules live here; rules that compare fields (duplicates, parents, cycles, depth)
// live in config/cross-field-rules.ts so that every problem is reported in one run.
import { z } from "zod";

export const FEATURE_SETS = ["ALL", "CONSOLIDATED_BILLING"] as const;

/** Every policy type AWS Organizations can enable on a root; all of them need feature set ALL. */
export const POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "SECURITYHUB_POLICY",
] as const;

export const BILLING_ACCESS = ["ALLOW", "DENY"] as const;

/** AWS: 6-64 characters, exactly one @, and a domain with at least one dot. */
export const EMAIL_RULE = "6-64 characters, exactly one @, and a dotted domain";
const EMAIL_PATTERN = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;
export const isValidEmail = (email: string): boolean =>
  email.length >= 6 && email.length <= 64 && EMAIL_PATTERN.test(email);

export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** IAM role names: 1-64 of letters, digits and + = , . @ _ - */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
export const MAX_OU_DEPTH = 5;
export const MAX_ACCOUNT_NAME = 50;
export const MAX_OU_NAME = 128;

const tags = z.record(
  z.string().min(1, "tag keys must not be empty").max(128, "tag keys are at most 128 characters"),
  z.string().max(256, "tag values are at most 256 characters"),
);

const email = z.string().refine(isValidEmail, { message: `must be a valid email address: ${EMAIL_RULE}` });

export const organizationSchema = z
  .object({
    /** ALL enables SCPs and trusted access; CONSOLIDATED_BILLING is billing only. */
    featureSet: z.enum(FEATURE_SETS).default("ALL"),
    enabledPolicyTypes: z.array(z.enum(POLICY_TYPES)).default([]),
    /** Service principals given trusted access, e.g. sso.amazonaws.com. */
    awsServiceAccessPrincipals: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/, "must be a service principal like sso.amazonaws.com"))
      .default([]),
    /** Id of an organization that already exists (o-...): it is imported instead of created. */
    id: z.string().regex(ORGANIZATION_ID_PATTERN, "must match o-[a-z0-9]{10,32}").optional(),
  })
  .strict();

export const organizationalUnitSchema = z
  .object({
    name: z.string().min(1, "must not be empty").max(MAX_OU_NAME, `OU names are at most ${MAX_OU_NAME} characters`),
    /** The parent OU by name, or by path ("Workloads/Prod") when names repeat; absent = the root. */
    parent: z.string().min(1).optional(),
    /** The OU's previous name: it is renamed in place (a moved block), never replaced. */
    renamedFrom: z.string().min(1, "must not be empty").max(MAX_OU_NAME, `OU names are at most ${MAX_OU_NAME} characters`).optional(),
    tags: tags.default({}),
  })
  .strict();

export const accountSchema = z
  .object({
    name: z
      .string()
      .min(1, "must not be empty")
      .max(MAX_ACCOUNT_NAME, `account names are at most ${MAX_ACCOUNT_NAME} characters`)
      .regex(/^[\x20-\x7E]+$/, "must be printable ASCII"),
    /** Defaults to the emailConvention with {name} filled in. */
    email: email.optional(),
    /** The OU by name or path; absent = directly under the root. */
    organizationalUnit: z.string().min(1).optional(),
    iamUserAccessToBilling: z.enum(BILLING_ACCESS).default("DENY"),
    roleName: z.string().regex(ROLE_NAME_PATTERN, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-").default("OrganizationAccountAccessRole"),
    closeOnDeletion: z.boolean().default(false),
    tags: tags.default({}),
    /** 12-digit id of an account that already exists: it is imported instead of created. */
    id: z.string().regex(ACCOUNT_ID_PATTERN, "must be a 12-digit AWS account id").optional(),
  })
  .strict();

export const providerSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region like us-east-1").default("us-east-1"),
    /** cdktf pins the exact version its bindings were built from; this admits later 6.x releases. */
    versionConstraint: z.string().min(1).default("~> 6.25"),
  })
  .strict();

export const organizationConfigSchema = z
  .object({
    /** A JSON config may point editors at config/organization.schema.json. */
    $schema: z.string().optional(),
    organization: organizationSchema.default({ featureSet: "ALL", enabledPolicyTypes: [], awsServiceAccessPrincipals: [] }),
    organizationalUnits: z.array(organizationalUnitSchema).default([]),
    accounts: z.array(accountSchema).default([]),
    /** Tags on every OU and account; Name = the resource's name is always added. */
    defaultTags: tags.default({ ManagedBy: "OpenTofu" }),
    /** Fills in missing account emails, e.g. "aws-{name}@example.com". Must contain {name}. */
    emailConvention: z
      .string()
      .refine((value) => value.includes("{name}"), { message: "must contain {name}" })
      .refine((value) => isValidEmail(value.replace("{name}", "name")), { message: `must give valid email addresses: ${EMAIL_RULE}` })
      .optional(),
    provider: providerSchema.default({ region: "us-east-1", versionConstraint: "~> 6.25" }),
  })
  .strict();

/** What a config file exports: defaults may be left out. */
export type OrganizationConfigInput = z.input<typeof organizationConfigSchema>;
/** The config with every default filled in. */
export type OrganizationConfig = z.output<typeof organizationConfigSchema>;

/** Identity function that gives a config file types and editor completion. */
export const defineOrganization = (config: OrganizationConfigInput): OrganizationConfigInput => config;
