// The shape of `identityCenter`: permission sets, groups, users and who gets which permission set
// where. Field rules here (AWS's figures in identity-center-rules.ts); rules that compare fields
// (names exist, OUs expand to accounts, quotas) in resolve-identity-center.ts.
import { z } from "zod";
import { nameTextProblem, reservedKeyProblem, tagValueProblem, templateProblem } from "./aws-rules.js";
import {
  CUSTOMER_POLICY_NAME,
  CUSTOMER_POLICY_PATH,
  DEFAULT_SESSION_DURATION,
  GROUP_ID,
  managedPolicyProblem,
  MAX_CUSTOMER_POLICY_PATH,
  MAX_DISPLAY_NAME,
  MAX_INLINE_POLICY_BYTES,
  MAX_PERMISSION_SET_DESCRIPTION,
  MAX_POLICIES_PER_PERMISSION_SET,
  MAX_RELAY_STATE,
  MAX_USER_NAME,
  PERMISSION_SET_ARN,
  PERMISSION_SET_DESCRIPTION_TEXT,
  PERMISSION_SET_NAME,
  RELAY_STATE_TEXT,
  sessionDurationProblem,
} from "./identity-center-rules.js";
import { rule } from "./zod-rule.js";


const noSlash = (what: string) => (value: string) => (value.includes("/") ? `must not contain "/": it separates ${what} in assignment keys` : undefined);

const customerManagedPolicy = z
  .object({
    name: z.string().regex(CUSTOMER_POLICY_NAME, "must be an IAM policy name: 1-128 of letters, digits and +=,.@_-").meta({ description: "The IAM policy's name; a policy of that name and path must exist in every account the permission set is assigned to." }),
    path: z
      .string()
      .max(MAX_CUSTOMER_POLICY_PATH, `paths are at most ${MAX_CUSTOMER_POLICY_PATH} characters`)
      .regex(CUSTOMER_POLICY_PATH, 'must be an IAM path: "/" or "/a/b/"')
      .default("/")
      .meta({ description: 'The policy\'s IAM path, "/" or like "/team/".' }),
  })
  .strict();

const tags = z.record(z.string(), z.string().superRefine(rule(tagValueProblem)));

export const permissionSetSchema = z
  .object({
    name: z
      .string()
      .regex(PERMISSION_SET_NAME, "must be 1-32 of letters, digits and +=,.@_-")
      .meta({ description: "The permission set's name, 1-32 of letters, digits and `+=,.@_-`: the `for_each` key and the role name users see. Unique, also ignoring case." }),
    description: z
      .string()
      .min(1, "must not be empty (leave it out instead)")
      .max(MAX_PERMISSION_SET_DESCRIPTION, `descriptions are at most ${MAX_PERMISSION_SET_DESCRIPTION} characters`)
      .regex(PERMISSION_SET_DESCRIPTION_TEXT, "may hold only printable Latin-1 characters, tabs and newlines")
      .superRefine(rule(templateProblem))
      .optional()
      .meta({ description: `What it is for, 1-${MAX_PERMISSION_SET_DESCRIPTION} Latin-1 characters.` }),
    sessionDuration: z
      .string()
      .superRefine(rule(sessionDurationProblem))
      .default(DEFAULT_SESSION_DURATION)
      .meta({ description: "How long a sign-in lasts, ISO 8601: `PT1H` to `PT12H` (e.g. `PT8H`, `PT1H30M`)." }),
    relayState: z
      .string()
      .max(MAX_RELAY_STATE, `relay states are at most ${MAX_RELAY_STATE} characters`)
      .regex(RELAY_STATE_TEXT, "must be a console URL path: letters, digits and &$@#\\/%?=~-_'\"|!:,.;*+[]() {}")
      .superRefine(rule(templateProblem))
      .optional()
      .meta({ description: "Where the console opens after sign-in, e.g. `https://console.aws.amazon.com/ec2/`." }),
    managedPolicies: z
      .array(z.string().superRefine(rule(managedPolicyProblem)))
      .default([])
      .meta({ description: `AWS managed policies by name (\`AdministratorAccess\`, \`job-function/ViewOnlyAccess\`) or ARN. With \`customerManagedPolicies\` at most ${MAX_POLICIES_PER_PERMISSION_SET} per permission set (IAM allows 10 per role unless raised). No repeats.` }),
    customerManagedPolicies: z
      .array(customerManagedPolicy)
      .default([])
      .meta({ description: "Customer managed policies by name and path, which must exist in each account the permission set is assigned to. No repeats." }),
    inlinePolicy: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .optional()
      .meta({
        description: `An IAM policy document: a JSON file's path relative to the config file, or the object. Checked as an identity policy (Version, Statement, Effect, Action, Resource; no Principal); at most ${MAX_INLINE_POLICY_BYTES.toLocaleString("en")} bytes as sent, 10,240 of them not whitespace, Latin-1 only.`,
      }),
    permissionsBoundary: z
      .union([
        z.object({ managedPolicy: z.string().superRefine(rule(managedPolicyProblem)) }).strict(),
        z.object({ customerManagedPolicy }).strict(),
      ])
      .optional()
      .meta({ description: "The most the permission set's roles may do: `{ managedPolicy: \"PowerUserAccess\" }` or `{ customerManagedPolicy: { name, path } }`." }),
    tags: tags.default({}).meta({ description: "Tags, merged over `defaultTags`. Same rules as OU tags." }),
    arn: z
      .string()
      .regex(PERMISSION_SET_ARN, "must be a permission set ARN: arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>")
      .optional()
      .meta({ description: "ARN of a permission set that already exists: it is imported with the policies listed here, which it must already have (add others in a later change). Each ARN once." }),
  })
  .strict();

const displayName = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_DISPLAY_NAME, `names are at most ${MAX_DISPLAY_NAME} characters`)
  .superRefine(rule(nameTextProblem, templateProblem, reservedKeyProblem));

export const groupSchema = z
  .object({
    name: displayName.superRefine(rule(noSlash("principal, permission set and account"))).meta({
      description: `The group's display name, 1-${MAX_DISPLAY_NAME} characters, no \`/\`: the \`for_each\` key. Unique, also ignoring case, among groups and users.`,
    }),
    description: z
      .string()
      .min(1, "must not be empty (leave it out instead)")
      .max(MAX_DISPLAY_NAME, `descriptions are at most ${MAX_DISPLAY_NAME} characters`)
      .superRefine(rule(nameTextProblem, templateProblem))
      .optional()
      .meta({ description: "What the group is for." }),
    existing: z
      .boolean()
      .default(false)
      .meta({ description: "The group exists already and is not managed here (a directory synced from an external identity provider): it is looked up by display name at plan time." }),
    id: z
      .string()
      .regex(GROUP_ID, "must be an Identity Store group id (a UUID)")
      .optional()
      .meta({ description: "Id of a group that already exists and is to be managed here: it is imported, not created. Not with `existing`." }),
  })
  .strict();

export const userSchema = z
  .object({
    userName: z
      .string()
      .min(1, "must not be empty")
      .max(MAX_USER_NAME, `user names are at most ${MAX_USER_NAME} characters`)
      .regex(/^\S+$/, "must not contain whitespace")
      .superRefine(rule(nameTextProblem, templateProblem, reservedKeyProblem, noSlash("principal, permission set and account")))
      .meta({ description: `The sign-in name, 1-${MAX_USER_NAME} characters without spaces or \`/\` (often the email): the \`for_each\` key. Not \`Administrator\` or \`AWSAdministrators\`.` }),
    displayName: displayName.optional().meta({ description: "The name shown in the portal. Required unless `existing`." }),
    givenName: displayName.optional().meta({ description: "First name. Required unless `existing`." }),
    familyName: displayName.optional().meta({ description: "Last name. Required unless `existing`." }),
    email: z.email("must be an email address").optional().meta({ description: "Primary email, where AWS sends the invitation. Required unless `existing`." }),
    groups: z.array(z.string().min(1)).default([]).meta({ description: "Groups of this config the user belongs to, by name (groups with `existing` are not managed here: their members neither)." }),
    existing: z
      .boolean()
      .default(false)
      .meta({ description: "The user exists already and is not managed here: it is looked up by user name (for assignments only)." }),
  })
  .strict();

export const assignmentSchema = z
  .object({
    group: z.string().min(1).optional().meta({ description: "Who: a group of `groups`, by name. Exactly one of `group` and `user`." }),
    user: z.string().min(1).optional().meta({ description: "Who: a user of `users`, by user name." }),
    permissionSet: z.string().min(1).meta({ description: "What: a permission set of `permissionSets`, by name." }),
    targets: z
      .object({
        managementAccount: z.boolean().default(false).meta({ description: "The management account." }),
        allAccounts: z
          .boolean()
          .default(false)
          .meta({ description: "Every account of the config (not the management account: name it with managementAccount), expanded when the config is read, so an account added anywhere gets the access in the same change." }),
        organizationalUnits: z
          .array(z.string().min(1))
          .default([])
          .meta({ description: "OUs by name or path: every account in the OU and below, expanded when the config is read, so an account added to the OU gets the access in the same change." }),
        accounts: z.array(z.string().min(1)).default([]).meta({ description: "Accounts of the config, by name." }),
      })
      .strict()
      .meta({ description: "Where. An account reached twice (by name and through its OU) is assigned once." }),
  })
  .strict();

export const identityCenterSchema = z
  .object({
    permissionSets: z.array(permissionSetSchema).default([]),
    groups: z.array(groupSchema).default([]),
    users: z.array(userSchema).default([]).meta({ description: "Users of the Identity Center directory. Usually they come from an identity provider: leave them out and use groups." }),
    assignments: z.array(assignmentSchema).default([]),
    existingAssignments: z
      .array(z.string())
      .default([])
      .meta({
        description:
          "Assignments that exist already, as `aws-org init` found them (`<principal>/<permission set>/<account>`, the account `management-account` for the management account): imported by the next plan instead of created. Each must be an assignment of this config, of an adopted permission set (`arn`), on an account with its `id`. Harmless once in the state.",
      }),
  })
  .strict();

export type IdentityCenterConfig = z.output<typeof identityCenterSchema>;
