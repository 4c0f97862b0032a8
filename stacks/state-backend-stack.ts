// The state bucket and lock table the organization stack's backend needs: the chicken-and-egg.
// Applied once with local state, then (STATE_BACKEND_BOOTSTRAPPED=true) migrated into the bucket.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table/index.js";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import { Fn, LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { BackendSettings } from "../config-language/backend.js";
import { named } from "../terraform/blocks.js";
import { addAwsProvider, type AwsProviderSettings } from "./aws-provider.js";

export interface StateBackendStackProps {
  readonly backend: BackendSettings;
  readonly provider: AwsProviderSettings;
  /** false: local state (the first apply); true: the stack's own state lives in the bucket. */
  readonly bootstrapped: boolean;
}

/** Where this stack keeps its own state in the bucket once bootstrapped. */
export const STATE_BACKEND_STATE_KEY = "state-backend/terraform.tfstate";
/** Local state of the first apply, relative to cdktf.out/stacks/state-backend: kept outside cdktf.out, which synth rewrites. */
export const STATE_BACKEND_LOCAL_PATH = "../../../state-backend.tfstate";

export class StateBackendStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: StateBackendStackProps) {
    super(scope, id);
    const { backend } = props;
    addAwsProvider(this, { ...props.provider, region: backend.region });
    if (props.bootstrapped) {
      new S3Backend(this, {
        bucket: backend.bucket,
        key: STATE_BACKEND_STATE_KEY,
        region: backend.region,
        dynamodbTable: backend.dynamodb_table,
        encrypt: true,
      });
    } else {
      new LocalBackend(this, { path: STATE_BACKEND_LOCAL_PATH });
    }

    // Losing the bucket loses every state version; losing the table loses locking.
    const keep = { preventDestroy: true };
    const bucket = named(new S3Bucket(this, "state", { bucket: backend.bucket, lifecycle: keep }), "state");
    named(
      new S3BucketVersioningA(this, "state-versioning", {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
      }),
      "state",
    );
    named(
      new S3BucketServerSideEncryptionConfigurationA(this, "state-encryption", {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
      "state",
    );
    named(
      new S3BucketPublicAccessBlock(this, "state-public-access", {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      }),
      "state",
    );
    named(
      new S3BucketPolicy(this, "state-tls-only", {
        bucket: bucket.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [bucket.arn, `${bucket.arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      }),
      "state",
    );
    named(
      new DynamodbTable(this, "locks", {
        name: backend.dynamodb_table,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "LockID",
        attribute: [{ name: "LockID", type: "S" }],
        pointInTimeRecovery: { enabled: true },
        lifecycle: keep,
      }),
      "locks",
    );
  }
}
