// Scenario 1: bootstrap the state backend with local state, check it through the AWS SDK, then
// migrate the stack's own state into the bucket it created.
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkClientConfig } from "../../sandbox/aws-environment.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { STATE_BACKEND_STATE_KEY } from "../../stacks/state-backend-stack.js";
import { bootstrapStateBackend, defaultSandboxConfig } from "./helpers.js";

let sandbox: Sandbox;
let s3: S3Client;
let dynamodb: DynamoDBClient;
let bootstrapDir: string;

beforeAll(async () => {
  sandbox = await Sandbox.start();
  s3 = new S3Client(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  dynamodb = new DynamoDBClient(sdkClientConfig(sandbox.moto.endpoint, sandbox.moto.ca));
  bootstrapDir = await bootstrapStateBackend(sandbox, await defaultSandboxConfig(sandbox));
});

afterAll(async () => {
  s3?.destroy();
  dynamodb?.destroy();
  await sandbox?.stop();
});

describe("bootstrapping the state backend", () => {
  it("creates a versioned, encrypted, private, TLS-only bucket", async () => {
    const Bucket = sandbox.backend.bucket;
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe("Enabled");
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe("AES256");
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy!);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    ]);
  });

  it("creates an on-demand lock table keyed by LockID with point-in-time recovery", async () => {
    const TableName = sandbox.backend.dynamodb_table;
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName }))).Table!;
    expect(table.KeySchema).toEqual([{ AttributeName: "LockID", KeyType: "HASH" }]);
    expect(table.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe("ENABLED");
  });

  it("kept its first state locally, outside cdktf.out", () => {
    const local = join(bootstrapDir, "..", "state-backend.tfstate");
    expect(existsSync(local)).toBe(true);
    expect(readFileSync(local, "utf8")).toContain('"aws_dynamodb_table"');
  });

  it("migrates its own state into the bucket, after which nothing changes", async () => {
    // As the README says: synth again into the same cdktf.out, then init -migrate-state there.
    const outDir = await sandbox.synth("bootstrap", await defaultSandboxConfig(sandbox), { bootstrapped: true });
    const dir = sandbox.stackDir(outDir, "state-backend");
    await sandbox.init(dir, ["-migrate-state", "-force-copy"]);
    const object = await s3.send(new GetObjectCommand({ Bucket: sandbox.backend.bucket, Key: STATE_BACKEND_STATE_KEY }));
    const state = JSON.parse(await object.Body!.transformToString());
    const addresses = state.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`).sort();
    expect(addresses).toEqual([
      "aws_dynamodb_table.locks",
      "aws_s3_bucket.state",
      "aws_s3_bucket_policy.state",
      "aws_s3_bucket_public_access_block.state",
      "aws_s3_bucket_server_side_encryption_configuration.state",
      "aws_s3_bucket_versioning.state",
    ]);
    expect((await sandbox.plan(dir)).exitCode).toBe(0);
  });
});
