// Adopting the security foundations a live organization already has, against moto: an organization
// built through the AWS SDK only, with an organization trail logging to a bucket set up as this
// project sets one up, both root-access features, and alternate contacts (shared by every account,
// one that differs, one only some accounts have). `aws-org init` writes them into the config; the
// first plan only imports (trail, bucket and each of its settings, features, every contact);
// applied, the next plan is empty. Then a bucket policy changed outside the config: init says the
// first plan would replace it, and the plan does exactly that.
import { AccountClient, PutAlternateContactCommand, type AlternateContactType } from "@aws-sdk/client-account";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { EnableOrganizationsRootCredentialsManagementCommand, EnableOrganizationsRootSessionsCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateOrganizationCommand, EnableAWSServiceAccessCommand, type OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readConfigFile } from "../../config-language/read-config-file.js";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { createAccountOutsideTofu } from "../../sandbox/existing-organization.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { trailBucketPolicy } from "../../terraform/cloudtrail-documents.js";
import { awsOrg, bootstrapStateBackend, defaultSandboxConfig, organizationsClient } from "./helpers.js";

const MANAGEMENT = "123456789012";
const BUCKET = "adopted-org-trail-logs";
const TRAIL = "adopted-trail";
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/${TRAIL}`;
const person = (name: string) => ({ Name: name, Title: "On call", EmailAddress: `${name.toLowerCase()}@example.com`, PhoneNumber: "+1 555 0100" });

let sandbox: Sandbox;
let organizations: OrganizationsClient;
let organizationId: string;
let out: string;
let adopted: OrganizationConfigInput;
let dir: string;
const ids: Record<string, string> = {};

const client = <T>(make: new (config: ReturnType<typeof sdkClientConfig>) => T): T => new make(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));

async function prepare(name: string, config: OrganizationConfigInput): Promise<string> {
  const stackDir = sandbox.stackDir(await sandbox.synth(name, { ...config, provider: { versionConstraint: sandbox.tools.providerVersion } }), "organization");
  await sandbox.init(stackDir);
  return stackDir;
}

beforeAll(async () => {
  sandbox = await Sandbox.start();
  organizations = organizationsClient(sandbox);
  await bootstrapStateBackend(sandbox, await defaultSandboxConfig(sandbox));
  organizationId = (await organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }))).Organization!.Id!;
  for (const principal of ["cloudtrail.amazonaws.com", "iam.amazonaws.com", "account.amazonaws.com"]) await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
  for (const name of ["member-a", "member-b"]) ids[name] = await createAccountOutsideTofu(organizations, name, `${name}@example.com`);

  // The trail's bucket, as a careful person (or this project) sets it up.
  const s3 = client(S3Client);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket: BUCKET, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] } }));
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } }));
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: BUCKET,
      LifecycleConfiguration: {
        Rules: [{ ID: "log-retention", Status: "Enabled", Filter: { Prefix: "" }, Transitions: [{ Days: 60, StorageClass: "GLACIER" }], Expiration: { Days: 730 }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }],
      },
    }),
  );
  const policy = trailBucketPolicy({ partition: "aws", bucketName: BUCKET, keyPrefixPath: "", trailArn: TRAIL_ARN, managementAccountId: MANAGEMENT, organizationId });
  await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify(policy) }));
  s3.destroy();

  const cloudtrail = client(CloudTrailClient);
  await cloudtrail.send(new CreateTrailCommand({ Name: TRAIL, S3BucketName: BUCKET, IsOrganizationTrail: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true }));
  await cloudtrail.send(new StartLoggingCommand({ Name: TRAIL }));
  cloudtrail.destroy();

  const iam = client(IAMClient);
  await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
  await iam.send(new EnableOrganizationsRootSessionsCommand({}));
  iam.destroy();

  // Security: the same on every account but member-b; operations: only member-b has one.
  const account = client(AccountClient);
  const put = (accountId: string | undefined, type: AlternateContactType, name: string) =>
    account.send(new PutAlternateContactCommand({ AlternateContactType: type, ...person(name), ...(accountId ? { AccountId: accountId } : {}) }));
  await put(undefined, "SECURITY", "Security");
  await put(ids["member-a"], "SECURITY", "Security");
  await put(ids["member-b"], "SECURITY", "Contractor");
  await put(ids["member-b"], "OPERATIONS", "Operators");
  account.destroy();
  out = join(sandbox.workDir, "adopted.ts");
});

afterEach(() => sandbox.tofu.stopAll());

afterAll(async () => {
  organizations?.destroy();
  await sandbox?.stop();
});

describe("aws-org init adopts the security foundations", () => {
  it("writes the trail, the root-access features and the contacts into the config, with nothing for the first plan to change", async () => {
    const result = await awsOrg(sandbox, ["init", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    process.stderr.write(`[e2e] ${result.stdout.split("\n")[0]}\n`);
    expect(result.stdout).toMatch(/2 accounts, .* organization trail adopted-trail, 2 root-access features, 4 contacts \(\d+ API requests in [\d.]+ s\)/);
    expect(result.stdout).not.toContain("The first plan also changes");
    adopted = (await readConfigFile(out)) as OrganizationConfigInput;
    const contact = (name: string) => ({ name, title: "On call", email: `${name.toLowerCase()}@example.com`, phone: "+1 555 0100" });
    expect(adopted.securityFoundations).toEqual({
      organizationTrail: {
        name: TRAIL,
        bucketName: BUCKET,
        lifecycle: { transitionAfterDays: 60, storageClass: "GLACIER", expireAfterDays: 730, noncurrentExpireAfterDays: 30 },
        existing: { trailArn: TRAIL_ARN, bucketSettings: ["versioning", "encryption", "publicAccessBlock", "lifecycle", "policy"] },
      },
      rootAccess: { credentialsManagement: true, rootSessions: true, existing: true },
      accountContacts: {
        security: contact("Security"),
        accounts: { "member-b": { security: contact("Contractor"), operations: contact("Operators") } },
        existing: ["management-account/SECURITY", "member-a/SECURITY", "member-b/OPERATIONS", "member-b/SECURITY"],
      },
    });
  });

  it("plans imports and nothing else", async () => {
    dir = await prepare("adopted-foundations", adopted);
    const plan = (await sandbox.plan(dir)).json;
    const actions = addressesByAction(plan);
    // An update names what would change: before and after of each attribute that differs.
    const updates = (plan.resource_changes ?? []).filter((c) => c.change.actions.includes("update")).map((c) => ({ address: c.address, before: c.change.before, after: c.change.after }));
    expect(updates, JSON.stringify(updates, null, 1)).toEqual([]);
    expect(Object.keys(actions)).toEqual(["import"]);
    expect(actions.import).toEqual(
      expect.arrayContaining([
        "aws_cloudtrail.organization",
        "aws_s3_bucket.cloudtrail_logs",
        "aws_s3_bucket_versioning.cloudtrail_logs",
        "aws_s3_bucket_server_side_encryption_configuration.cloudtrail_logs",
        "aws_s3_bucket_public_access_block.cloudtrail_logs",
        "aws_s3_bucket_lifecycle_configuration.cloudtrail_logs",
        "aws_s3_bucket_policy.cloudtrail_logs",
        "aws_iam_organizations_features.root_access",
        'aws_account_alternate_contact.contacts["management-account/SECURITY"]',
        'aws_account_alternate_contact.contacts["member-a/SECURITY"]',
        'aws_account_alternate_contact.contacts["member-b/SECURITY"]',
        'aws_account_alternate_contact.contacts["member-b/OPERATIONS"]',
      ]),
    );
    // The organization, 2 accounts, the trail, its bucket and 5 settings, the features, 4 contacts.
    expect(actions.import).toHaveLength(1 + 2 + 1 + 1 + 5 + 1 + 4);
  });

  it("applies, and the next plan is empty", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("says when the first plan would change what exists: a bucket policy changed outside the config is replaced, exactly as init said", async () => {
    const loose = { Version: "2012-10-17", Statement: [{ Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:PutObject"], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] }] };
    const s3 = client(S3Client);
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify(loose) }));
    s3.destroy();
    const again = await awsOrg(sandbox, ["init", "--out", out, "--force"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("The first plan also changes (1), to meet the security foundations:");
    expect(again.stdout).toContain(`trail bucket ${BUCKET}: its policy becomes the project's: CloudTrail may write only for this trail (aws:SourceArn), and nothing over plain HTTP`);
    expect(addressesByAction((await sandbox.plan(dir)).json)).toEqual({ update: ["aws_s3_bucket_policy.cloudtrail_logs"] });
  });
});
