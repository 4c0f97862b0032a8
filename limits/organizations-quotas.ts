// What AWS documents as an organization's limits, each figure once, with where it is written.
// Sources: the Organizations quotas page ("Quotas and service limits for AWS Organizations",
// docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html), the CreateAccount
// API reference, and each service's page on its delegated administrator.

export const QUOTAS_PAGE = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html";

/** "Default maximum number of accounts": 10, adjustable; the management account and closed accounts not yet removed count. */
export const DEFAULT_ACCOUNT_QUOTA = 10;
/** Service Quotas names Organizations "organizations" and serves its quotas from us-east-1 only. */
export const SERVICE_QUOTAS_SERVICE_CODE = "organizations";
export const SERVICE_QUOTAS_REGION = "us-east-1";
/** The quota's name in Service Quotas; matched by name, since the quotas page warns that quota codes change. */
export const ACCOUNT_QUOTA_NAME = /maximum number of accounts|accounts in an organization/i;
export const ACCOUNT_QUOTA_INCREASE =
  "request an increase from the management account: Service Quotas console, region us-east-1, AWS Organizations, \"Default maximum number of accounts\"";

/** CreateAccount: at most 5 requests in progress at once. */
export const MAX_CREATE_ACCOUNT_IN_PROGRESS = 5;

/** "Number of OUs in an organization": 2,000, not adjustable. */
export const MAX_ORGANIZATIONAL_UNITS = 2_000;

/** Policies per type in an organization: POLICY_TYPE_LIMITS (config-language/policy-rules.ts). */

/**
 * Services that document one delegated administrator per organization (each service's
 * "designate a delegated administrator" page); a second registration is refused by the service.
 * CloudTrail documents up to 3. Services absent here document none, or more than one.
 */
export const MAX_DELEGATED_ADMINISTRATORS: Record<string, number> = {
  "guardduty.amazonaws.com": 1,
  "securityhub.amazonaws.com": 1,
  "macie.amazonaws.com": 1,
  "inspector2.amazonaws.com": 1,
  "detective.amazonaws.com": 1,
  "sso.amazonaws.com": 1,
  "ipam.amazonaws.com": 1,
  "cloudtrail.amazonaws.com": 3,
};
