// The security foundations against moto with real tofu and the real provider: the shipped config
// applies its organization trail (logging, per CloudTrail's GetTrailStatus), its private,
// versioned, TLS-only bucket, both root-access features and every account's contacts; the next
// plan is empty; a trail that would record less is blocked by the guard, in words; the log-archive
// variant puts the bucket in a member account through the assumed role; and the rules AWS applies
// (and the sandbox adds to moto) refuse a bucket CloudTrail may not write to and contacts of an
// account outside the organization.
import { GetAlternateContactCommand, PutAlternateContactCommand, AccountClient } from "@aws-sdk/client-account";
import { CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrganizationConfigInput } from "../../config-language/schema.js";
import { guardForStacks } from "../../guard/guard-for-stacks.js";
import { readPlannedStack } from "../../plan/read-stack-plan.js";
import { renderPlanComment } from "../../plan-comment/render-comment.js";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { addressesByAction, Sandbox } from "../../sandbox/sandbox.js";
import { bootstrapStateBackend, contactAddresses, createOrganizationOutsideTofu, defaultSandboxConfig, liveAccounts, organizationsClient, TRAIL_AND_ROOT_ACCESS_ADDRESSES } from "./helpers.js";

const MANAGEMENT = "123456789012";

async function startWithDns(): Promise<{ sandbox: Sandbox; config: OrganizationConfigInput; dnsId: string }> {
  const sandbox = await Sandbox.start();
  const organizations = organizationsClient(sandbox);
  const existing = await createOrganizationOutsideTofu(organizations, "dns", "aws-dns@example.com");
  organizations.destroy();
  const config = await defaultSandboxConfig(sandbox, { organizationId: existing.organizationId, accountIds: { dns: existing.accountId } });
  await bootstrapStateBackend(sandbox, config);
  return { sandbox, config, dnsId: existing.accountId };
}

async function prepare(sandbox: Sandbox, name: string, config: OrganizationConfigInput): Promise<string> {
  const dir = sandbox.stackDir(await sandbox.synth(name, config), "organization");
  await sandbox.init(dir);
  return dir;
}

describe("the shipped config's security foundations", () => {
  let sandbox: Sandbox;
  let config: OrganizationConfigInput;
  let dir: string;
  beforeAll(async () => {
    ({ sandbox, config } = await startWithDns());
    dir = await prepare(sandbox, "foundations", config);
  });
  afterEach(() => sandbox.tofu.stopAll());
  afterAll(async () => {
    await sandbox?.stop();
  });

  const client = <T>(make: new (config: ReturnType<typeof sdkClientConfig>) => T): T => new make(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));

  it("plans the trail, its bucket with every setting, root access and nine contacts", async () => {
    const created = addressesByAction((await sandbox.plan(dir)).json).create ?? [];
    expect(created.filter((a) => /cloudtrail|s3_bucket|organizations_features|alternate_contact/.test(a))).toEqual([
      ...["dns", "management-account", "website-prod"].flatMap(contactAddresses),
      ...TRAIL_AND_ROOT_ACCESS_ADDRESSES,
    ]);
  });

  it("applies: the trail logs every account and region to a private, versioned, TLS-only bucket", async () => {
    await sandbox.apply(dir, ["tfplan"]);
    const cloudtrail = client(CloudTrailClient);
    const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: "organization-trail" }));
    expect(status.IsLogging).toBe(true);
    const [trail] = (await cloudtrail.send(new DescribeTrailsCommand({ trailNameList: ["organization-trail"] }))).trailList ?? [];
    expect(trail).toMatchObject({ S3BucketName: "example-org-cloudtrail-logs", IsOrganizationTrail: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, LogFileValidationEnabled: true });
    cloudtrail.destroy();
    const s3 = new S3Client({ ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca), forcePathStyle: true });
    const bucket = { Bucket: "example-org-cloudtrail-logs" };
    expect((await s3.send(new GetBucketVersioningCommand(bucket))).Status).toBe("Enabled");
    expect((await s3.send(new GetPublicAccessBlockCommand(bucket))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand(bucket))).Policy!) as { Statement: { Sid: string; Resource: string | string[] }[] };
    s3.destroy();
    const organizationId = config.organization!.id!;
    expect(policy.Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ["CloudTrailAclCheck", "arn:aws:s3:::example-org-cloudtrail-logs"],
      ["CloudTrailWriteManagementAccount", `arn:aws:s3:::example-org-cloudtrail-logs/AWSLogs/${MANAGEMENT}/*`],
      ["CloudTrailWriteOrganization", `arn:aws:s3:::example-org-cloudtrail-logs/AWSLogs/${organizationId}/*`],
      ["DenyInsecureTransport", ["arn:aws:s3:::example-org-cloudtrail-logs", "arn:aws:s3:::example-org-cloudtrail-logs/*"]],
    ]);
  });

  it("applies: both root-access features are on, and every account names its contacts", async () => {
    const iam = client(IAMClient);
    const features = await iam.send(new ListOrganizationsFeaturesCommand({}));
    iam.destroy();
    expect([features.OrganizationId, features.EnabledFeatures]).toEqual([config.organization!.id, ["RootCredentialsManagement", "RootSessions"]]);
    const account = client(AccountClient);
    const organizations = organizationsClient(sandbox);
    const websiteProd = (await liveAccounts(organizations)).find((a) => a.name === "website-prod")!;
    organizations.destroy();
    const member = await account.send(new GetAlternateContactCommand({ AccountId: websiteProd.id, AlternateContactType: "SECURITY" }));
    expect(member.AlternateContact).toMatchObject({ Name: "Security Team", Title: "Security", EmailAddress: "security@example.com", PhoneNumber: "+1 555 0100" });
    const own = await account.send(new GetAlternateContactCommand({ AlternateContactType: "BILLING" }));
    expect(own.AlternateContact).toMatchObject({ Name: "Finance Team", EmailAddress: "billing@example.com" });
    account.destroy();
  });

  it("has nothing left to do on the next plan", async () => {
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });

  it("blocks a trail that would record less, saying so in words", async () => {
    const foundations = config.securityFoundations!;
    const fewer = { ...config, securityFoundations: { ...foundations, organizationTrail: { ...foundations.organizationTrail!, readWriteType: "ReadOnly" as const } } };
    const weaker = await prepare(sandbox, "foundations-weaker", fewer);
    expect(addressesByAction((await sandbox.plan(weaker)).json)).toEqual({ update: ["aws_cloudtrail.organization"] });
    const stack = await readPlannedStack("organization", weaker);
    const decision = guardForStacks([stack]);
    expect(decision.allowed).toBe(false);
    expect(decision.dangerous.map((d) => [d.address, d.reason])).toEqual([["aws_cloudtrail.organization", "the organization trail stops recording write management events"]]);
    expect(renderPlanComment([stack], { guard: decision })).toContain("- ⚠️ the organization trail stops recording write management events");
  });

  it("refuses, as AWS does, a trail onto a bucket CloudTrail may not write to, and contacts of an account outside the organization", async () => {
    const s3 = new S3Client({ ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "no-policy-logs" }));
    s3.destroy();
    const cloudtrail = client(CloudTrailClient);
    await expect(cloudtrail.send(new CreateTrailCommand({ Name: "unwritable", S3BucketName: "no-policy-logs", IsOrganizationTrail: true, IsMultiRegionTrail: true }))).rejects.toMatchObject({
      name: "InsufficientS3BucketPolicyException",
    });
    cloudtrail.destroy();
    const account = client(AccountClient);
    const contact = { AlternateContactType: "SECURITY" as const, Name: "x", Title: "y", EmailAddress: "a@example.com", PhoneNumber: "+1 555" };
    await expect(account.send(new PutAlternateContactCommand({ ...contact, AccountId: "999999999999" }))).rejects.toMatchObject({ name: "AccessDeniedException" });
    await expect(account.send(new PutAlternateContactCommand({ ...contact, AccountId: MANAGEMENT }))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(account.send(new PutAlternateContactCommand({ ...contact, PhoneNumber: "call me" }))).rejects.toMatchObject({ name: "ValidationException" });
    account.destroy();
  });
});

describe("the sandbox's CloudTrail defaults", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.start();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("gives a trail made without event selectors CloudTrail's default one, as AWS does (moto: none)", async () => {
    const config = sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "plain-trail-logs" }));
    const write = (resource: string, action: string) => ({ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: action, Resource: resource });
    const policy = { Version: "2012-10-17", Statement: [write("arn:aws:s3:::plain-trail-logs", "s3:GetBucketAcl"), write(`arn:aws:s3:::plain-trail-logs/AWSLogs/${MANAGEMENT}/*`, "s3:PutObject")] };
    await s3.send(new PutBucketPolicyCommand({ Bucket: "plain-trail-logs", Policy: JSON.stringify(policy) }));
    s3.destroy();
    const cloudtrail = new CloudTrailClient(config);
    await cloudtrail.send(new CreateTrailCommand({ Name: "plain", S3BucketName: "plain-trail-logs" }));
    const selectors = await cloudtrail.send(new GetEventSelectorsCommand({ TrailName: "plain" }));
    cloudtrail.destroy();
    expect(selectors.EventSelectors).toEqual([{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
  });
});

describe("the log-archive variant", () => {
  let sandbox: Sandbox;
  let config: OrganizationConfigInput;
  let dnsId: string;
  beforeAll(async () => {
    ({ sandbox, config, dnsId } = await startWithDns());
  });
  afterEach(() => sandbox.tofu.stopAll());
  afterAll(async () => {
    await sandbox?.stop();
  });

  it("keeps the bucket in the log-archive account, reached through OrganizationAccountAccessRole, and plans nothing more after", async () => {
    const foundations = config.securityFoundations!;
    const archived = { ...config, securityFoundations: { ...foundations, organizationTrail: { ...foundations.organizationTrail!, bucketName: "archive-cloudtrail-logs", logArchiveAccount: "dns" } } };
    const dir = await prepare(sandbox, "log-archive", archived);
    await sandbox.plan(dir);
    await sandbox.apply(dir, ["tfplan"]);
    const sts = new STSClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
    const assumed = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${dnsId}:role/OrganizationAccountAccessRole`, RoleSessionName: "check" }))).Credentials!;
    sts.destroy();
    const inArchive = new S3Client({
      ...sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca),
      forcePathStyle: true,
      credentials: { accessKeyId: assumed.AccessKeyId!, secretAccessKey: assumed.SecretAccessKey!, sessionToken: assumed.SessionToken! },
    });
    const policy = JSON.parse((await inArchive.send(new GetBucketPolicyCommand({ Bucket: "archive-cloudtrail-logs" }))).Policy!) as { Statement: { Sid: string }[] };
    inArchive.destroy();
    expect(policy.Statement.map((s) => s.Sid)).toContain("CloudTrailWriteOrganization");
    const cloudtrail = new CloudTrailClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
    expect((await cloudtrail.send(new GetTrailStatusCommand({ Name: "organization-trail" }))).IsLogging).toBe(true);
    cloudtrail.destroy();
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });
});
