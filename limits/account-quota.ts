// The organization's account quota, read from Service Quotas where the credentials allow
// (servicequotas:ListServiceQuotas, us-east-1), else AWS's default of 10 with the reason.
// The quota is found by name: the quotas page warns that quota codes change.
import { ListAWSDefaultServiceQuotasCommand, ListServiceQuotasCommand, ServiceQuotasClient, type ServiceQuota } from "@aws-sdk/client-service-quotas";
import type { AccountQuota } from "./limit-warnings.js";
import { AWS_RETRY } from "./aws-retry.js";
import { ACCOUNT_QUOTA_NAME, DEFAULT_ACCOUNT_QUOTA, SERVICE_QUOTAS_REGION, SERVICE_QUOTAS_SERVICE_CODE } from "./organizations-quotas.js";

const accountQuotaIn = (quotas: ServiceQuota[] | undefined): number | undefined => {
  const value = quotas?.find((quota) => ACCOUNT_QUOTA_NAME.test(quota.QuotaName ?? ""))?.Value;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
};

/** Applied value first (a raised quota); the default value when the quota was never changed (ListServiceQuotas then leaves it out). */
export async function readAccountQuota(client = new ServiceQuotasClient({ region: SERVICE_QUOTAS_REGION, ...AWS_RETRY })): Promise<AccountQuota> {
  try {
    const applied = await client.send(new ListServiceQuotasCommand({ ServiceCode: SERVICE_QUOTAS_SERVICE_CODE, MaxResults: 100 }));
    const value = accountQuotaIn(applied.Quotas);
    if (value !== undefined) return { value, source: "service-quotas" };
    const defaults = await client.send(new ListAWSDefaultServiceQuotasCommand({ ServiceCode: SERVICE_QUOTAS_SERVICE_CODE, MaxResults: 100 }));
    const fallback = accountQuotaIn(defaults.Quotas);
    if (fallback !== undefined) return { value: fallback, source: "service-quotas" };
    return { value: DEFAULT_ACCOUNT_QUOTA, source: "aws-default", unreadable: "Service Quotas lists no account quota for AWS Organizations" };
  } catch (error) {
    const { name, message } = error as Error;
    return { value: DEFAULT_ACCOUNT_QUOTA, source: "aws-default", unreadable: `${name}: ${(message ?? "").split("\n")[0]}` };
  } finally {
    client.destroy();
  }
}
