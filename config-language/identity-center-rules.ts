// What AWS documents for IAM Identity Center input, in one table. Sources: the IAM Identity Center
// API reference (CreatePermissionSet, PermissionsBoundary, CustomerManagedPolicyReference,
// PutInlinePolicyToPermissionSet, TagResource), the Identity Store API reference (CreateGroup,
// CreateUser) and the IAM Identity Center quotas page ("Quotas and limits in IAM Identity Center").

/** CreatePermissionSet Name: 1-32 of letters, digits and + = , . @ _ - */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
/** CreatePermissionSet Description: 1-700 of tab, newline, carriage return, U+0020-U+007E and U+00A1-U+00FF. */
export const MAX_PERMISSION_SET_DESCRIPTION = 700;
export const PERMISSION_SET_DESCRIPTION_TEXT = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$/;
/** CreatePermissionSet RelayState: 1-240 of this set of characters. */
export const MAX_RELAY_STATE = 240;
export const RELAY_STATE_TEXT = /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]+$/;
/** The sign-in session of a permission set: 1 to 12 hours (CreatePermissionSet SessionDuration, ISO 8601). */
export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;
export const DEFAULT_SESSION_DURATION = "PT1H";

/** Quotas page: AWS managed and customer managed policies per permission set (IAM's own default per role is 10). */
export const MAX_POLICIES_PER_PERMISSION_SET = 20;
/** Quotas page: 32,768 bytes per inline policy, of which at most 10,240 bytes that are not whitespace. */
export const MAX_INLINE_POLICY_BYTES = 32_768;
export const MAX_INLINE_POLICY_NON_WHITESPACE_BYTES = 10_240;
/** PutInlinePolicyToPermissionSet InlinePolicy: tab, newline, carriage return and U+0020-U+00FF only. */
export const INLINE_POLICY_TEXT = /^[\t\n\r\u0020-\u00ff]*$/;
/** Quotas page: permission sets in one instance (adjustable), and provisioned to one account. */
export const MAX_PERMISSION_SETS = 3500;
export const MAX_PERMISSION_SETS_PER_ACCOUNT = 500;

/** An AWS managed policy: arn:<partition>:iam::aws:policy/[path/]name (ManagedPolicyArn, 20-2048 characters). */
export const AWS_MANAGED_POLICY_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::aws:policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
/** An AWS managed policy by name, possibly under a path: "AdministratorAccess", "job-function/ViewOnlyAccess". */
export const AWS_MANAGED_POLICY_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
/** CustomerManagedPolicyReference: Name 1-128 of [\w+=,.@-]; Path 1-512, "/" or "/a/b/". */
export const CUSTOMER_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
export const CUSTOMER_POLICY_PATH = /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/;
export const MAX_CUSTOMER_POLICY_PATH = 512;

/** A permission set's ARN, as DescribePermissionSet gives it: adopting one imports it. */
export const PERMISSION_SET_ARN = /^arn:aws(?:-cn|-us-gov)?:sso:::permissionSet\/(?:sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
/** Identity Store GroupId: a UUID, optionally prefixed by 10 hex digits and "-". */
export const GROUP_ID = /^(?:[0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
/** CreateGroup DisplayName and Description, CreateUser DisplayName and names: 1-1024 characters. */
export const MAX_DISPLAY_NAME = 1024;
/** CreateUser UserName: 1-128 characters, no whitespace; "Administrator" and "AWSAdministrators" are reserved. */
export const MAX_USER_NAME = 128;
export const RESERVED_USER_NAMES = new Set(["administrator", "awsadministrators"]);

/** "/team/Name": a customer managed policy's path and name, as its attachment key shows it. */
export const customerPolicyKey = (policy: { name: string; path: string }): string => `${policy.path}${policy.name}`;

/** "PT12H", "PT90M", "PT1H30M" -> minutes; undefined for anything else. */
export function sessionMinutes(duration: string): number | undefined {
  const match = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/.exec(duration);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const hours = Number(match[1] ?? 0);
  const minutes = Number(match[2] ?? 0);
  // AWS gives back what it stores in this form: minutes under 60 when hours are given.
  if (match[1] !== undefined && minutes >= 60) return undefined;
  return hours * 60 + minutes;
}

export function sessionDurationProblem(duration: string): string | undefined {
  const minutes = sessionMinutes(duration);
  if (minutes === undefined) return `"${duration}" is not an ISO 8601 duration of hours and minutes, e.g. "PT12H", "PT1H30M"`;
  if (minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES) return `"${duration}" is ${minutes} minutes: AWS allows 1 to 12 hours (PT1H to PT12H)`;
  return undefined;
}

/** "AdministratorAccess" -> arn:aws:iam::aws:policy/AdministratorAccess; an ARN stays as it is. */
export const managedPolicyArn = (nameOrArn: string): string => (nameOrArn.startsWith("arn:") ? nameOrArn : `arn:aws:iam::aws:policy/${nameOrArn}`);

export function managedPolicyProblem(nameOrArn: string): string | undefined {
  if (nameOrArn.startsWith("arn:")) {
    return AWS_MANAGED_POLICY_ARN.test(nameOrArn) && nameOrArn.length <= 2048
      ? undefined
      : `"${nameOrArn}" is not an AWS managed policy ARN (arn:aws:iam::aws:policy/<name>); customer managed policies go in customerManagedPolicies by name and path`;
  }
  return AWS_MANAGED_POLICY_NAME.test(nameOrArn) ? undefined : `"${nameOrArn}" is not an AWS managed policy name (letters, digits and +=,.@_-, e.g. "ReadOnlyAccess" or "job-function/ViewOnlyAccess")`;
}

/** UTF-8 bytes of text: the unit of the inline-policy quota. */
const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** Problems with an inline policy as sent (tofu's jsonencode: minified), beyond its grammar. */
export function inlinePolicySizeProblems(sent: string): string[] {
  const problems: string[] = [];
  if (!INLINE_POLICY_TEXT.test(sent)) {
    const bad = [...sent].find((c) => !INLINE_POLICY_TEXT.test(c))!;
    problems.push(`holds ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}): AWS takes only tab, newline, carriage return and U+0020-U+00FF in an inline policy`);
  }
  const bytes = utf8Bytes(sent);
  if (bytes > MAX_INLINE_POLICY_BYTES) problems.push(`is ${bytes.toLocaleString("en")} bytes as sent (minified JSON); AWS allows ${MAX_INLINE_POLICY_BYTES.toLocaleString("en")}`);
  const solid = utf8Bytes(sent.replace(/\s/g, ""));
  if (solid > MAX_INLINE_POLICY_NON_WHITESPACE_BYTES) {
    problems.push(`has ${solid.toLocaleString("en")} bytes that are not whitespace; AWS allows ${MAX_INLINE_POLICY_NON_WHITESPACE_BYTES.toLocaleString("en")} in an inline policy`);
  }
  return problems;
}
