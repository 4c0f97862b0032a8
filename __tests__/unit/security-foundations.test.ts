// The security foundations: every rule AWS documents for them refused with the field named (all
// problems at once), and what the organization stack synthesizes for them, read as a reviewer
// reads it: addresses, prevent_destroy, the trail waiting for its bucket policy, the policy's
// grants, contacts of every account (the management account's without an id), the log archive
// reached through an assumed role, and CI's rights for each.
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import defaultConfig from "../../config/organization.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { validateConfig } from "../../config-language/validate.js";
import { createOrganizationApp } from "../../stacks/organization-app.js";
import { configProblems } from "../helpers/config-problems.js";
import { synthOrganization, TEST_BACKEND } from "../helpers/synth.js";

const messages = (config: unknown): string[] => configProblems(config).map((p) => `${p.path}: ${p.message}`);

const ALL_TRUSTED = ["cloudtrail.amazonaws.com", "iam.amazonaws.com", "account.amazonaws.com"];
const contact = { name: "Sec Team", title: "Security", email: "sec@example.com", phone: "+1 (555) 010-0" };
const base = (securityFoundations: unknown, principals = ALL_TRUSTED): OrganizationConfigInput =>
  ({
    organization: { awsServiceAccessPrincipals: principals },
    emailConvention: "aws-{name}@example.com",
    organizationalUnits: [{ name: "Security" }],
    accounts: [{ name: "log-archive", organizationalUnit: "Security", id: "222222222222" }, { name: "workload", organizationalUnit: "Security" }],
    securityFoundations,
  }) as OrganizationConfigInput;

describe("security foundations: validation against AWS's rules", () => {
  it("accepts the shipped config, whose trusted services are exactly what the foundations need", () => {
    expect(configProblems(defaultConfig)).toEqual([]);
  });

  it("refuses trail and bucket names CloudTrail and S3 refuse, naming each field", () => {
    expect(messages(base({ organizationTrail: { name: "my--trail", bucketName: "Logs_Bucket" } }))).toEqual([
      "securityFoundations.organizationTrail.bucketName: may hold only lower-case letters, digits, periods and hyphens",
      "securityFoundations.organizationTrail.name: must not have two of . _ - side by side (my-_trail, my--trail)",
    ]);
    expect(messages(base({ organizationTrail: { name: "10.0.0.1", bucketName: "xn--logs" } }))).toEqual([
      "securityFoundations.organizationTrail.bucketName: must not start with xn-- (reserved by S3)",
      "securityFoundations.organizationTrail.name: must not be an IP address",
    ]);
    expect(messages(base({ organizationTrail: { name: "ab", bucketName: "logs..bucket", keyPrefix: "/leading" } }))).toEqual([
      "securityFoundations.organizationTrail.bucketName: must not have two periods side by side",
      "securityFoundations.organizationTrail.keyPrefix: must be S3 key segments of letters, digits and !_.*'()- separated by single /, without a leading or trailing /",
      "securityFoundations.organizationTrail.name: is 2 characters; CloudTrail takes trail names of 3-128",
    ]);
  });

  it("needs each service's trusted access, and the log archive to be an existing account of the config", () => {
    expect(messages(base({ organizationTrail: { bucketName: "org-logs", logArchiveAccount: "workload" }, rootAccess: {}, accountContacts: { security: contact } }, []))).toEqual([
      "securityFoundations.accountContacts: account contacts needs trusted access for account.amazonaws.com: add it to organization.awsServiceAccessPrincipals",
      "securityFoundations.organizationTrail: an organization trail needs trusted access for cloudtrail.amazonaws.com: add it to organization.awsServiceAccessPrincipals",
      'securityFoundations.organizationTrail.logArchiveAccount: "workload" must exist already (an account with its id): create it in one change, then name it here with its id',
      "securityFoundations.rootAccess: centralized root access needs trusted access for iam.amazonaws.com: add it to organization.awsServiceAccessPrincipals",
    ]);
    expect(messages(base({ organizationTrail: { bucketName: "org-logs", logArchiveAccount: "nobody" } }))).toEqual([
      'securityFoundations.organizationTrail.logArchiveAccount: "nobody" is not an account of the config',
    ]);
  });

  it("refuses a lifecycle S3 refuses, and says so with every other problem in the config", () => {
    const config = base({ organizationTrail: { bucketName: "org-logs", lifecycle: { transitionAfterDays: 10, storageClass: "STANDARD_IA", expireAfterDays: 10 } } });
    expect(messages({ ...config, accounts: [...(config.accounts ?? []), { name: "" }] })).toEqual([
      "accounts[2].name: must not be empty",
      "accounts[2].name: must be printable ASCII",
      "securityFoundations.organizationTrail.lifecycle.expireAfterDays: must be more than transitionAfterDays (10): S3 refuses an expiration on or before a transition",
      "securityFoundations.organizationTrail.lifecycle.transitionAfterDays: must be at least 30 for STANDARD_IA: S3 refuses sooner transitions to it",
    ]);
  });

  it("warns, without refusing, where S3 would charge a minimum storage time the logs do not stay", () => {
    const model = validateConfig(base({ organizationTrail: { bucketName: "org-logs", lifecycle: { transitionAfterDays: 30, storageClass: "GLACIER", expireAfterDays: 60 } } }));
    expect(model.securityFoundations!.warnings).toEqual(["log files stay in GLACIER 30 days, but S3 charges 90 days there for each: raise expireAfterDays or transition later"]);
  });

  it("checks contacts against the Account API's lengths and patterns, and the accounts they name", () => {
    const bad = { name: "x".repeat(65), title: "", email: "not an email", phone: "call me" };
    expect(messages(base({ accountContacts: { billing: bad, accounts: { ghost: { security: contact } } } }))).toEqual([
      "securityFoundations.accountContacts.accounts.ghost: \"ghost\" is not an account of the config (the management account is \"management-account\")",
      "securityFoundations.accountContacts.billing.email: \"not an email\" is not an email address the Account API takes (local part of letters, digits and _+=.#|!&-, then @domain.tld)",
      "securityFoundations.accountContacts.billing.name: the Account API takes names of at most 64 characters",
      "securityFoundations.accountContacts.billing.phone: may hold only digits, spaces and ()+- (the Account API's pattern)",
      "securityFoundations.accountContacts.billing.title: must not be empty",
    ]);
  });
});

describe("security foundations: what the organization stack synthesizes", () => {
  const seed = synthOrganization(defaultConfig);

  it("builds the trail multi-region, organization-wide, validated and logging, kept from destruction, after its bucket policy", () => {
    const trail = seed.resource.aws_cloudtrail.organization;
    expect(trail).toMatchObject({
      name: "organization-trail",
      s3_bucket_name: "${aws_s3_bucket.cloudtrail_logs.id}",
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      lifecycle: { prevent_destroy: true },
    });
    // Every management event is CloudTrail's default: no selector, which the provider reads back as none.
    expect(trail.event_selector).toBeUndefined();
    expect(trail.depends_on).toEqual(["aws_s3_bucket_policy.cloudtrail_logs", "aws_organizations_organization.org"]);
  });

  it("writes an event selector only where it records other than CloudTrail's default: fewer management events, or data events", () => {
    const trail = defaultConfig.securityFoundations!.organizationTrail!;
    const selectorOf = (change: Record<string, unknown>) =>
      synthOrganization({ ...defaultConfig, securityFoundations: { ...defaultConfig.securityFoundations, organizationTrail: { ...trail, ...change } } } as OrganizationConfigInput).resource.aws_cloudtrail.organization.event_selector;
    expect(selectorOf({ readWriteType: "ReadOnly" })).toEqual([{ read_write_type: "ReadOnly", include_management_events: true }]);
    expect(selectorOf({ s3DataEvents: true })).toEqual([
      { read_write_type: "All", include_management_events: true, data_resource: [{ type: "AWS::S3::Object", values: ["arn:${data.aws_partition.current.partition}:s3"] }] },
    ]);
  });

  it("keeps the bucket versioned, SSE-S3 encrypted, private, TLS-only, with the default lifecycle", () => {
    expect(seed.resource.aws_s3_bucket.cloudtrail_logs).toMatchObject({ bucket: "example-org-cloudtrail-logs", lifecycle: { prevent_destroy: true } });
    expect(seed.resource.aws_s3_bucket_versioning.cloudtrail_logs.versioning_configuration).toEqual({ status: "Enabled" });
    expect(seed.resource.aws_s3_bucket_server_side_encryption_configuration.cloudtrail_logs.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(seed.resource.aws_s3_bucket_public_access_block.cloudtrail_logs).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(seed.resource.aws_s3_bucket_lifecycle_configuration.cloudtrail_logs.rule[0]).toMatchObject({
      transition: [{ days: 90, storage_class: "GLACIER_IR" }],
      expiration: [{ days: 365 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  it("lets CloudTrail write under both AWSLogs prefixes, only for this trail, in a readable policy document", () => {
    expect(seed.resource.aws_s3_bucket_policy.cloudtrail_logs.policy).toBe("${jsonencode(local.cloudtrail_bucket_policy)}");
    const statements = seed.locals.cloudtrail_bucket_policy.Statement as { Sid: string; Resource: unknown; Condition: Record<string, Record<string, string>> }[];
    const trailArn = "arn:${data.aws_partition.current.partition}:cloudtrail:us-east-1:${aws_organizations_organization.org.master_account_id}:trail/organization-trail";
    expect(statements.map((s) => s.Sid)).toEqual(["CloudTrailAclCheck", "CloudTrailWriteManagementAccount", "CloudTrailWriteOrganization", "DenyInsecureTransport"]);
    expect(statements[1]!.Resource).toBe("arn:${data.aws_partition.current.partition}:s3:::example-org-cloudtrail-logs/AWSLogs/${aws_organizations_organization.org.master_account_id}/*");
    expect(statements[2]!.Resource).toBe("arn:${data.aws_partition.current.partition}:s3:::example-org-cloudtrail-logs/AWSLogs/${aws_organizations_organization.org.id}/*");
    for (const statement of statements.slice(0, 3)) expect(statement.Condition.StringEquals!["aws:SourceArn"]).toBe(trailArn);
  });

  it("turns on both root-access features after the organization", () => {
    expect(seed.resource.aws_iam_organizations_features.root_access).toMatchObject({ enabled_features: ["RootCredentialsManagement", "RootSessions"], depends_on: ["aws_organizations_organization.org"] });
  });

  it("sets three contacts on every account, the management account's without an account id, its text as data", () => {
    const contacts = seed.resource.aws_account_alternate_contact.contacts;
    expect(contacts.for_each).toBe("${var.alternate_contacts}");
    expect(contacts.account_id).toBe("${lookup(local.contact_account_ids, each.value.account, null)}");
    expect(Object.keys(seed.variable.alternate_contacts.default).sort()).toEqual([
      "dns/BILLING", "dns/OPERATIONS", "dns/SECURITY",
      "management-account/BILLING", "management-account/OPERATIONS", "management-account/SECURITY",
      "website-prod/BILLING", "website-prod/OPERATIONS", "website-prod/SECURITY",
    ]);
    expect(seed.variable.alternate_contacts.default["management-account/SECURITY"]).toEqual({ account: "management-account", type: "SECURITY", name: "Security Team", title: "Security", email: "security@example.com", phone: "+1 555 0100" });
    expect(seed.locals.contact_account_ids).toEqual({ dns: '${aws_organizations_account.imported["dns"].id}', "website-prod": '${aws_organizations_account.accounts["website-prod"].id}' });
  });

  it("gives one account its own contact, and keeps template syntax in a contact inert", () => {
    const tf = synthOrganization(base({ accountContacts: { security: contact, accounts: { workload: { security: { ...contact, name: "Team ${var.x} %{if}" } } } } }));
    const defaults = tf.variable.alternate_contacts.default;
    expect(defaults["workload/SECURITY"].name).toBe("Team ${var.x} %{if}");
    expect(defaults["log-archive/SECURITY"].name).toBe("Sec Team");
  });

  it("puts the bucket (and its key, when asked) in the log archive through a provider that assumes the access role", () => {
    const tf = synthOrganization(base({ organizationTrail: { bucketName: "org-logs", logArchiveAccount: "log-archive", kmsEncryption: true } }));
    expect(tf.provider.aws).toContainEqual(expect.objectContaining({ alias: "log_archive", assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole", session_name: "aws-org-cdktf" }] }));
    expect(tf.resource.aws_s3_bucket.cloudtrail_logs.provider).toBe("aws.log_archive");
    expect(tf.resource.aws_kms_key.cloudtrail_logs.provider).toBe("aws.log_archive");
    expect(tf.resource.aws_cloudtrail.organization.provider).toBeUndefined();
    expect(tf.resource.aws_cloudtrail.organization.kms_key_id).toBe("${aws_kms_key.cloudtrail_logs.arn}");
    expect(tf.resource.aws_s3_bucket_server_side_encryption_configuration.cloudtrail_logs.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
  });

  it("gives CI exactly the rights the foundations need: the trail bucket beside the state bucket, or the role into the log archive", () => {
    const policies = (config: OrganizationConfigInput) => {
      const app = createOrganizationApp({ file: "(test)", model: validateConfig(config), backend: TEST_BACKEND }, { stateBackendBootstrapped: true });
      const stack = app.node.findChild("ci-access");
      return JSON.parse(Testing.synth(stack as never)).locals.ci_roles;
    };
    const ci = { ciAccess: { repository: "example-org/aws-organization" } };
    const here = policies({ ...base({ organizationTrail: { bucketName: "org-logs" }, rootAccess: {}, accountContacts: { security: contact } }), ...ci });
    const apply = here.apply.permissions.Statement as { Sid: string; Action: string[]; Resource: unknown }[];
    expect(apply.find((s) => s.Sid === "ChangeTheStateBucket")!.Resource).toEqual(["arn:aws:s3:::test-org-state", "arn:aws:s3:::org-logs"]);
    expect(apply.find((s) => s.Sid === "ChangeTheTrailsObjects")!.Action).toContain("cloudtrail:CreateTrail");
    expect(apply.find((s) => s.Sid === "ChangeTheRootAccessFeatures")!.Action).toContain("iam:EnableOrganizationsRootSessions");
    expect(apply.find((s) => s.Sid === "ChangeTheAccountsContacts")!.Action).toEqual(["account:DeleteAlternateContact", "account:PutAlternateContact"]);
    const archived = policies({ ...base({ organizationTrail: { bucketName: "org-logs", logArchiveAccount: "log-archive" } }), ...ci });
    const plan = archived.plan.permissions.Statement as { Sid: string; Action: string[]; Resource: unknown }[];
    expect(plan.find((s) => s.Sid === "ReachMemberAccounts")!.Resource).toEqual(["arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"]);
    expect(plan.find((s) => s.Sid === "ReadTheStateBucket")!.Resource).toBe("arn:aws:s3:::test-org-state");
  });
});
