// Account assignments that exist in IAM Identity Center but that no stack manages (made in the
// console, or by another tool): who has which permission set on which account, in words. It reads
// every assignment (adopt/discover-identity-center.ts: only where a permission set is provisioned),
// so the scheduled drift check runs it and pull requests do not (`aws-org plan --assignments`).
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { DescribePermissionSetCommand, ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { permissionSetOwner } from "../config-language/service-owned.js";
import { AWS_RETRY } from "../limits/aws-retry.js";
import type { PlanJson } from "../plan/plan-json.js";
import { assignmentIdentity, managedAssignments, type UnmanagedObject } from "../plan/unmanaged.js";
import { countRequests } from "./count-requests.js";
import { listAccountAssignments, listPermissionSetArns, principalName } from "./discover-identity-center.js";
import type { LiveOrganization } from "./discover-organization.js";
import type { LivePermissionSet } from "./discover-permission-sets.js";

export interface UnmanagedAssignmentsOptions {
  /** The instance's permission sets, when the caller read them already (discoverPermissionSets): not listed or described again. */
  permissionSets?: LivePermissionSet[];
  /** More SDK client settings (an endpoint, credentials), for a caller that is not configured by the environment. */
  clientConfig?: object;
}

export async function unmanagedAssignments(plan: PlanJson, live: LiveOrganization, region: string, options: UnmanagedAssignmentsOptions = {}): Promise<{ objects: UnmanagedObject[]; requests: number }> {
  const clientConfig = options.clientConfig ?? {};
  const counter = { requests: 0 };
  const client = countRequests(new SSOAdminClient({ region, ...AWS_RETRY, ...clientConfig }), counter);
  const identityStore = countRequests(new IdentitystoreClient({ region, ...AWS_RETRY, ...clientConfig }), counter);
  try {
    const instance = (await client.send(new ListInstancesCommand({}))).Instances?.[0];
    if (!instance) return { objects: [], requests: counter.requests };
    const instanceArn = instance.InstanceArn!;
    const managed = managedAssignments(plan);
    const arns = options.permissionSets?.map((set) => set.arn) ?? (await listPermissionSetArns(client, instanceArn));
    const found = await listAccountAssignments(client, instanceArn, arns);
    const accountNames = new Map(live.accounts.map((a) => [a.id, a.name]));
    const setNames = new Map((options.permissionSets ?? []).map((set) => [set.arn, set.name]));
    const principals = new Map<string, string>();
    const objects: UnmanagedObject[] = [];
    for (const a of found) {
      const id = assignmentIdentity(a);
      if (managed.has(id)) continue;
      // Names only for what is listed: a few requests, not one per assignment.
      if (!setNames.has(a.permissionSetArn)) setNames.set(a.permissionSetArn, (await client.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: a.permissionSetArn }))).PermissionSet?.Name ?? a.permissionSetArn);
      if (!principals.has(a.principalId)) {
        const principal = await principalName(identityStore, instance.IdentityStoreId!, a.principalType, a.principalId);
        principals.set(a.principalId, principal === undefined ? `${a.principalId} (no longer in the directory)` : "displayName" in principal ? principal.displayName : principal.userName);
      }
      const account = accountNames.get(a.accountId) ?? a.accountId;
      const owner = permissionSetOwner(setNames.get(a.permissionSetArn)!, live.servicePrincipals);
      objects.push({
        kind: "account assignment",
        id,
        name: principals.get(a.principalId)!,
        where: account,
        ...(owner ? { owner } : {}),
        assignment: { principalType: a.principalType, principal: principals.get(a.principalId)!, permissionSet: setNames.get(a.permissionSetArn)!, account, accountId: a.accountId },
      });
    }
    return { objects, requests: counter.requests };
  } finally {
    client.destroy();
    identityStore.destroy();
  }
}
