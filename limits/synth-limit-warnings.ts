// What `aws-org synth` (npm start) can warn about without reading AWS: the config's
// organization-wide counts, and its accounts against AWS's default quota (aws-org plan reads the
// organization's own quota from Service Quotas and says it again with the real figure).
import { accountsToCreate, type OrganizationModel } from "../config-language/model.js";
import { accountQuotaWarning, configLimitWarnings, type LimitWarning } from "./limit-warnings.js";
import { DEFAULT_ACCOUNT_QUOTA } from "./organizations-quotas.js";

export function synthLimitWarnings(model: OrganizationModel): LimitWarning[] {
  const quota = accountQuotaWarning(
    // The config's accounts and the management account, which the config does not list.
    { after: model.accounts.length + 1, created: accountsToCreate(model).length },
    { value: DEFAULT_ACCOUNT_QUOTA, source: "aws-default", unreadable: "aws-org plan reads the organization's own from Service Quotas" },
  );
  return [...configLimitWarnings(model), ...(quota ? [quota] : [])];
}
