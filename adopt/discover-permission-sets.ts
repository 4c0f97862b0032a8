// Reads the permission sets of the organization's IAM Identity Center instance through the AWS SDK
// for JavaScript v3 (paginated; throttling left to the SDK's adaptive retry). No instance (Identity
// Center not enabled) means no permission sets, not an error.
import { DescribePermissionSetCommand, ListInstancesCommand, paginateListPermissionSets, SSOAdminClient, type SSOAdminClientConfig } from "@aws-sdk/client-sso-admin";
import { AWS_RETRY } from "../limits/aws-retry.js";

export interface LivePermissionSet {
  arn: string;
  name: string;
}

/** A client that retries throttled calls adaptively; pass the region Identity Center is enabled in. */
export const ssoAdminClient = (config: SSOAdminClientConfig = {}): SSOAdminClient => new SSOAdminClient({ region: "us-east-1", ...AWS_RETRY, ...config });

export async function discoverPermissionSets(client: SSOAdminClient): Promise<LivePermissionSet[]> {
  const instances = (await client.send(new ListInstancesCommand({}))).Instances ?? [];
  const sets: LivePermissionSet[] = [];
  for (const instance of instances) {
    for await (const page of paginateListPermissionSets({ client }, { InstanceArn: instance.InstanceArn! })) {
      for (const arn of page.PermissionSets ?? []) {
        const described = (await client.send(new DescribePermissionSetCommand({ InstanceArn: instance.InstanceArn!, PermissionSetArn: arn }))).PermissionSet;
        sets.push({ arn, name: described?.Name ?? arn });
      }
    }
  }
  return sets;
}
