// Reads the organization back from the AWS API (moto here, AWS anywhere) as a tree.
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { TreeNode } from "../cli/organization-tree.js";

async function childrenOf(client: OrganizationsClient, parentId: string): Promise<TreeNode[]> {
  const ous = (await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }))).OrganizationalUnits ?? [];
  const accounts = (await client.send(new ListAccountsForParentCommand({ ParentId: parentId }))).Accounts ?? [];
  const ouNodes = await Promise.all(
    ous.map(async (ou) => ({ label: `${ou.Name}/ (${ou.Id})`, children: await childrenOf(client, ou.Id!) })),
  );
  const accountNodes = accounts.map((a) => ({ label: `${a.Name} <${a.Email}> (${a.Id})`, children: [] }));
  return [...ouNodes, ...accountNodes];
}

export async function liveOrganizationTree(client: OrganizationsClient): Promise<TreeNode> {
  const organization = (await client.send(new DescribeOrganizationCommand({}))).Organization!;
  const root = (await client.send(new ListRootsCommand({}))).Roots![0]!;
  return { label: `${organization.Id} root ${root.Id} (${organization.FeatureSet})`, children: await childrenOf(client, root.Id!) };
}
