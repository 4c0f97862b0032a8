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

/**
 * Every account assignment of the instance, read where one can exist: for each permission set the
 * accounts it is provisioned to (100 a page), then ListAccountAssignments for each such account.
 * For 1,000 accounts and 10 permission sets provisioned everywhere: 10 x 10 pages + 10,000 calls.
 */
export async function listAccountAssignments(client: SSOAdminClient, instanceArn: string, permissionSetArns: string[]): Promise<LiveAssignment[]> {
  const assignments: LiveAssignment[] = [];
  for (const arn of permissionSetArns) {
    for await (const accounts of paginateListAccountsForProvisionedPermissionSet({ client, pageSize: 100 }, { InstanceArn: instanceArn, PermissionSetArn: arn })) {
      for (const accountId of accounts.AccountIds ?? []) {
        for await (const found of paginateListAccountAssignments({ client, pageSize: 100 }, { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: arn })) {
          for (const a of found.AccountAssignments ?? []) {
            if (a.PrincipalType === "GROUP" || a.PrincipalType === "USER") assignments.push({ permissionSetArn: arn, accountId, principalType: a.PrincipalType, principalId: a.PrincipalId! });
          }
        }
      }
    }
  }
  return assignments;
}

/** The instance's permission set ARNs. */
export async function listPermissionSetArns(client: SSOAdminClient, instanceArn: string): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListPermissionSets({ client }, { InstanceArn: instanceArn })) arns.push(...(page.PermissionSets ?? []));
  return arns;
}

/** A group's display name or a user's user name; undefined when the directory no longer has it. */
export async function principalName(identityStore: IdentitystoreClient, identityStoreId: string, type: "GROUP" | "USER", id: string): Promise<LiveGroup | LiveUser | undefined> {
  try {
    if (type === "GROUP") {
      const group = await identityStore.send(new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: id }));
      return { id, displayName: group.DisplayName ?? id, ...(group.Description ? { description: group.Description } : {}), external: (group.ExternalIds ?? []).length > 0 };
    }
    const user = await identityStore.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: id }));
    return { id, userName: user.UserName ?? id };
  } catch (error) {
    // An assignment of a principal deleted from the directory: said by the caller, never guessed.
    if (notFound(error)) return undefined;
    throw error;
  }
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
    const arns = await listPermissionSetArns(client, instanceArn);
    const permissionSets: LivePermissionSetDetails[] = [];
    for (const arn of arns) permissionSets.push(await readPermissionSet(client, instanceArn, arn));
    const assignments = await listAccountAssignments(client, instanceArn, arns);
    const groups = new Map<string, LiveGroup>();
    const users = new Map<string, LiveUser>();
    const IdentityStoreId = instance.IdentityStoreId!;
    for (const { principalType, principalId } of assignments) {
      if (groups.has(principalId) || users.has(principalId)) continue;
      const found = await principalName(identityStore, IdentityStoreId, principalType, principalId);
      if (found && "displayName" in found) groups.set(principalId, found);
      else if (found) users.set(principalId, found);
    }
    return { instanceArn, identityStoreId: IdentityStoreId, permissionSets, assignments, groups, users, requests: counter.requests };
  } finally {
    client.destroy();
    identityStore.destroy();
  }
}
