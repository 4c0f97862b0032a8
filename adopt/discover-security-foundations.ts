// Reads the security foundations a live organization already has, through the AWS SDK for
// JavaScript v3 from the management account: its organization trails (CloudTrail) with their
// event selectors and logging status, each trail's bucket settings (S3), the root-access features
// (IAM) and every account's alternate contacts (Account Management). Each part is read only when
// its service has trusted access: without it the organization cannot have that part (and AWS
// refuses the read). A read that fails fails init: an unknown is never taken as "none".
import { AccountClient, GetAlternateContactCommand, type AlternateContactType } from "@aws-sdk/client-account";
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { IAMClient, ListOrganizationsFeaturesCommand } from "@aws-sdk/client-iam";
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  type LifecycleRule,
  type PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import { AWS_RETRY } from "../limits/aws-retry.js";
import { countRequests } from "./count-requests.js";

export const CONTACT_TYPES: readonly AlternateContactType[] = ["SECURITY", "BILLING", "OPERATIONS"];

export interface LiveTrailBucket {
  /** Versioning status, when it was ever turned on ("Enabled", "Suspended"). */
  versioning?: string;
  /** SSE algorithm of the default encryption rule ("AES256", "aws:kms", ...). */
  encryption?: string;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  lifecycleRules?: LifecycleRule[];
  /** The bucket policy, parsed. */
  policy?: unknown;
}

export interface LiveTrail {
  name: string;
  arn: string;
  homeRegion: string;
  bucketName: string;
  keyPrefix?: string;
  kmsKeyArn?: string;
  isMultiRegion: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidation: boolean;
  isLogging: boolean;
  /** The basic event selectors, as CloudTrail returns them; undefined when the trail uses advanced ones. */
  eventSelectors?: { readWriteType: string; includeManagementEvents: boolean; dataResources: { type: string; values: string[] }[] }[];
  /** Settings this project does not manage: CloudWatch Logs, SNS, advanced event selectors, ... */
  unmanagedSettings: string[];
  /** The bucket as the management account sees it, or why it could not be read (another account's bucket). */
  bucket: LiveTrailBucket | { unreadable: string };
}

export interface LiveContact {
  /** undefined: the management account (the caller). */
  accountId: string | undefined;
  type: AlternateContactType;
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface LiveSecurityFoundations {
  /** Organization trails that the management account owns. */
  trails: LiveTrail[];
  /** The enabled root-access features; undefined when not read. */
  rootFeatures?: string[];
  /** undefined when not read. */
  contacts?: LiveContact[];
  requests: number;
}

export interface FoundationsScope {
  region: string;
  managementAccountId: string;
  servicePrincipals: string[];
  /** Member accounts whose contacts are read (active ones: AWS answers nothing useful for others). */
  memberAccountIds: string[];
}

const errorName = (error: unknown): string => (error as { name?: string }).name ?? "";

/** The value, or undefined when AWS says the thing does not exist (`missing` names the error). */
async function orMissing<T>(read: () => Promise<T>, missing: string[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (missing.includes(errorName(error))) return undefined;
    throw error;
  }
}

async function readBucket(s3: S3Client, bucket: string): Promise<LiveTrailBucket | { unreadable: string }> {
  const Bucket = bucket;
  try {
    const versioning = (await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status;
    const encryption = await orMissing(() => s3.send(new GetBucketEncryptionCommand({ Bucket })), ["ServerSideEncryptionConfigurationNotFoundError"]);
    const publicAccessBlock = await orMissing(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })), ["NoSuchPublicAccessBlockConfiguration"]);
    const lifecycle = await orMissing(() => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })), ["NoSuchLifecycleConfiguration"]);
    const policy = await orMissing(() => s3.send(new GetBucketPolicyCommand({ Bucket })), ["NoSuchBucketPolicy"]);
    const algorithm = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
    return {
      ...(versioning ? { versioning } : {}),
      ...(algorithm ? { encryption: algorithm } : {}),
      ...(publicAccessBlock?.PublicAccessBlockConfiguration ? { publicAccessBlock: publicAccessBlock.PublicAccessBlockConfiguration } : {}),
      ...(lifecycle?.Rules ? { lifecycleRules: lifecycle.Rules } : {}),
      ...(policy?.Policy ? { policy: JSON.parse(policy.Policy) as unknown } : {}),
    };
  } catch (error) {
    // AccessDenied or NoSuchBucket from here: the bucket belongs to another account (a log archive).
    return { unreadable: `${errorName(error) || "error"}: ${(error as Error).message}` };
  }
}

async function readTrails(cloudtrail: CloudTrailClient, s3: S3Client, scope: FoundationsScope): Promise<LiveTrail[]> {
  const trails: LiveTrail[] = [];
  const listed = (await cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [];
  for (const trail of listed) {
    // Organization trails the management account made; a member's own trails are not the organization's.
    if (!trail.IsOrganizationTrail || trail.TrailARN?.split(":")[4] !== scope.managementAccountId) continue;
    const client = trail.HomeRegion && trail.HomeRegion !== scope.region ? undefined : cloudtrail;
    const status = client ? await client.send(new GetTrailStatusCommand({ Name: trail.TrailARN })) : undefined;
    const selectors = client ? await client.send(new GetEventSelectorsCommand({ TrailName: trail.TrailARN })) : undefined;
    const unmanagedSettings = [
      ...(trail.CloudWatchLogsLogGroupArn ? ["CloudWatch Logs delivery"] : []),
      ...(trail.SnsTopicARN ? ["SNS notifications"] : []),
      ...(trail.HasInsightSelectors ? ["Insights"] : []),
      ...(selectors?.AdvancedEventSelectors?.length ? ["advanced event selectors"] : []),
    ];
    trails.push({
      name: trail.Name!,
      arn: trail.TrailARN!,
      homeRegion: trail.HomeRegion ?? scope.region,
      bucketName: trail.S3BucketName!,
      ...(trail.S3KeyPrefix ? { keyPrefix: trail.S3KeyPrefix } : {}),
      ...(trail.KmsKeyId ? { kmsKeyArn: trail.KmsKeyId } : {}),
      isMultiRegion: trail.IsMultiRegionTrail ?? false,
      includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
      logFileValidation: trail.LogFileValidationEnabled ?? false,
      isLogging: status?.IsLogging ?? false,
      ...(selectors?.EventSelectors?.length
        ? {
            eventSelectors: selectors.EventSelectors.map((s) => ({
              readWriteType: s.ReadWriteType ?? "All",
              includeManagementEvents: s.IncludeManagementEvents ?? true,
              dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? "", values: d.Values ?? [] })),
            })),
          }
        : selectors?.AdvancedEventSelectors?.length
          ? {}
          : // No selectors at all: CloudTrail's default, all read and write management events (its EventSelector reference).
            { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }] }),
      unmanagedSettings,
      bucket: client ? await readBucket(s3, trail.S3BucketName!) : { unreadable: `the trail's home region is ${trail.HomeRegion}` },
    });
  }
  return trails;
}

async function readContacts(account: AccountClient, scope: FoundationsScope): Promise<LiveContact[]> {
  const contacts: LiveContact[] = [];
  for (const accountId of [undefined, ...scope.memberAccountIds]) {
    for (const type of CONTACT_TYPES) {
      const found = await orMissing(() => account.send(new GetAlternateContactCommand({ AlternateContactType: type, ...(accountId ? { AccountId: accountId } : {}) })), ["ResourceNotFoundException"]);
      const contact = found?.AlternateContact;
      if (contact) contacts.push({ accountId, type, name: contact.Name ?? "", title: contact.Title ?? "", email: contact.EmailAddress ?? "", phone: contact.PhoneNumber ?? "" });
    }
  }
  return contacts;
}

/** Reads the trails, root-access features and contacts of the organization the credentials manage. */
export async function discoverSecurityFoundations(scope: FoundationsScope): Promise<LiveSecurityFoundations> {
  const counter = { requests: 0 };
  const config = { region: scope.region, ...AWS_RETRY };
  const trusted = new Set(scope.servicePrincipals);
  const cloudtrail = countRequests(new CloudTrailClient(config), counter);
  // The trail's bucket may sit in another region than the trail's API: follow S3's redirect.
  const s3 = countRequests(new S3Client({ ...config, followRegionRedirects: true }), counter);
  const iam = countRequests(new IAMClient(config), counter);
  const account = countRequests(new AccountClient(config), counter);
  try {
    const trails = trusted.has("cloudtrail.amazonaws.com") ? await readTrails(cloudtrail, s3, scope) : [];
    const rootFeatures = trusted.has("iam.amazonaws.com") ? ((await iam.send(new ListOrganizationsFeaturesCommand({}))).EnabledFeatures ?? []).slice().sort() : undefined;
    const contacts = trusted.has("account.amazonaws.com") ? await readContacts(account, scope) : undefined;
    return { trails, ...(rootFeatures ? { rootFeatures } : {}), ...(contacts ? { contacts } : {}), requests: counter.requests };
  } finally {
    for (const client of [cloudtrail, s3, iam, account]) client.destroy();
  }
}
