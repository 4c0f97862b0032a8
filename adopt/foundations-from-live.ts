// The security foundations a live organization has, as this project's config: the organization
// trail with its settings and which parts of its bucket exist (imported, never created again), the
// root-access features, and the accounts' contacts written the way a person would (an
// organization-wide contact where every account has the same one, overrides where one differs).
// Where the project's foundations are stricter than what exists, the first plan changes it: each
// such change is said in words, before anyone plans.
import type { OrganizationConfigInput } from "../config-language/schema.js";
import { DEFAULT_LOG_LIFECYCLE, LOG_STORAGE_CLASSES, type BUCKET_SETTINGS } from "../config-language/security-foundations-schema.js";
import { LOG_RETENTION_RULE_ID, trailBucketPolicy } from "../terraform/cloudtrail-documents.js";
import { MANAGEMENT_ACCOUNT_KEY } from "../terraform/keys.js";
import type { LiveContact, LiveSecurityFoundations, LiveTrail, LiveTrailBucket } from "./discover-security-foundations.js";

type FoundationsInput = NonNullable<OrganizationConfigInput["securityFoundations"]>;
type TrailInput = NonNullable<FoundationsInput["organizationTrail"]>;
type ContactInput = { name: string; title: string; email: string; phone: string };

export interface AdoptedFoundations {
  securityFoundations?: FoundationsInput;
  /** What the config cannot hold, one line each. */
  leftOut: string[];
  /** What the first plan will change to meet the project's foundations, in words. */
  firstPlanChanges: string[];
}

export interface FoundationsContext {
  organizationId: string;
  managementAccountId: string;
  region: string;
  /** Account id -> its name in the config (adopted member accounts only). */
  accountNames: ReadonlyMap<string, string>;
}

const CONTACT_KEYS = { SECURITY: "security", BILLING: "billing", OPERATIONS: "operations" } as const;
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)]));
  return value;
}

/** The lifecycle values of a bucket whose one rule has the project's shape; undefined otherwise. */
function lifecycleOf(rules: LiveTrailBucket["lifecycleRules"]): TrailInput["lifecycle"] | undefined {
  if (rules?.length !== 1) return undefined;
  const [rule] = rules;
  const transition = rule?.Transitions?.length === 1 ? rule.Transitions[0] : undefined;
  const storageClass = LOG_STORAGE_CLASSES.find((c) => c === transition?.StorageClass);
  const prefix = rule?.Filter?.Prefix ?? rule?.Prefix;
  const shaped =
    rule?.ID === LOG_RETENTION_RULE_ID &&
    rule.Status === "Enabled" &&
    (prefix === "" || prefix === undefined) &&
    storageClass !== undefined &&
    transition?.Days !== undefined &&
    rule.Expiration?.Days !== undefined &&
    rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined &&
    !rule.NoncurrentVersionTransitions?.length &&
    !rule.AbortIncompleteMultipartUpload;
  if (!shaped) return undefined;
  return { transitionAfterDays: transition.Days, storageClass, expireAfterDays: rule.Expiration!.Days!, noncurrentExpireAfterDays: rule.NoncurrentVersionExpiration!.NoncurrentDays! };
}

function adoptTrail(trail: LiveTrail, context: FoundationsContext, changes: string[]): TrailInput {
  const say = (what: string) => changes.push(`organization trail ${trail.name}: ${what}`);
  if (!trail.isMultiRegion) say("becomes multi-region (it records one region now)");
  if (!trail.includeGlobalServiceEvents) say("starts recording global service events (IAM, STS, CloudFront)");
  if (!trail.logFileValidation) say("turns log file validation on");
  if (!trail.isLogging) say("starts logging (it is stopped now)");
  for (const setting of trail.unmanagedSettings) say(`loses its ${setting}, which the config cannot hold: add it back outside this stack, or accept the change`);

  const selectors = trail.eventSelectors ?? [];
  const management = selectors.find((s) => s.includeManagementEvents);
  const allObjects = (d: { type: string; values: string[] }) => d.type === "AWS::S3::Object" && d.values.length === 1 && /^arn:aws[a-z-]*:s3$/.test(d.values[0] ?? "");
  const dataResources = selectors.flatMap((s) => s.dataResources);
  const s3DataEvents = dataResources.some(allObjects);
  if (!management) say("starts recording management events (All)");
  if (selectors.length > 1) say(`its ${selectors.length} event selectors become one`);
  if (dataResources.some((d) => !allObjects(d))) say("stops recording the data events it records for particular resources (the config records S3 data events of every bucket, or none)");
  const readWriteType = management?.readWriteType === "ReadOnly" || management?.readWriteType === "WriteOnly" ? management.readWriteType : "All";

  const bucket = trail.bucket as LiveTrailBucket;
  const bucketSettings: (typeof BUCKET_SETTINGS)[number][] = [];
  const sayBucket = (what: string) => changes.push(`trail bucket ${trail.bucketName}: ${what}`);
  if (bucket.versioning) bucketSettings.push("versioning");
  if (bucket.versioning !== "Enabled") sayBucket("versioning turns on");
  if (bucket.encryption) bucketSettings.push("encryption");
  const wantedAlgorithm = trail.kmsKeyArn ? "aws:kms" : "AES256";
  if (bucket.encryption !== wantedAlgorithm) sayBucket(`default encryption becomes ${wantedAlgorithm === "AES256" ? "SSE-S3" : "SSE-KMS with the trail's key"}`);
  if (bucket.publicAccessBlock) bucketSettings.push("publicAccessBlock");
  const block = bucket.publicAccessBlock;
  if (!(block?.BlockPublicAcls && block.BlockPublicPolicy && block.IgnorePublicAcls && block.RestrictPublicBuckets)) sayBucket("all public access becomes blocked");
  const lifecycle = lifecycleOf(bucket.lifecycleRules);
  if (bucket.lifecycleRules) bucketSettings.push("lifecycle");
  if (!lifecycle) {
    const d = DEFAULT_LOG_LIFECYCLE;
    sayBucket(`its lifecycle (${bucket.lifecycleRules?.length ?? 0} rules) becomes the config's one rule: to ${d.storageClass} after ${d.transitionAfterDays} days, deleted after ${d.expireAfterDays}, old versions after ${d.noncurrentExpireAfterDays} (set lifecycle to keep other numbers)`);
  }
  if (bucket.policy !== undefined) bucketSettings.push("policy");
  const prefix = trail.keyPrefix ? `${trail.keyPrefix}/` : "";
  const partition = trail.arn.split(":")[1] ?? "aws";
  const wanted = trailBucketPolicy({ partition, bucketName: trail.bucketName, keyPrefixPath: prefix, trailArn: trail.arn, managementAccountId: context.managementAccountId, organizationId: context.organizationId });
  if (!sameJson(bucket.policy, wanted)) sayBucket("its policy becomes the project's: CloudTrail may write only for this trail (aws:SourceArn), and nothing over plain HTTP");
  if (trail.kmsKeyArn) changes.push(`trail key ${trail.kmsKeyArn}: imported; its policy becomes the project's (the bucket account administers it, CloudTrail encrypts for this trail only) and an alias alias/${trail.name}-logs is made`);

  return {
    name: trail.name,
    bucketName: trail.bucketName,
    ...(trail.keyPrefix ? { keyPrefix: trail.keyPrefix } : {}),
    ...(trail.kmsKeyArn ? { kmsEncryption: true } : {}),
    ...(readWriteType === "All" ? {} : { readWriteType }),
    ...(s3DataEvents ? { s3DataEvents: true } : {}),
    ...(lifecycle && !sameJson(lifecycle, DEFAULT_LOG_LIFECYCLE) ? { lifecycle } : {}),
    existing: { trailArn: trail.arn, bucketSettings, ...(trail.kmsKeyArn ? { kmsKeyArn: trail.kmsKeyArn } : {}) },
  };
}

/** The contact every account has alike becomes the default; accounts that differ get their own. */
function adoptContacts(contacts: LiveContact[], context: FoundationsContext, leftOut: string[]): NonNullable<FoundationsInput["accountContacts"]> | undefined {
  const nameOf = (accountId: string | undefined) => (accountId === undefined || accountId === context.managementAccountId ? MANAGEMENT_ACCOUNT_KEY : context.accountNames.get(accountId));
  const accounts = [MANAGEMENT_ACCOUNT_KEY, ...[...context.accountNames.values()].sort()];
  const byType = new Map<string, Map<string, ContactInput>>();
  const existing: string[] = [];
  for (const contact of contacts) {
    const account = nameOf(contact.accountId);
    if (account === undefined) {
      leftOut.push(`${contact.type.toLowerCase()} contact of account ${contact.accountId}: the account is left out`);
      continue;
    }
    const found = byType.get(contact.type) ?? new Map<string, ContactInput>();
    found.set(account, { name: contact.name, title: contact.title, email: contact.email, phone: contact.phone });
    byType.set(contact.type, found);
    existing.push(`${account}/${contact.type}`);
  }
  if (existing.length === 0) return undefined;
  const adopted: NonNullable<FoundationsInput["accountContacts"]> & { accounts: Record<string, Record<string, ContactInput>> } = { accounts: {} };
  for (const [type, found] of byType) {
    const key = CONTACT_KEYS[type as keyof typeof CONTACT_KEYS];
    // A default only where every account has this contact: otherwise the default would create contacts that do not exist.
    let common: ContactInput | undefined;
    if (accounts.every((a) => found.has(a))) {
      const counts = new Map<string, { contact: ContactInput; count: number }>();
      for (const contact of found.values()) {
        const id = JSON.stringify(contact);
        counts.set(id, { contact, count: (counts.get(id)?.count ?? 0) + 1 });
      }
      common = [...counts.values()].sort((a, b) => b.count - a.count)[0]?.contact;
      if (common) adopted[key] = common;
    }
    for (const [account, contact] of found) {
      if (common && sameJson(contact, common)) continue;
      adopted.accounts[account] = { ...adopted.accounts[account], [key]: contact };
    }
  }
  return { ...adopted, existing: existing.sort() };
}

export function foundationsFromLive(live: LiveSecurityFoundations, context: FoundationsContext): AdoptedFoundations {
  const leftOut: string[] = [];
  const firstPlanChanges: string[] = [];
  const foundations: FoundationsInput = {};

  const candidates = live.trails.filter((trail) => {
    const why =
      trail.homeRegion !== context.region
        ? `its home region is ${trail.homeRegion}, the config's provider works in ${context.region}: run init with AWS_REGION=${trail.homeRegion} to adopt it`
        : "unreadable" in trail.bucket
          ? `its bucket ${trail.bucketName} cannot be read from the management account (${trail.bucket.unreadable}); if a log-archive account holds it, add organizationTrail with logArchiveAccount by hand`
          : undefined;
    if (why) leftOut.push(`organization trail ${trail.arn}: ${why}`);
    return why === undefined;
  });
  // The config holds one organization trail: the one that records most.
  const [chosen, ...others] = candidates.sort((a, b) => Number(b.isMultiRegion) + Number(b.isLogging) - (Number(a.isMultiRegion) + Number(a.isLogging)));
  for (const other of others) leftOut.push(`organization trail ${other.arn}: the config holds one organization trail, and ${chosen!.name} is adopted`);
  if (chosen) foundations.organizationTrail = adoptTrail(chosen, context, firstPlanChanges);

  if (live.rootFeatures && live.rootFeatures.length > 0) {
    foundations.rootAccess = { credentialsManagement: live.rootFeatures.includes("RootCredentialsManagement"), rootSessions: live.rootFeatures.includes("RootSessions"), existing: true };
  }
  const contacts = live.contacts ? adoptContacts(live.contacts, context, leftOut) : undefined;
  if (contacts) foundations.accountContacts = contacts;

  return { ...(Object.keys(foundations).length > 0 ? { securityFoundations: foundations } : {}), leftOut, firstPlanChanges };
}
