// The security foundations a config can turn on, field by field: the organization's CloudTrail
// trail and its bucket, centralized root access, and the accounts' alternate contacts. The
// rules are AWS's (CloudTrail CreateTrail, S3 bucket naming, the Account API's
// PutAlternateContact, IAM's organizations features); rules that compare fields (trusted
// access, accounts named) live in resolve-security-foundations.ts.
import { z } from "zod";
import { ROLE_NAME_PATTERN } from "./aws-rules.js";
import { bucketNameProblem, contactEmailProblem, contactPhoneProblem, trailNameProblem } from "./security-foundations-rules.js";
import { rule } from "./zod-rule.js";

export const DEFAULT_TRAIL_NAME = "organization-trail";
export const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";
export const LOG_STORAGE_CLASSES = ["GLACIER_IR", "GLACIER", "DEEP_ARCHIVE", "STANDARD_IA", "INTELLIGENT_TIERING"] as const;
export const READ_WRITE_TYPES = ["All", "ReadOnly", "WriteOnly"] as const;
export const CONTACT_TYPES = ["security", "billing", "operations"] as const;
/** Settings of the log bucket that exist apart from the bucket, each its own resource (and import). */
export const BUCKET_SETTINGS = ["versioning", "encryption", "publicAccessBlock", "lifecycle", "policy"] as const;
export const DEFAULT_LOG_LIFECYCLE = { transitionAfterDays: 90, storageClass: "GLACIER_IR", expireAfterDays: 365, noncurrentExpireAfterDays: 90 } as const;

const days = z.number().int("must be a whole number of days").min(1, "must be at least 1 day").max(36_500, "must be at most 36,500 days (100 years)");

export const organizationTrailSchema = z
  .object({
    name: z
      .string()
      .superRefine(rule(trailNameProblem))
      .default(DEFAULT_TRAIL_NAME)
      .meta({ description: "The trail's name: 3-128 of letters, digits, `.`, `_`, `-`; starting and ending with a letter or digit; no two of `._-` side by side; not an IP address (CloudTrail `CreateTrail`)." }),
    bucketName: z
      .string()
      .superRefine(rule(bucketNameProblem))
      .meta({ description: "The log bucket's name, unique across all of AWS: 3-63 of lower-case letters, digits, `.` and `-`, starting and ending with a letter or digit (S3's bucket naming rules)." }),
    keyPrefix: z
      .string()
      .min(1, "must not be empty (leave it out for none)")
      .max(200, "CloudTrail takes a key prefix of at most 200 characters")
      .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/, "must be S3 key segments of letters, digits and !_.*'()- separated by single /, without a leading or trailing /")
      .optional()
      .meta({ description: "Where in the bucket the logs go (`<prefix>/AWSLogs/...`); none by default." }),
    logArchiveAccount: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "An account of the config that holds the bucket (a log-archive account); by default the management account does. The stack reaches it by assuming `accessRoleName` there." }),
    accessRoleName: z
      .string()
      .regex(ROLE_NAME_PATTERN, "must be an IAM role name: 1-64 of letters, digits and +=,.@_-")
      .default(DEFAULT_ACCESS_ROLE)
      .meta({ description: "The role the stack assumes in `logArchiveAccount` (Organizations creates `OrganizationAccountAccessRole` in every account it creates)." }),
    kmsEncryption: z
      .boolean()
      .default(false)
      .meta({ description: "Encrypt the logs with a KMS key made for them (its policy lets CloudTrail use it) instead of SSE-S3. A customer managed key costs $1 a month plus requests." }),
    readWriteType: z
      .enum(READ_WRITE_TYPES)
      .default("All")
      .meta({ description: "Which management events the trail records: `All`, `ReadOnly` or `WriteOnly`." }),
    s3DataEvents: z
      .boolean()
      .default(false)
      .meta({ description: "Also record S3 object-level (data) events of every bucket. Data events are charged per event ($0.10 per 100,000)." }),
    lifecycle: z
      .object({
        transitionAfterDays: days.default(DEFAULT_LOG_LIFECYCLE.transitionAfterDays).meta({ description: "Days after which log files move to `storageClass`." }),
        storageClass: z.enum(LOG_STORAGE_CLASSES).default(DEFAULT_LOG_LIFECYCLE.storageClass).meta({ description: "The storage class log files move to." }),
        expireAfterDays: days.default(DEFAULT_LOG_LIFECYCLE.expireAfterDays).meta({ description: "Days after which log files are deleted; more than `transitionAfterDays`." }),
        noncurrentExpireAfterDays: days.default(DEFAULT_LOG_LIFECYCLE.noncurrentExpireAfterDays).meta({ description: "Days after which an overwritten or deleted version is removed (the bucket is versioned)." }),
      })
      .strict()
      .default({ ...DEFAULT_LOG_LIFECYCLE })
      .meta({ description: "How long the logs are kept, and where." }),
    existing: z
      .object({
        trailArn: z
          .string()
          .regex(/^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[A-Za-z0-9._-]{3,128}$/, "must be a trail's ARN: arn:<partition>:cloudtrail:<region>:<account>:trail/<name>")
          .meta({ description: "The trail's ARN: it is imported, not created." }),
        bucketSettings: z
          .array(z.enum(BUCKET_SETTINGS))
          .default([])
          .meta({ description: "Which of the bucket's settings exist and are imported with it (the others are created)." }),
        kmsKeyArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "must be a KMS key's ARN: arn:<partition>:kms:<region>:<account>:key/<key id>")
          .optional()
          .meta({ description: "The key the trail encrypts with, imported (with `kmsEncryption: true`)." }),
      })
      .strict()
      .optional()
      .meta({ description: "What exists already, as `aws-org init` found it: the trail, its bucket and these settings are imported by the next plan instead of created. Harmless once they are in the state." }),
  })
  .strict();

export const rootAccessSchema = z
  .object({
    credentialsManagement: z.boolean().default(true).meta({ description: "`RootCredentialsManagement`: member accounts' root credentials can be removed (and are not needed), managed from the management account." }),
    rootSessions: z.boolean().default(true).meta({ description: "`RootSessions`: the few tasks that need root run as short privileged sessions from the management account." }),
    existing: z.boolean().default(false).meta({ description: "Some feature is on already (as `aws-org init` found it): the next plan imports the features by the organization's id instead of creating them." }),
  })
  .strict();

export const contactSchema = z
  .object({
    name: z.string().min(1, "must not be empty").max(64, "the Account API takes names of at most 64 characters").meta({ description: "1-64 characters." }),
    title: z.string().min(1, "must not be empty").max(50, "the Account API takes titles of at most 50 characters").meta({ description: "1-50 characters." }),
    email: z.string().superRefine(rule(contactEmailProblem)).meta({ description: "1-254 characters, as the Account API's pattern takes them." }),
    phone: z.string().superRefine(rule(contactPhoneProblem)).meta({ description: "1-25 of digits, spaces and `()+-`." }),
  })
  .strict();

const contactsByType = z
  .object({
    security: contactSchema.optional(),
    billing: contactSchema.optional(),
    operations: contactSchema.optional(),
  })
  .strict();

export const accountContactsSchema = contactsByType
  .extend({
    accounts: z
      .record(z.string(), contactsByType)
      .default({})
      .meta({ description: "Account name (or `management-account`) -> contacts that replace the organization-wide ones for that account." }),
    existing: z
      .array(z.string())
      .default([])
      .meta({ description: "Contacts that exist already, as `aws-org init` found them (`<account>/<SECURITY|BILLING|OPERATIONS>`): imported by the next plan instead of created." }),
  })
  .strict();

export const securityFoundationsSchema = z
  .object({
    organizationTrail: organizationTrailSchema
      .optional()
      .meta({ description: "The organization's CloudTrail trail: every account, every region, global service events, log file validation, in the management account. Needs `cloudtrail.amazonaws.com` in `awsServiceAccessPrincipals`." }),
    rootAccess: rootAccessSchema
      .optional()
      .meta({ description: "Centralized root access for member accounts (`aws_iam_organizations_features`). Needs `iam.amazonaws.com` in `awsServiceAccessPrincipals`." }),
    accountContacts: accountContactsSchema
      .optional()
      .meta({ description: "Alternate contacts (security, billing, operations) on every account, set through the management account. Needs `account.amazonaws.com` in `awsServiceAccessPrincipals`." }),
  })
  .strict();

export type SecurityFoundationsConfig = z.output<typeof securityFoundationsSchema>;
