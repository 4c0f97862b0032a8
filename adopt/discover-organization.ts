// Reads a live organization through the AWS SDK for JavaScript v3: the organization, its root and
// enabled policy types, trusted service principals, every OU (walked level by level) and account
// with their tags. Every list call is paginated; throttling is left to the SDK's adaptive retry
// (Organizations allows about one request per second for several of these calls).
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
  type OrganizationsClientConfig,
} from "@aws-sdk/client-organizations";

export interface LiveOrganizationalUnit {
  id: string;
  name: string;
  /** The root's id or another OU's. */
  parentId: string;
  tags: Record<string, string>;
}

export interface LiveAccount {
  id: string;
  name: string;
  email: string;
  /** The account's State (or the older Status): ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ... */
  status: string;
  parentId: string;
  tags: Record<string, string>;
}

export interface LiveOrganization {
  id: string;
  featureSet: string;
  managementAccountId: string;
  rootId: string;
  enabledPolicyTypes: string[];
  servicePrincipals: string[];
  /** Parents before children. */
  organizationalUnits: LiveOrganizationalUnit[];
  accounts: LiveAccount[];
  /** API requests made, retries included. */
  requests: number;
}

/** A client that retries throttled calls adaptively and counts its requests. */
export function organizationsClient(config: OrganizationsClientConfig = {}): { client: OrganizationsClient; requests: () => number } {
  const client = new OrganizationsClient({ region: "us-east-1", retryMode: "adaptive", maxAttempts: 10, ...config });
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests++;
      return next(args);
    },
    { step: "finalizeRequest", name: "countRequests" },
  );
  return { client, requests: () => requests };
}

async function tagsOf(client: OrganizationsClient, resourceId: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: resourceId })) {
    for (const tag of page.Tags ?? []) tags[tag.Key!] = tag.Value ?? "";
  }
  return tags;
}

export interface DiscoverOptions {
  /** Called now and then with what has been read so far. */
  onProgress?: (read: { organizationalUnits: number; accounts: number }) => void;
  /** Read each OU's and account's tags (one more request each); default true. */
  tags?: boolean;
}

export async function discoverOrganization(counted: ReturnType<typeof organizationsClient>, options: DiscoverOptions = {}): Promise<LiveOrganization> {
  const { client } = counted;
  const organization = (await client.send(new DescribeOrganizationCommand({}))).Organization!;
  const root = (await client.send(new ListRootsCommand({}))).Roots![0]!;
  const servicePrincipals: string[] = [];
  for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
    for (const service of page.EnabledServicePrincipals ?? []) servicePrincipals.push(service.ServicePrincipal!);
  }

  const organizationalUnits: LiveOrganizationalUnit[] = [];
  const accounts: LiveAccount[] = [];
  const tagsOrNone = (id: string) => (options.tags === false ? Promise.resolve({}) : tagsOf(client, id));
  const report = () => options.onProgress?.({ organizationalUnits: organizationalUnits.length, accounts: accounts.length });
  // Level by level: parents are listed before their children.
  let parents = [root.Id!];
  while (parents.length > 0) {
    const next: string[] = [];
    for (const parentId of parents) {
      for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
        for (const account of page.Accounts ?? []) {
          accounts.push({ id: account.Id!, name: account.Name!, email: account.Email!, status: (account as { State?: string }).State ?? account.Status ?? "ACTIVE", parentId, tags: await tagsOrNone(account.Id!) });
          if (accounts.length % 50 === 0) report();
        }
      }
      for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
        for (const ou of page.OrganizationalUnits ?? []) {
          organizationalUnits.push({ id: ou.Id!, name: ou.Name!, parentId, tags: await tagsOrNone(ou.Id!) });
          next.push(ou.Id!);
        }
      }
    }
    report();
    parents = next;
  }
  return {
    id: organization.Id!,
    featureSet: organization.FeatureSet ?? "ALL",
    managementAccountId: organization.MasterAccountId!,
    rootId: root.Id!,
    enabledPolicyTypes: (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type!),
    servicePrincipals: servicePrincipals.sort(),
    organizationalUnits,
    accounts,
    requests: counted.requests(),
  };
}
