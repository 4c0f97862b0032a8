// Warnings, not errors: what the config or a plan asks of AWS beyond its documented limits, said
// before the apply meets them. Nothing here blocks: a quota may have been raised, a figure may have
// changed, and the reviewer decides. Printed by `npm start` and `aws-org plan`, shown in the comment.
import type { OrganizationModel } from "../config-language/model.js";
import { POLICY_TYPE_LIMITS, POLICY_TYPES } from "../config-language/policy-rules.js";
import { ACCOUNT_CREATE_TIMEOUT, estimatedApplyMinutes, GITHUB_HOSTED_JOB_LIMIT_MINUTES } from "./apply-time.js";
import { ACCOUNT_QUOTA_INCREASE, MAX_CREATE_ACCOUNT_IN_PROGRESS, MAX_DELEGATED_ADMINISTRATORS, MAX_ORGANIZATIONAL_UNITS } from "./organizations-quotas.js";

export interface LimitWarning {
  /** What it is about, as the config names it: "accounts", "organizationalUnits", "policies (SCP)", ... */
  subject: string;
  message: string;
}

/** The organization's account quota, and where the figure comes from. */
export interface AccountQuota {
  value: number;
  /** "service-quotas": read from the organization; "aws-default": AWS's default, when it could not be read. */
  source: "service-quotas" | "aws-default";
  /** Why it could not be read, when it could not. */
  unreadable?: string;
}

const count = (n: number): string => n.toLocaleString("en");

/** Organization-wide counts the config alone decides: OUs, policies of each type, delegated administrators per service. */
export function configLimitWarnings(model: OrganizationModel): LimitWarning[] {
  const warnings: LimitWarning[] = [];
  const units = model.organizationalUnits.length;
  if (units > MAX_ORGANIZATIONAL_UNITS) {
    warnings.push({ subject: "organizationalUnits", message: `${count(units)} OUs: AWS allows ${count(MAX_ORGANIZATIONAL_UNITS)} in an organization (not adjustable), so creating the rest fails` });
  }
  for (const type of POLICY_TYPES) {
    const policies = model.policies.filter((policy) => policy.type === type).length;
    const { maxPerOrganization, label } = POLICY_TYPE_LIMITS[type];
    if (policies > maxPerOrganization) {
      warnings.push({ subject: `policies (${label})`, message: `${count(policies)} policies of type ${label}: AWS allows ${count(maxPerOrganization)} of each policy type in an organization, so creating the rest fails` });
    }
  }
  const perService = new Map<string, string[]>();
  for (const { servicePrincipal, account } of model.delegatedAdministrators) perService.set(servicePrincipal, [...(perService.get(servicePrincipal) ?? []), account]);
  for (const [service, accounts] of perService) {
    const max = MAX_DELEGATED_ADMINISTRATORS[service];
    if (max !== undefined && accounts.length > max) {
      warnings.push({
        subject: "delegatedAdministrators",
        message: `${service} has ${accounts.length} delegated administrators (${accounts.join(", ")}): the service documents ${max === 1 ? "one per organization" : `at most ${max}`}, so registering the others fails`,
      });
    }
  }
  return warnings;
}

export interface AccountCounts {
  /** Accounts the organization will hold after the apply: the management account and closed ones not yet removed included. */
  after: number;
  /** Accounts the apply creates. */
  created: number;
  /** Accounts in the organization now, when it was read. */
  now?: number;
}

/** Over the quota, CreateAccount's status turns FAILED (ACCOUNT_LIMIT_EXCEEDED) for every account past it. */
export function accountQuotaWarning(accounts: AccountCounts, quota: AccountQuota): LimitWarning | undefined {
  // Nothing this plan does fails when it creates no account, even in an organization over its quota.
  if (accounts.after <= quota.value || accounts.created === 0) return undefined;
  const whose =
    quota.source === "service-quotas"
      ? `the organization's quota is ${count(quota.value)} (Service Quotas)`
      : `AWS's default quota is ${count(quota.value)} (${quota.unreadable ?? "the organization's own was not read"}; it may be higher, or lower for a new organization)`;
  const now = accounts.now === undefined ? "" : `; it holds ${count(accounts.now)} now, closed accounts not yet removed included`;
  const failing = Math.min(accounts.created, accounts.after - quota.value);
  const fail =
    failing === accounts.created
      ? accounts.created === 1
        ? "the account creation in this plan fails"
        : `all ${count(accounts.created)} account creations in this plan fail`
      : `${count(failing)} of the ${count(accounts.created)} account creations in this plan fail${failing === 1 ? "s" : ""}`;
  return {
    subject: "accounts",
    message: `the organization would hold ${count(accounts.after)} accounts, the management account included${now}, and ${whose}: ${fail} with ACCOUNT_LIMIT_EXCEEDED. Before merging, ${ACCOUNT_QUOTA_INCREASE}`,
  };
}

/** Creations run MAX_CREATE_ACCOUNT_IN_PROGRESS at a time; a job cut off mid-way leaves accounts that the next plan adopts, but the merge does not converge in one run. */
export function applyTimeWarning(accountsCreated: number, timeoutMinutes: number): LimitWarning | undefined {
  const minutes = estimatedApplyMinutes(accountsCreated);
  if (accountsCreated === 0 || minutes <= timeoutMinutes) return undefined;
  const raise =
    minutes <= GITHUB_HOSTED_JOB_LIMIT_MINUTES
      ? `set the repository variable APPLY_TIMEOUT_MINUTES to ${minutes} or more`
      : `GitHub-hosted runners stop a job after ${GITHUB_HOSTED_JOB_LIMIT_MINUTES} minutes: split the new accounts over several pull requests, or run the apply on a self-hosted runner with APPLY_TIMEOUT_MINUTES=${minutes}`;
  return {
    subject: "accounts",
    message: `this plan creates ${count(accountsCreated)} accounts, ${MAX_CREATE_ACCOUNT_IN_PROGRESS} at a time as AWS allows: about ${minutes} minutes, past the apply job's ${timeoutMinutes}-minute limit (each creation may take up to ${ACCOUNT_CREATE_TIMEOUT}). ${raise[0]!.toUpperCase()}${raise.slice(1)}`,
  };
}

export const formatWarning = (warning: LimitWarning): string => `warning: ${warning.subject}: ${warning.message}`;
