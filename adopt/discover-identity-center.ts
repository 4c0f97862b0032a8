// Reads the IAM Identity Center access a live organization has, through the AWS SDK for JavaScript
// v3 (paginated, adaptive retry): the instance (ListInstances), every permission set with all it
// grants, the account assignments, and the groups and users those assignments name. Assignments are
// read where they can exist: for each permission set, only the accounts it is provisioned to
// (ListAccountsForProvisionedPermissionSet), then ListAccountAssignments for each such pair.
import { DescribeGroupCommand, DescribeUserCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListInstancesCommand,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  paginateListTagsForResource,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { AWS_RETRY } from "../limits/aws-retry.js";
import { countRequests } from "./count-requests.js";

export interface LivePermissionSetDetails {
  arn: string;
  name: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  managedPolicyArns: string[];
  customerManagedPolicies: { name: string; path: string }[];
  /** The inline policy as AWS returns it (a JSON string), when there is one. */
  inlinePolicy?: string;
  permissionsBoundary?: { managedPolicyArn: string } | { customerManagedPolicy: { name: string; path: string } };
  tags: Record<string, string>;
}

export interface LiveAssignment {
  permissionSetArn: string;
  accountId: string;
  principalType: "GROUP" | "USER";
  principalId: string;
}

export interface LiveGroup {
  id: string;
  displayName: string;
  description?: string;
  /** Synced from an external identity provider (it has external ids): looked up, never managed here. */
  external: boolean;
}

export interface LiveUser {
  id: string;
  userName: string;
}

export interface LiveIdentityCenter {
  instanceArn: string;
  identityStoreId: string;
  permissionSets: LivePermissionSetDetails[];
  assignments: LiveAssignment[];
  /** The principals assignments name, by id; an id that no longer resolves is absent. */
  groups: Map<string, LiveGroup>;
  users: Map<string, LiveUser>;
  requests: number;
}

const notFound = (error: unknown): boolean => (error as { name?: string }).name === "ResourceNotFoundException";

async function readPermissionSet(client: SSOAdminClient, instanceArn: string, arn: string): Promise<LivePermissionSetDetails> {
  const ids = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const described = (await client.send(new DescribePermissionSetCommand(ids))).PermissionSet!;
  const managedPolicyArns: string[] = [];
  for await (const page of paginateListManagedPoliciesInPermissionSet({ client }, ids)) managedPolicyArns.push(...(page.AttachedManagedPolicies ?? []).map((p) => p.Arn!));
  const customerManagedPolicies: { name: string; path: string }[] = [];
  for await (const page of paginateListCustomerManagedPolicyReferencesInPermissionSet({ client }, ids)) {
    customerManagedPolicies.push(...(page.CustomerManagedPolicyReferences ?? []).map((p) => ({ name: p.Name!, path: p.Path ?? "/" })));
  }
  const inline = (await client.send(new GetInlinePolicyForPermissionSetCommand(ids))).InlinePolicy;
  let permissionsBoundary: LivePermissionSetDetails["permissionsBoundary"];
  try {
    const boundary = (await client.send(new GetPermissionsBoundaryForPermissionSetCommand(ids))).PermissionsBoundary;
    if (boundary?.ManagedPolicyArn) permissionsBoundary = { managedPolicyArn: boundary.ManagedPolicyArn };
    else if (boundary?.CustomerManagedPolicyReference?.Name) permissionsBoundary = { customerManagedPolicy: { name: boundary.CustomerManagedPolicyReference.Name, path: boundary.CustomerManagedPolicyReference.Path ?? "/" } };
  } catch (error) {
    // No boundary is an error here, not an empty answer (the API reference's ResourceNotFoundException).
    if (!notFound(error)) throw error;
  }
  const tags: Record<string, string> = {};
  for await (const page of paginateListTagsForResource({ client }, { InstanceArn: instanceArn, ResourceArn: arn })) for (const tag of page.Tags ?? []) tags[tag.Key!] = tag.Value ?? "";
  return {
    arn,
    name: described.Name!,
    ...(described.Description ? { description: described.Description } : {}),
    ...(described.SessionDuration ? { sessionDuration: described.SessionDuration } : {}),
    ...(described.RelayState ? { relayState: described.RelayState } : {}),
    managedPolicyArns,
    customerManagedPolicies,
    ...(inline ? { inlinePolicy: inline } : {}),
    ...(permissionsBoundary ? { permissionsBoundary } : {}),
    tags,
  };
}

/** The organization's Identity Center access, or undefined when Identity Center has no instance. */
export async function discoverIdentityCenter(region: string): Promise<LiveIdentityCenter | undefined> {
  const counter = { requests: 0 };
  const client = countRequests(new SSOAdminClient({ region, ...AWS_RETRY }), counter);
  const identityStore = countRequests(new IdentitystoreClient({ region, ...AWS_RETRY }), counter);
  try {
    const instance = (await client.send(new ListInstancesCommand({}))).Instances?.[0];
    if (!instance) return undefined;
    const instanceArn = instance.InstanceArn!;
    const permissionSets: LivePermissionSetDetails[] = [];
    const assignments: LiveAssignment[] = [];
    for await (const page of paginateListPermissionSets({ client }, { InstanceArn: instanceArn })) {
      for (const arn of page.PermissionSets ?? []) {
        permissionSets.push(await readPermissionSet(client, instanceArn, arn));
        for await (const accounts of paginateListAccountsForProvisionedPermissionSet({ client }, { InstanceArn: instanceArn, PermissionSetArn: arn })) {
          for (const accountId of accounts.AccountIds ?? []) {
            for await (const found of paginateListAccountAssignments({ client }, { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: arn })) {
              for (const a of found.AccountAssignments ?? []) {
                if (a.PrincipalType === "GROUP" || a.PrincipalType === "USER") assignments.push({ permissionSetArn: arn, accountId, principalType: a.PrincipalType, principalId: a.PrincipalId! });
              }
            }
          }
        }
      }
    }
    const groups = new Map<string, LiveGroup>();
    const users = new Map<string, LiveUser>();
    const IdentityStoreId = instance.IdentityStoreId!;
    for (const { principalType, principalId } of assignments) {
      if (groups.has(principalId) || users.has(principalId)) continue;
      try {
        if (principalType === "GROUP") {
          const group = await identityStore.send(new DescribeGroupCommand({ IdentityStoreId, GroupId: principalId }));
          groups.set(principalId, { id: principalId, displayName: group.DisplayName ?? principalId, ...(group.Description ? { description: group.Description } : {}), external: (group.ExternalIds ?? []).length > 0 });
        } else {
          const user = await identityStore.send(new DescribeUserCommand({ IdentityStoreId, UserId: principalId }));
          users.set(principalId, { id: principalId, userName: user.UserName ?? principalId });
        }
      } catch (error) {
        // An assignment of a principal deleted from the directory: said by the caller, never guessed.
        if (!notFound(error)) throw error;
      }
    }
    return { instanceArn, identityStoreId: IdentityStoreId, permissionSets, assignments, groups, users, requests: counter.requests };
  } finally {
    client.destroy();
    identityStore.destroy();
  }
}
