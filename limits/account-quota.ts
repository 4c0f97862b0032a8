// The organization's account quota, read from Service Quotas where the credentials allow
// (servicequotas:ListServiceQuotas, us-east-1), else AWS's default of 10 with the reason.
// The quota is found by name: the quotas page warns that quota codes change.
import { paginateListAWSDefaultServiceQuotas, paginateListServiceQuotas, ServiceQuotasClient, type ServiceQuota } from "@aws-sdk/client-service-quotas";
import type { AccountQuota } from "./limit-warnings.js";
import { AWS_RETRY } from "./aws-retry.js";
import { ACCOUNT_QUOTA_NAME, DEFAULT_ACCOUNT_QUOTA, SERVICE_QUOTAS_REGION, SERVICE_QUOTAS_SERVICE_CODE } from "./organizations-quotas.js";

/** Every page: AWS may answer fewer quotas than MaxResults and a NextToken. */
async function allQuotas(pages: AsyncIterable<{ Quotas?: ServiceQuota[] }>): Promise<ServiceQuota[]> {
  const quotas: ServiceQuota[] = [];
  for await (const page of pages) quotas.push(...(page.Quotas ?? []));
  return quotas;
}

const accountQuotaIn = (quotas: ServiceQuota[] | undefined): number | undefined => {
  const value = quotas?.find((quota) => ACCOUNT_QUOTA_NAME.test(quota.QuotaName ?? ""))?.Value;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
};

/** Applied value first (a raised quota); the default value when the quota was never changed (ListServiceQuotas then leaves it out). */
export async function readAccountQuota(client = new ServiceQuotasClient({ region: SERVICE_QUOTAS_REGION, ...AWS_RETRY })): Promise<AccountQuota> {
  try {
    const value = accountQuotaIn(await allQuotas(paginateListServiceQuotas({ client, pageSize: 100 }, { ServiceCode: SERVICE_QUOTAS_SERVICE_CODE })));
    if (value !== undefined) return { value, source: "service-quotas" };
    const fallback = accountQuotaIn(await allQuotas(paginateListAWSDefaultServiceQuotas({ client, pageSize: 100 }, { ServiceCode: SERVICE_QUOTAS_SERVICE_CODE })));
    if (fallback !== undefined) return { value: fallback, source: "service-quotas" };
    return { value: DEFAULT_ACCOUNT_QUOTA, source: "aws-default", unreadable: "Service Quotas lists no account quota for AWS Organizations" };
  } catch (error) {
    const { name, message } = error as Error;
    return { value: DEFAULT_ACCOUNT_QUOTA, source: "aws-default", unreadable: `${name}: ${(message ?? "").split("\n")[0]}` };
  } finally {
    client.destroy();
  }
}
