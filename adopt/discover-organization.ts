// Reads a live organization through the AWS SDK for JavaScript v3: the organization, its root and
// enabled policy types, trusted service principals, every OU (walked level by level) and account
// with their tags. Every list call is paginated; throttling is left to the SDK's adaptive retry
// (Organizations allows about one request per second for several of these calls).
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  type PolicyType,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListOrganizationalUnitsForParent,
  paginateListTagsForResource,
  type OrganizationsClientConfig,
} from "@aws-sdk/client-organizations";
import { AWS_RETRY } from "../limits/aws-retry.js";

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

export interface LivePolicy {
  id: string;
  name: string;
  type: string;
  description: string;
  /** The document as AWS returns it (a JSON string). */
  content: string;
  /** Root, OU or account ids. */
  targetIds: string[];
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
  /** The organization's own policies (AWS-managed ones left out); read only when asked. */
  policies: LivePolicy[];
  /** Account id -> service principals it is delegated administrator for; read only when asked. */
  delegatedAdministrators: Record<string, string[]>;
  /** API requests made, retries included. */
  requests: number;
}

/** A client that retries throttled calls adaptively and counts its requests. */
export function organizationsClient(config: OrganizationsClientConfig = {}): { client: OrganizationsClient; requests: () => number } {
  const client = new OrganizationsClient({ region: "us-east-1", ...AWS_RETRY, ...config });
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
  /** Read policies (documents, targets, tags) and delegated administrators; default false. */
  guardrails?: boolean;
}

async function readGuardrails(client: OrganizationsClient, policyTypes: string[]): Promise<Pick<LiveOrganization, "policies" | "delegatedAdministrators">> {
  const policies: LivePolicy[] = [];
  for (const type of policyTypes) {
    for await (const page of paginateListPolicies({ client }, { Filter: type as PolicyType })) {
      for (const summary of page.Policies ?? []) {
        if (summary.AwsManaged) continue;
        const described = (await client.send(new DescribePolicyCommand({ PolicyId: summary.Id! }))).Policy!;
        const targetIds: string[] = [];
        for await (const targets of paginateListTargetsForPolicy({ client }, { PolicyId: summary.Id! })) targetIds.push(...(targets.Targets ?? []).map((t) => t.TargetId!));
        policies.push({ id: summary.Id!, name: summary.Name!, type, description: summary.Description ?? "", content: described.Content ?? "", targetIds, tags: await tagsOf(client, summary.Id!) });
      }
    }
  }
  const delegatedAdministrators: Record<string, string[]> = {};
  for await (const page of paginateListDelegatedAdministrators({ client }, {})) {
    for (const admin of page.DelegatedAdministrators ?? []) {
      const services: string[] = [];
      for await (const servicePage of paginateListDelegatedServicesForAccount({ client }, { AccountId: admin.Id! })) services.push(...(servicePage.DelegatedServices ?? []).map((s) => s.ServicePrincipal!));
      delegatedAdministrators[admin.Id!] = services.sort();
    }
  }
  return { policies, delegatedAdministrators };
}

/** The live organization without tags (what `aws-org plan` lists and counts), or why it could not be read. */
export async function readLiveOrganization(config: OrganizationsClientConfig = {}): Promise<LiveOrganization | Error> {
  const counted = organizationsClient(config);
  try {
    return await discoverOrganization(counted, { tags: false });
  } catch (error) {
    return error as Error;
  } finally {
    counted.client.destroy();
  }
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
  const enabledPolicyTypes = (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type!);
  const guardrails = options.guardrails ? await readGuardrails(client, enabledPolicyTypes) : { policies: [], delegatedAdministrators: {} };
  return {
    id: organization.Id!,
    featureSet: organization.FeatureSet ?? "ALL",
    managementAccountId: organization.MasterAccountId!,
    rootId: root.Id!,
    enabledPolicyTypes,
    servicePrincipals: servicePrincipals.sort(),
    organizationalUnits,
    accounts,
    ...guardrails,
    requests: counted.requests(),
  };
}
