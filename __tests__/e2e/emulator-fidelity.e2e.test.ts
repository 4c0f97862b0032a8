// The sandbox's additions to moto tell the truth (issue #26 §3): Identity Center provisioning is
// asynchronous and fails where AWS fails it, tags are validated and all-or-nothing and page, a
// bucket-policy condition the sandbox cannot evaluate never grants, and the launcher serves only
// the moto it is written against. Each is checked through the SDK (or raw HTTPS) against the server.
import { CreatePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  ListTagsForResourceCommand,
  paginateListTagsForResource,
  ProvisionPermissionSetCommand,
  SSOAdminClient,
  TagResourceCommand,
  type AccountAssignmentOperationStatus,
  type PermissionSetProvisioningStatus,
} from "@aws-sdk/client-sso-admin";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { MOTO_VERSION, MotoServer } from "../../sandbox/moto-server.js";
import { createLoopbackCertificate, type TlsCertificate } from "../../sandbox/tls-certificate.js";
import { runProcess } from "../helpers/run-process.js";

const MANAGEMENT = "123456789012";
const MEMBER = "210987654321";
let dir: string;
let tls: TlsCertificate;
let moto: MotoServer;
let ssoAdmin: SSOAdminClient;
let instanceArn: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "emulator-fidelity-"));
  tls = createLoopbackCertificate(dir);
  moto = await MotoServer.start(tls);
  ssoAdmin = new SSOAdminClient(sdkClientConfig(moto.endpoint, moto.ca));
  instanceArn = (await ssoAdmin.send(new ListInstancesCommand({}))).Instances![0]!.InstanceArn!;
});

afterAll(async () => {
  ssoAdmin?.destroy();
  await moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Polls (bounded: 60 × 250 ms, far above the sandbox's 2 s) until the status leaves IN_PROGRESS. */
async function settled<T extends { Status?: string }>(read: () => Promise<T>): Promise<{ first: T; last: T }> {
  const first = await read();
  let last = first;
  for (let attempt = 0; attempt < 60 && last.Status === "IN_PROGRESS"; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return { first, last };
}

async function permissionSetWithCustomerPolicy(name: string): Promise<string> {
  const arn = (await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: name }))).PermissionSet!.PermissionSetArn!;
  await ssoAdmin.send(new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, CustomerManagedPolicyReference: { Name: "TeamLimits", Path: "/team/" } }));
  return arn;
}

describe("IAM Identity Center provisioning, as AWS runs it", () => {
  it("is IN_PROGRESS first, FAILED where the account lacks a customer managed policy, SUCCEEDED once it exists, and found only on its instance", async () => {
    const arn = await permissionSetWithCustomerPolicy("Provisioned");
    const provision = async () => (await ssoAdmin.send(new ProvisionPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, TargetType: "AWS_ACCOUNT", TargetId: MANAGEMENT }))).PermissionSetProvisioningStatus!;
    const requested = await provision();
    expect(requested.Status).toBe("IN_PROGRESS");
    const status = (requestId: string) => async (): Promise<PermissionSetProvisioningStatus> =>
      (await ssoAdmin.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn, ProvisionPermissionSetRequestId: requestId }))).PermissionSetProvisioningStatus!;
    await expect(
      ssoAdmin.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: "arn:aws:sso:::instance/ssoins-0000000000000000", ProvisionPermissionSetRequestId: requested.RequestId! })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    const failed = await settled(status(requested.RequestId!));
    expect(failed.first.Status).toBe("IN_PROGRESS");
    expect(failed.last.Status).toBe("FAILED");
    expect(failed.last.FailureReason).toContain(`arn:aws:iam::${MANAGEMENT}:policy/team/TeamLimits`);

    const iam = new IAMClient(sdkClientConfig(moto.endpoint, moto.ca));
    await iam.send(new CreatePolicyCommand({ PolicyName: "TeamLimits", Path: "/team/", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "ec2:*", Resource: "*" }] }) }));
    iam.destroy();
    const again = await provision();
    expect((await settled(status(again.RequestId!))).last.Status).toBe("SUCCEEDED");
  });

  it("fails an account assignment whose permission set names a policy the account lacks, and makes no assignment", async () => {
    const arn = await permissionSetWithCustomerPolicy("Assigned");
    const created = (await ssoAdmin.send(
      new CreateAccountAssignmentCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, TargetType: "AWS_ACCOUNT", TargetId: MEMBER, PrincipalType: "GROUP", PrincipalId: "g-0000000000" }),
    )).AccountAssignmentCreationStatus!;
    expect(created.Status).toBe("IN_PROGRESS");
    const status = async (): Promise<AccountAssignmentOperationStatus> =>
      (await ssoAdmin.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, AccountAssignmentCreationRequestId: created.RequestId! }))).AccountAssignmentCreationStatus!;
    const { last } = await settled(status);
    expect(last.Status).toBe("FAILED");
    expect(last.FailureReason).toContain(`arn:aws:iam::${MEMBER}:policy/team/TeamLimits`);
    const assignments = (await ssoAdmin.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: MEMBER, PermissionSetArn: arn }))).AccountAssignments ?? [];
    expect(assignments).toEqual([]);
  });
});

describe("permission set tags, as the API reference describes them", () => {
  it("pages ListTagsForResource, refuses a TagResource over the quota or with a bad tag, and then changes nothing", async () => {
    const tags = Array.from({ length: 49 }, (_, n) => ({ Key: `key-${n}`, Value: `value ${n}` }));
    const arn = (await ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: "Tagged", Tags: tags }))).PermissionSet!.PermissionSetArn!;
    const first = await ssoAdmin.send(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn }));
    expect(first.Tags).toHaveLength(20);
    expect(first.NextToken).toBeTruthy();
    const all = async () => {
      const seen: Record<string, string> = {};
      for await (const page of paginateListTagsForResource({ client: ssoAdmin }, { InstanceArn: instanceArn, ResourceArn: arn })) for (const tag of page.Tags ?? []) seen[tag.Key!] = tag.Value!;
      return seen;
    };
    const before = await all();
    expect(Object.keys(before)).toHaveLength(49);

    const tag = (Tags: { Key: string; Value: string }[]) => ssoAdmin.send(new TagResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, Tags }));
    // Over the quota of 50, with a changed value in the same request: nothing of it is kept.
    await expect(tag([{ Key: "key-0", Value: "changed" }, { Key: "new-1", Value: "a" }, { Key: "new-2", Value: "b" }])).rejects.toMatchObject({ name: "ServiceQuotaExceededException" });
    await expect(tag([{ Key: "key-1", Value: "changed" }, { Key: "aws:owner", Value: "x" }])).rejects.toMatchObject({ name: "ValidationException" });
    await expect(tag([{ Key: "k".repeat(129), Value: "x" }])).rejects.toMatchObject({ name: "ValidationException" });
    await expect(tag([{ Key: "fine", Value: "v".repeat(257) }])).rejects.toMatchObject({ name: "ValidationException" });
    await expect(tag([{ Key: "fine", Value: "no#hash" }])).rejects.toMatchObject({ name: "ValidationException" });
    expect(await all()).toEqual(before);
    await expect(ssoAdmin.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: "BadTags", Tags: [{ Key: "aws:x", Value: "y" }] }))).rejects.toMatchObject({ name: "ValidationException" });

    await tag([{ Key: "key-0", Value: "changed" }, { Key: "fiftieth", Value: "ok" }]);
    expect(await all()).toEqual({ ...before, "key-0": "changed", fiftieth: "ok" });
  });
});

describe("bucket policies the sandbox cannot fully evaluate", () => {
  const bucket = "conditions";
  let s3: S3Client;
  beforeAll(async () => {
    s3 = new S3Client({ ...sdkClientConfig(moto.endpoint, moto.ca), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "object", Body: "content" }));
  });
  afterAll(() => s3?.destroy());

  const policy = (statement: object) => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) }));
  const signedGet = async () => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "object" }))).$metadata.httpStatusCode;

  it("never lets an Allow with a condition it cannot evaluate grant, while an unconditional Allow does", async () => {
    const allow = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` };
    await policy({ ...allow, Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } } });
    expect(await anonymousGet(moto, `/${bucket}/object`)).toBe(403);
    expect(moto.stderr).toContain("bucket policy condition IpAddress aws:SourceIp cannot be evaluated here: an Allow with it grants nothing");
    await policy(allow);
    expect(await anonymousGet(moto, `/${bucket}/object`)).toBe(200);
  });

  it("applies a Deny with a condition it cannot evaluate, and evaluates aws:SecureTransport as true", async () => {
    const deny = { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` };
    await policy({ ...deny, Condition: { StringEquals: { "aws:PrincipalAccount": "999999999999" } } });
    await expect(signedGet()).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(moto.stderr).toContain("StringEquals aws:PrincipalAccount cannot be evaluated here: a Deny with it is applied");
    await policy({ ...deny, Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(await signedGet()).toBe(200);
    await policy({ ...deny, Condition: { BoolIfExists: { "aws:SecureTransport": "true" } } });
    await expect(signedGet()).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });
});

describe("the launcher's moto", () => {
  it("refuses to serve another moto version than the one the project pins, naming both", async () => {
    const launched = await runProcess("python3", ["sandbox/moto_server_tls.py", "--cert", tls.certFile, "--key", tls.keyFile], {
      env: { ...process.env, SANDBOX_MOTO_VERSION: "0.0.1" },
      timeout: 120_000,
    });
    expect(launched.status).not.toBe(0);
    expect(launched.stderr).toContain(`moto ${MOTO_VERSION} is installed; this launcher patches moto 0.0.1's internals`);
    expect(launched.stdout).not.toContain("listening on port");
  });
});

/** An unsigned GET, as an anonymous client sends it: only a bucket policy can let it through. */
function anonymousGet(server: MotoServer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.endpoint}${path}`, { method: "GET", ca: server.ca, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.end();
  });
}
