// What the organization trail's bucket holds, written once: the stack writes it with HCL references
// (`${aws_organizations_organization.org.id}`), and `aws-org init` with the live values, to tell
// whether an existing bucket already has it (then the first plan imports it and changes nothing).

/** Where the trail writes and who it is: references in the stack, literal values in `init`. */
export interface TrailBucketPolicyValues {
  partition: string;
  bucketName: string;
  /** "<prefix>/" or "". */
  keyPrefixPath: string;
  trailArn: string;
  managementAccountId: string;
  organizationId: string;
}

/**
 * CloudTrail's bucket policy (its "Amazon S3 bucket policy for CloudTrail" page): read the ACL and
 * write under AWSLogs/<management account>/ and AWSLogs/<organization>/, each only for this trail;
 * and nothing over plain HTTP.
 */
export function trailBucketPolicy(values: TrailBucketPolicyValues): Record<string, unknown> {
  const bucketArn = `arn:${values.partition}:s3:::${values.bucketName}`;
  const fromThisTrail = { StringEquals: { "aws:SourceArn": values.trailArn } };
  const write = (sid: string, owner: string) => ({
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `${bucketArn}/${values.keyPrefixPath}AWSLogs/${owner}/*`,
    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": values.trailArn } },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: fromThisTrail },
      write("CloudTrailWriteManagementAccount", values.managementAccountId),
      write("CloudTrailWriteOrganization", values.organizationId),
      { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  };
}

/** The one lifecycle rule of the log bucket: its id, and the numbers the config sets. */
export const LOG_RETENTION_RULE_ID = "log-retention";
