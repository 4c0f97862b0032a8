import { describe, expect, it } from "vitest";
import { synthStateBackend, TEST_BACKEND } from "../helpers/synth.js";

const json = synthStateBackend(false);
const resources = json.resource;

describe("state-backend stack", () => {
  it("creates the bucket named in backend.tf.json, protected from destroy", () => {
    expect(resources.aws_s3_bucket.state).toMatchObject({ bucket: TEST_BACKEND.bucket, lifecycle: { prevent_destroy: true } });
  });

  it("versions, encrypts and blocks all public access to the bucket", () => {
    expect(resources.aws_s3_bucket_versioning.state.versioning_configuration).toEqual({ status: "Enabled" });
    expect(resources.aws_s3_bucket_server_side_encryption_configuration.state.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(resources.aws_s3_bucket_public_access_block.state).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("denies every request that does not use TLS", () => {
    const policy = resources.aws_s3_bucket_policy.state.policy as string;
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain('"Effect" = "Deny"');
    expect(policy).toContain("${aws_s3_bucket.state.arn}/*");
  });

  it("creates an on-demand lock table keyed by LockID with point-in-time recovery", () => {
    expect(resources.aws_dynamodb_table.locks).toMatchObject({
      name: TEST_BACKEND.dynamodb_table,
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      point_in_time_recovery: { enabled: true },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("keeps its own state locally until bootstrapped, then in the bucket", () => {
    expect(json.terraform.backend.local.path).toBe("../../../state-backend.tfstate");
    expect(synthStateBackend(true).terraform.backend.s3).toEqual({
      bucket: TEST_BACKEND.bucket,
      key: "state-backend/terraform.tfstate",
      region: "us-east-1",
      dynamodb_table: TEST_BACKEND.dynamodb_table,
      encrypt: true,
    });
  });
});
