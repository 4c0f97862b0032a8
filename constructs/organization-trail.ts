// The organization's CloudTrail trail and the bucket it logs to:
// aws_cloudtrail.organization, aws_s3_bucket.cloudtrail_logs (and its versioning, encryption,
// public access block, lifecycle and policy under the same name; aws_kms_key.cloudtrail_logs when
// asked). The trail and the bucket are never destroyed by a plan (prevent_destroy), and the trail
// waits for the bucket policy: CloudTrail refuses a bucket that does not yet let it write
// (InsufficientS3BucketPolicyException).
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail/index.js";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition/index.js";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias/index.js";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key/index.js";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { SecurityFoundationsModel } from "../config-language/model.js";
import { addImportBlock, named, namedLocal } from "../terraform/blocks.js";
import { LOG_RETENTION_RULE_ID, trailBucketPolicy } from "../terraform/cloudtrail-documents.js";
import { LOCALS, RESOURCE_NAMES, RESOURCE_TYPES } from "../terraform/names.js";

export interface OrganizationTrailProps {
  readonly trail: NonNullable<SecurityFoundationsModel["organizationTrail"]>;
  /** The provider's region: the trail's home region. */
  readonly region: string;
  /** HCL references to the organization's id and its management account's id. */
  readonly organizationIdReference: string;
  readonly managementAccountIdReference: string;
  /** The organization: trusted access for CloudTrail must be on before an organization trail exists. */
  readonly organization: ITerraformDependable;
  /** Reaches the log-archive account, when the bucket lives there; the stack's default provider otherwise. */
  readonly bucketProvider?: AwsProvider;
}

const keep = { preventDestroy: true };

export class OrganizationTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const { trail: settings } = props;
    const logs = RESOURCE_NAMES.trailLogs;
    const inBucketAccount = props.bucketProvider ? { provider: props.bucketProvider } : {};
    // ARNs in the partition the provider runs in (aws, aws-us-gov, aws-cn).
    named(new DataAwsPartition(this, "partition", {}), "current");
    const trailArn = `arn:\${data.aws_partition.current.partition}:cloudtrail:${props.region}:\${${props.managementAccountIdReference}}:trail/${settings.name}`;
    const prefix = settings.keyPrefix ? `${settings.keyPrefix}/` : "";

    this.bucket = named(new S3Bucket(this, "bucket", { ...inBucketAccount, bucket: settings.bucketName, lifecycle: keep }), logs);
    named(new S3BucketVersioningA(this, "versioning", { ...inBucketAccount, bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } }), logs);
    named(
      new S3BucketPublicAccessBlock(this, "public-access", { ...inBucketAccount, bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
      logs,
    );

    const key = settings.kmsEncryption ? this.logKey(props, trailArn, inBucketAccount) : undefined;
    named(
      new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
        ...inBucketAccount,
        bucket: this.bucket.id,
        rule: [key ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true } : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
      logs,
    );
    const { lifecycle } = settings;
    named(
      new S3BucketLifecycleConfiguration(this, "lifecycle", {
        ...inBucketAccount,
        bucket: this.bucket.id,
        rule: [
          {
            id: LOG_RETENTION_RULE_ID,
            status: "Enabled",
            filter: [{ prefix: "" }],
            transition: [{ days: lifecycle.transitionAfterDays, storageClass: lifecycle.storageClass }],
            expiration: [{ days: lifecycle.expireAfterDays }],
            noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentExpireAfterDays }],
          },
        ],
      }),
      logs,
    );

    // The documents stay readable JSON in locals; jsonencode() hands them to S3 and KMS.
    namedLocal(
      this,
      LOCALS.trailBucketPolicy,
      trailBucketPolicy({
        partition: "${data.aws_partition.current.partition}",
        bucketName: settings.bucketName,
        keyPrefixPath: prefix,
        trailArn,
        managementAccountId: `\${${props.managementAccountIdReference}}`,
        organizationId: `\${${props.organizationIdReference}}`,
      }),
    );
    const policy = named(
      new S3BucketPolicy(this, "policy", { ...inBucketAccount, bucket: this.bucket.id, policy: `\${jsonencode(local.${LOCALS.trailBucketPolicy})}` }),
      logs,
    );

    if (settings.existing) this.importExisting(settings.existing, settings.bucketName, key);

    this.trail = named(
      new Cloudtrail(this, "trail", {
        name: settings.name,
        s3BucketName: this.bucket.id,
        ...(settings.keyPrefix ? { s3KeyPrefix: settings.keyPrefix } : {}),
        isOrganizationTrail: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        ...(key ? { kmsKeyId: key.arn } : {}),
        // CloudTrail's default (every management event, no data events) is written as no selector:
        // the provider reads that default back as none, so writing it would plan a change forever.
        ...(settings.readWriteType === "All" && !settings.s3DataEvents
          ? {}
          : {
              eventSelector: [
                {
                  readWriteType: settings.readWriteType,
                  includeManagementEvents: true,
                  ...(settings.s3DataEvents ? { dataResource: [{ type: "AWS::S3::Object", values: ["arn:${data.aws_partition.current.partition}:s3"] }] } : {}),
                },
              ],
            }),
        dependsOn: [policy, props.organization],
        lifecycle: keep,
      }),
      RESOURCE_NAMES.organizationTrail,
    );
  }

  /** What aws-org init found: the trail by its ARN, the bucket and each setting of it by the bucket's name, the key by its id. */
  private importExisting(existing: NonNullable<OrganizationTrailProps["trail"]["existing"]>, bucketName: string, key: KmsKey | undefined): void {
    const logs = RESOURCE_NAMES.trailLogs;
    addImportBlock(this, `${RESOURCE_TYPES.trail}.${RESOURCE_NAMES.organizationTrail}`, existing.trailArn);
    addImportBlock(this, `${RESOURCE_TYPES.bucket}.${logs}`, bucketName);
    const settingTypes = { versioning: RESOURCE_TYPES.bucketVersioning, encryption: RESOURCE_TYPES.bucketEncryption, publicAccessBlock: RESOURCE_TYPES.bucketPublicAccessBlock, lifecycle: RESOURCE_TYPES.bucketLifecycle, policy: RESOURCE_TYPES.bucketPolicy };
    for (const setting of existing.bucketSettings) addImportBlock(this, `${settingTypes[setting]}.${logs}`, bucketName);
    // aws_kms_key is imported by the key's id, the last part of its ARN.
    if (key && existing.kmsKeyArn !== undefined) addImportBlock(this, `${RESOURCE_TYPES.kmsKey}.${logs}`, existing.kmsKeyArn.slice(existing.kmsKeyArn.lastIndexOf("/") + 1));
  }

  /** A key for the logs whose policy lets the bucket's account manage it and CloudTrail encrypt with it, for this trail only. */
  private logKey(props: OrganizationTrailProps, trailArn: string, inBucketAccount: { provider?: AwsProvider }): KmsKey {
    named(new DataAwsCallerIdentity(this, "bucket-account", { ...inBucketAccount }), "log_bucket_account");
    const trailsOfManagement = `arn:\${data.aws_partition.current.partition}:cloudtrail:*:\${${props.managementAccountIdReference}}:trail/*`;
    const key = named(
      new KmsKey(this, "key", {
        ...inBucketAccount,
        description: `Encrypts the logs of the organization trail ${props.trail.name}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        lifecycle: keep,
        policy: `\${jsonencode(local.${LOCALS.trailKeyPolicy})}`,
      }),
      RESOURCE_NAMES.trailLogs,
    );
    namedLocal(this, LOCALS.trailKeyPolicy, {
          Version: "2012-10-17",
          Statement: [
            { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.log_bucket_account.account_id}:root" }, Action: "kms:*", Resource: "*" },
            {
              Sid: "CloudTrailEncrypt",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "kms:GenerateDataKey*",
              Resource: "*",
              Condition: { StringEquals: { "aws:SourceArn": trailArn }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailsOfManagement } },
            },
            { Sid: "CloudTrailDescribe", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "kms:DescribeKey", Resource: "*" },
          ],
    });
    named(new KmsAlias(this, "key-alias", { ...inBucketAccount, name: `alias/${props.trail.name}-logs`, targetKeyId: key.keyId }), RESOURCE_NAMES.trailLogs);
    return key;
  }
}
