// for_each keys that the config layer builds and the plan layer reads back, with no imports: the
// config loads this without the provider bindings (terraform/names.ts re-exports it).

/** The account part of an assignment key for the management account, which is no account of the config. */
export const MANAGEMENT_ACCOUNT_KEY = "management-account";

/** "ReadOnlyAccess" or "job-function/ViewOnlyAccess": an AWS managed policy's ARN after "policy/", in managed_policies keys. */
export const managedPolicyKey = (arn: string): string => arn.slice(arn.indexOf(":policy/") + ":policy/".length);

export const assignmentKey = (principal: string, permissionSet: string, account: string): string => `${principal}/${permissionSet}/${account}`;

/** "<principal>/<permission set>/<account>": permission set names hold no "/", nor do principals' (validation). */
export function parseAssignmentKey(key: string): { principal: string; permissionSet: string; account: string } | undefined {
  const first = key.indexOf("/");
  const second = key.indexOf("/", first + 1);
  if (first < 1 || second < first + 2 || second === key.length - 1) return undefined;
  return { principal: key.slice(0, first), permissionSet: key.slice(first + 1, second), account: key.slice(second + 1) };
}
