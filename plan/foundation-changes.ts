// What a plan changes in the security foundations, in words: the organization trail (what it
// records, whether it logs, where), its bucket's protection, and the root-access features. Each
// change says whether it weakens the foundations; the guard blocks those, the comment shows all.
import { RESOURCE_TYPES } from "../terraform/names.js";
import type { PlanJson, ResourceChange } from "./plan-json.js";

export interface FoundationChange {
  address: string;
  /** "the organization trail stops recording data events" */
  sentence: string;
  weakens: boolean;
}

type Values = Record<string, unknown>;

const selectors = (values: Values | null | undefined): Values[] => (Array.isArray(values?.event_selector) ? (values!.event_selector as Values[]) : []);
const dataResources = (values: Values | null | undefined): number => selectors(values).reduce((n, s) => n + (Array.isArray(s.data_resource) ? s.data_resource.length : 0), 0);
/** "read" and "write", as the trail's selectors record them (no selector: CloudTrail records all). */
function recordedKinds(values: Values | null | undefined): Set<string> {
  const types = selectors(values).length === 0 ? ["All"] : selectors(values).map((s) => String(s.read_write_type ?? "All"));
  return new Set(types.flatMap((t) => (t === "All" ? ["read", "write"] : t === "ReadOnly" ? ["read"] : ["write"])));
}
const recordsManagementEvents = (values: Values | null | undefined): boolean => selectors(values).length === 0 || selectors(values).some((s) => s.include_management_events !== false);
const features = (values: Values | null | undefined): string[] => (Array.isArray(values?.enabled_features) ? (values!.enabled_features as unknown[]).filter((f): f is string => typeof f === "string") : []);

/** A boolean setting of the trail that protects when true: [attribute, what turning it off means, what turning it on means]. */
const TRAIL_SWITCHES: [string, string, string][] = [
  ["enable_logging", "stops logging", "starts logging"],
  ["enable_log_file_validation", "stops writing digest files (log file validation off: tampering goes unseen)", "validates its log files"],
  ["is_multi_region_trail", "records only its home region", "records every region"],
  ["include_global_service_events", "stops recording global services (IAM, STS, CloudFront)", "records global services"],
  ["is_organization_trail", "records only the management account, not the organization's accounts", "records every account of the organization"],
];

const ROOT_FEATURES: Record<string, [string, string]> = {
  RootCredentialsManagement: ["member accounts' root credentials can be removed and managed centrally", "member accounts' root credentials are no longer managed centrally"],
  RootSessions: ["root sessions become possible: root-only tasks run as short sessions from the management account", "root sessions are no longer possible from the management account"],
};

function trailChanges(change: ResourceChange): FoundationChange[] {
  const { actions, before, after } = change.change;
  const out: FoundationChange[] = [];
  const add = (sentence: string, weakens: boolean) => out.push({ address: change.address, sentence: `the organization trail ${sentence}`, weakens });
  if (actions.includes("delete")) {
    add(actions.includes("create") ? "is replaced: nothing is recorded between its deletion and its re-creation" : "is deleted: nothing is recorded any more", true);
    if (!actions.includes("create")) return out;
  }
  if (actions.includes("create") && !actions.includes("delete")) {
    add("is created: every account and region of the organization is recorded", false);
    return out;
  }
  if (!before || !after) return out;
  for (const [field, off, on] of TRAIL_SWITCHES) {
    if (before[field] === true && after[field] === false) add(off, true);
    else if (before[field] === false && after[field] === true) add(on, false);
  }
  const [was, now] = [recordedKinds(before), recordedKinds(after)];
  for (const kind of was) if (!now.has(kind)) add(`stops recording ${kind} management events`, true);
  for (const kind of now) if (!was.has(kind)) add(`starts recording ${kind} management events`, false);
  if (recordsManagementEvents(before) && !recordsManagementEvents(after)) add("stops recording management events", true);
  if (dataResources(before) > dataResources(after)) add("stops recording data events", true);
  else if (dataResources(before) < dataResources(after)) add("starts recording data events (charged per event)", false);
  if (before.s3_bucket_name !== after.s3_bucket_name && after.s3_bucket_name !== undefined) add(`logs to another bucket (${String(after.s3_bucket_name ?? "known after apply")})`, false);
  return out;
}

function rootAccessChanges(change: ResourceChange): FoundationChange[] {
  const { actions, before, after } = change.change;
  const was = new Set(actions.includes("create") && !actions.includes("delete") ? [] : features(before));
  const now = new Set(actions.includes("delete") && !actions.includes("create") ? [] : features(after));
  const out: FoundationChange[] = [];
  for (const feature of Object.keys(ROOT_FEATURES)) {
    const [on, off] = ROOT_FEATURES[feature]!;
    if (!was.has(feature) && now.has(feature)) out.push({ address: change.address, sentence: on, weakens: false });
    if (was.has(feature) && !now.has(feature)) out.push({ address: change.address, sentence: off, weakens: true });
  }
  return out;
}

function bucketChanges(change: ResourceChange): FoundationChange[] {
  const { actions, before, after } = change.change;
  if (!actions.includes("update") || !before || !after) return [];
  const opened = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].filter((f) => before[f] === true && after[f] === false);
  return opened.length > 0 ? [{ address: change.address, sentence: `the trail's log bucket stops blocking public access (${opened.join(", ")})`, weakens: true }] : [];
}

/** Every foundations change in the plan, in plan order. */
export function foundationChanges(plan: PlanJson | undefined): FoundationChange[] {
  return (plan?.resource_changes ?? []).flatMap((change) => {
    if (change.type === RESOURCE_TYPES.trail) return trailChanges(change);
    if (change.type === RESOURCE_TYPES.organizationsFeatures) return rootAccessChanges(change);
    if (change.type === RESOURCE_TYPES.bucketPublicAccessBlock && change.name === "cloudtrail_logs") return bucketChanges(change);
    return [];
  });
}
