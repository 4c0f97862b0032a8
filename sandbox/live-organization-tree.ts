// Reads the organization back from the AWS API (moto here, AWS anywhere) as a tree, each root, OU
// and account marked with the policies attached to it (AWS's own FullAWSAccess and the like left out).
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPoliciesForTarget,
  type OrganizationsClient,
  type PolicyType,
} from "@aws-sdk/client-organizations";
import type { TreeNode } from "../cli/organization-tree.js";
import { POLICY_TYPE_LIMITS } from "../config-language/policy-rules.js";

/** " · SCP: DenyLeave · tag policy: CostCenter" for what is attached to one target. */
async function policiesLabel(client: OrganizationsClient, targetId: string, types: PolicyType[]): Promise<string> {
  const parts: string[] = [];
  for (const type of types) {
    const policies = [];
    for await (const page of paginateListPoliciesForTarget({ client }, { TargetId: targetId, Filter: type })) policies.push(...(page.Policies ?? []));
    const own = policies.filter((p) => !p.AwsManaged).map((p) => p.Name);
    const label = POLICY_TYPE_LIMITS[type as keyof typeof POLICY_TYPE_LIMITS]?.label ?? type;
    if (own.length > 0) parts.push(` · ${label}: ${own.join(", ")}`);
  }
  return parts.join("");
}

async function childrenOf(client: OrganizationsClient, parentId: string, types: PolicyType[]): Promise<TreeNode[]> {
  // Every page: Organizations answers at most 20 a page.
  const ous = [];
  for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) ous.push(...(page.OrganizationalUnits ?? []));
  const accounts = [];
  for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) accounts.push(...(page.Accounts ?? []));
  const ouNodes = await Promise.all(
    ous.map(async (ou) => ({ label: `${ou.Name}/ (${ou.Id})${await policiesLabel(client, ou.Id!, types)}`, children: await childrenOf(client, ou.Id!, types) })),
  );
  const accountNodes = await Promise.all(accounts.map(async (a) => ({ label: `${a.Name} <${a.Email}> (${a.Id})${await policiesLabel(client, a.Id!, types)}`, children: [] })));
  return [...ouNodes, ...accountNodes];
}

export async function liveOrganizationTree(client: OrganizationsClient): Promise<TreeNode> {
  const organization = (await client.send(new DescribeOrganizationCommand({}))).Organization!;
  const root = (await client.send(new ListRootsCommand({}))).Roots![0]!;
  const types = (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type!);
  return {
    label: `${organization.Id} root ${root.Id} (${organization.FeatureSet})${await policiesLabel(client, root.Id!, types)}`,
    children: await childrenOf(client, root.Id!, types),
  };
}
