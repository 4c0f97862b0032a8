// Adopting the security foundations a live organization has: contacts written the way a person
// would (an organization-wide contact only where every account has that one, overrides where one
// differs, never a default that would create a contact that does not exist), the trail with which
// of its bucket's settings exist, every change the first plan would make said in words, the
// `existing` fields checked against the rest of the config, and the import blocks they synthesize.
import { describe, expect, it } from "vitest";
import type { LiveContact, LiveSecurityFoundations, LiveTrail } from "../../adopt/discover-security-foundations.js";
import { foundationsFromLive } from "../../adopt/foundations-from-live.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { trailBucketPolicy } from "../../terraform/cloudtrail-documents.js";
import { validateConfig } from "../../config-language/validate.js";
import { configProblems } from "../helpers/config-problems.js";
import { synthOrganization } from "../helpers/synth.js";

const ORG = "o-abcdefghij";
const MANAGEMENT = "123456789012";
const context = { organizationId: ORG, managementAccountId: MANAGEMENT, region: "us-east-1", accountNames: new Map([["222222222222", "log-archive"], ["333333333333", "workload"]]) };
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`;
const person = (name: string) => ({ name, title: "On call", email: `${name.toLowerCase()}@example.com`, phone: "+1 555 0100" });
const contact = (accountId: string | undefined, type: LiveContact["type"], who: string): LiveContact => ({ accountId, type, ...person(who) });

/** A trail exactly as the project would build it: nothing for the first plan to change. */
const projectTrail = (): LiveTrail => ({
  name: "org-trail",
  arn: TRAIL_ARN,
  homeRegion: "us-east-1",
  bucketName: "org-trail-logs",
  isMultiRegion: true,
  includeGlobalServiceEvents: true,
  logFileValidation: true,
  isLogging: true,
  eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }],
  unmanagedSettings: [],
  bucket: {
    versioning: "Enabled",
    encryption: "AES256",
    publicAccessBlock: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    lifecycleRules: [{ ID: "log-retention", Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: 30, StorageClass: "GLACIER" }], Expiration: { Days: 400 }, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }],
    policy: trailBucketPolicy({ partition: "aws", bucketName: "org-trail-logs", keyPrefixPath: "", trailArn: TRAIL_ARN, managementAccountId: MANAGEMENT, organizationId: ORG }),
  },
});
const live = (parts: Partial<LiveSecurityFoundations>): LiveSecurityFoundations => ({ trails: [], requests: 0, ...parts });

describe("adopting the security foundations", () => {
  it("writes a contact every account shares as the default, and only the differing ones per account", () => {
    const adopted = foundationsFromLive(
      live({
        contacts: [
          contact(undefined, "SECURITY", "Sec"),
          contact("222222222222", "SECURITY", "Sec"),
          contact("333333333333", "SECURITY", "Other"),
          // Billing: only the management account has one, so there is no default to create more.
          contact(undefined, "BILLING", "Money"),
        ],
      }),
      context,
    );
    expect(adopted.securityFoundations?.accountContacts).toEqual({
      security: person("Sec"),
      accounts: { workload: { security: person("Other") }, "management-account": { billing: person("Money") } },
      existing: ["log-archive/SECURITY", "management-account/BILLING", "management-account/SECURITY", "workload/SECURITY"],
    });
  });

  it("resolves to exactly the contacts that exist, each imported, and creates none", async () => {
    const adopted = foundationsFromLive(live({ contacts: [contact(undefined, "SECURITY", "Sec"), contact("222222222222", "SECURITY", "Sec"), contact("333333333333", "OPERATIONS", "Ops")] }), context);
    const config = withFoundations(adopted.securityFoundations!);
    expect(configProblems(config)).toEqual([]);
    const stack = await synthOrganization(config);
    expect(Object.keys(stack.variable.alternate_contacts.default).sort()).toEqual(["log-archive/SECURITY", "management-account/SECURITY", "workload/OPERATIONS"]);
    expect(stack.locals.contacts_to_import).toEqual({ "log-archive/SECURITY": "222222222222/SECURITY", "management-account/SECURITY": "SECURITY", "workload/OPERATIONS": "333333333333/OPERATIONS" });
    expect(stack.import).toContainEqual({ for_each: "${local.contacts_to_import}", to: "aws_account_alternate_contact.contacts[each.key]", id: "${each.value}" });
  });

  it("adopts a trail built as the project builds it with nothing for the first plan to change, importing every part", async () => {
    const adopted = foundationsFromLive(live({ trails: [projectTrail()], rootFeatures: ["RootCredentialsManagement"] }), context);
    expect(adopted.firstPlanChanges).toEqual([]);
    expect(adopted.leftOut).toEqual([]);
    expect(adopted.securityFoundations).toEqual({
      organizationTrail: {
        name: "org-trail",
        bucketName: "org-trail-logs",
        lifecycle: { transitionAfterDays: 30, storageClass: "GLACIER", expireAfterDays: 400, noncurrentExpireAfterDays: 90 },
        existing: { trailArn: TRAIL_ARN, bucketSettings: ["versioning", "encryption", "publicAccessBlock", "lifecycle", "policy"] },
      },
      rootAccess: { credentialsManagement: true, rootSessions: false, existing: true },
    });
    const stack = await synthOrganization(withFoundations(adopted.securityFoundations!));
    expect(stack.import).toEqual(
      expect.arrayContaining([
        { to: "aws_cloudtrail.organization", id: TRAIL_ARN },
        { to: "aws_s3_bucket.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_s3_bucket_versioning.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_s3_bucket_server_side_encryption_configuration.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_s3_bucket_public_access_block.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_s3_bucket_lifecycle_configuration.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_s3_bucket_policy.cloudtrail_logs", id: "org-trail-logs" },
        { to: "aws_iam_organizations_features.root_access", id: ORG },
      ]),
    );
    // The policy init compared against is the one the stack writes, references filled in.
    const written = JSON.stringify(stack.locals.cloudtrail_bucket_policy)
      .replaceAll("${data.aws_partition.current.partition}", "aws")
      .replaceAll("${aws_organizations_organization.org.master_account_id}", MANAGEMENT)
      .replaceAll("${aws_organizations_organization.org.id}", ORG);
    expect(JSON.parse(written)).toEqual(projectTrail().bucket && (projectTrail().bucket as { policy: unknown }).policy);
  });

  it("says in words each thing the first plan changes on a weaker trail, and imports only the bucket settings that exist", () => {
    const weak: LiveTrail = {
      ...projectTrail(),
      isMultiRegion: false,
      logFileValidation: false,
      isLogging: false,
      unmanagedSettings: ["CloudWatch Logs delivery"],
      eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] }],
      bucket: { encryption: "AES256", policy: { Version: "2012-10-17", Statement: [] } },
    };
    const adopted = foundationsFromLive(live({ trails: [weak] }), context);
    expect(adopted.securityFoundations?.organizationTrail).toMatchObject({ readWriteType: "WriteOnly", existing: { bucketSettings: ["encryption", "policy"] } });
    expect(adopted.firstPlanChanges).toEqual([
      "organization trail org-trail: becomes multi-region (it records one region now)",
      "organization trail org-trail: turns log file validation on",
      "organization trail org-trail: starts logging (it is stopped now)",
      "organization trail org-trail: loses its CloudWatch Logs delivery, which the config cannot hold: add it back outside this stack, or accept the change",
      "organization trail org-trail: stops recording the data events it records for particular resources (the config records S3 data events of every bucket, or none)",
      "trail bucket org-trail-logs: versioning turns on",
      "trail bucket org-trail-logs: all public access becomes blocked",
      "trail bucket org-trail-logs: its lifecycle (0 rules) becomes the config's one rule: to GLACIER_IR after 90 days, deleted after 365, old versions after 90 (set lifecycle to keep other numbers)",
      "trail bucket org-trail-logs: its policy becomes the project's: CloudTrail may write only for this trail (aws:SourceArn), and nothing over plain HTTP",
    ]);
  });

  it("leaves out, saying why, a trail in another region, one whose bucket it cannot read, and a second trail", () => {
    const elsewhere = { ...projectTrail(), arn: TRAIL_ARN.replace("org-trail", "eu-trail"), name: "eu-trail", homeRegion: "eu-west-1" };
    const archived = { ...projectTrail(), arn: TRAIL_ARN.replace("org-trail", "archived"), name: "archived", bucket: { unreadable: "AccessDenied: Access Denied" } };
    const second = { ...projectTrail(), arn: TRAIL_ARN.replace("org-trail", "second"), name: "second", isLogging: false };
    const adopted = foundationsFromLive(live({ trails: [elsewhere, archived, second, projectTrail()] }), context);
    expect(adopted.securityFoundations?.organizationTrail?.name).toBe("org-trail");
    expect(adopted.leftOut).toEqual([
      `organization trail ${elsewhere.arn}: its home region is eu-west-1, the config's provider works in us-east-1: run init with AWS_REGION=eu-west-1 to adopt it`,
      `organization trail ${archived.arn}: its bucket org-trail-logs cannot be read from the management account (AccessDenied: Access Denied); if a log-archive account holds it, add organizationTrail with logArchiveAccount by hand`,
      `organization trail ${second.arn}: the config holds one organization trail, and org-trail is adopted`,
    ]);
  });
});

describe("the existing fields checked against the config", () => {
  const problems = (foundations: unknown, organizationId?: string) =>
    configProblems({ ...withFoundations(foundations as NonNullable<OrganizationConfigInput["securityFoundations"]>), organization: { awsServiceAccessPrincipals: ["cloudtrail.amazonaws.com", "iam.amazonaws.com", "account.amazonaws.com"], ...(organizationId ? { id: organizationId } : {}) } }).map((p) => `${p.path}: ${p.message}`);

  it("refuses a trail ARN of another name, a key without kmsEncryption, features imported without the organization's id, and a contact of an account that does not exist yet", () => {
    expect(
      problems({
        organizationTrail: { name: "org-trail", bucketName: "org-trail-logs", existing: { trailArn: TRAIL_ARN.replace("org-trail", "renamed"), kmsKeyArn: `arn:aws:kms:us-east-1:${MANAGEMENT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
        rootAccess: { existing: true },
        accountContacts: { security: person("Sec"), existing: ["workload/BILLING", "new-account/SECURITY", "nobody/SECURITY"] },
      }),
    ).toEqual([
      'securityFoundations.accountContacts.existing: "new-account/SECURITY": the account has no id in the config, so its contact cannot exist yet',
      "securityFoundations.organizationTrail.existing.kmsKeyArn: an existing key is imported only with kmsEncryption: true",
      'securityFoundations.organizationTrail.existing.trailArn: names trail "renamed", but the trail\'s name is "org-trail": a trail cannot be renamed, so they must be the same',
      "securityFoundations.rootAccess.existing: the features are imported by the organization's id: set organization.id",
    ]);
  });
});

describe("stale existing keys", () => {
  it("warn, and import nothing, when the config no longer sets a contact init found", () => {
    const model = validateConfig(withFoundations({ accountContacts: { security: person("Sec"), existing: ["workload/BILLING", "workload/SECURITY"] } }));
    expect(model.securityFoundations?.warnings).toContain('accountContacts.existing: "workload/BILLING" is no contact the config sets (any more): nothing to import');
    expect(model.securityFoundations?.contacts.filter((c) => c.importId).map((c) => `${c.account}/${c.type}`)).toEqual(["workload/SECURITY"]);
  });
});

function withFoundations(securityFoundations: NonNullable<OrganizationConfigInput["securityFoundations"]>): OrganizationConfigInput {
  return {
    organization: { awsServiceAccessPrincipals: ["cloudtrail.amazonaws.com", "iam.amazonaws.com", "account.amazonaws.com"], id: ORG },
    nameTags: false,
    defaultTags: {},
    emailConvention: "aws-{name}@example.com",
    accounts: [
      { name: "log-archive", email: "log@example.com", id: "222222222222" },
      { name: "workload", email: "workload@example.com", id: "333333333333" },
      { name: "new-account", email: "new@example.com" },
    ],
    securityFoundations,
  } as OrganizationConfigInput;
}
