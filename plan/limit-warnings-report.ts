// The limit warnings of one organization-stack plan, as `aws-org plan` records them beside it
// (warnings.json) for the comment: the config's organization-wide counts, the account quota
// against what the organization will hold, the apply job's time against the creations, and accounts
// moved between OUs where Control Tower governs them.
import type { PlanJson } from "./plan-json.js";
import { RESOURCE_TYPES } from "../terraform/names.js";
import { accountQuotaWarning, applyTimeWarning, type AccountCounts, type AccountQuota, type LimitWarning } from "../limits/limit-warnings.js";
import { controlTowerMoveWarnings } from "./control-tower-moves.js";

export const WARNINGS_FILE = "warnings.json";

export interface WarningsReport {
  warnings: LimitWarning[];
  accountQuota: AccountQuota;
  accounts: AccountCounts;
}

/** Accounts the plan creates (imports are not creations), and what the organization holds after it. */
export function planAccountCounts(plan: PlanJson, liveAccounts: number | undefined): AccountCounts {
  const changes = (plan.resource_changes ?? []).filter((change) => change.type === RESOURCE_TYPES.account);
  const created = changes.filter((change) => change.change.actions.includes("create") && !change.change.importing).length;
  if (liveAccounts !== undefined) return { now: liveAccounts, created, after: liveAccounts + created };
  // Not read: the state's accounts, the ones imported, and the management account, which no state holds.
  const known = (plan.prior_state?.values?.root_module?.resources ?? []).filter((resource) => resource.type === RESOURCE_TYPES.account).length;
  const imported = changes.filter((change) => change.change.importing).length;
  return { created, after: known + imported + created + 1 };
}

export interface PlanLimitInputs {
  plan: PlanJson;
  /** The config's organization-wide counts (limits/limit-warnings.ts configLimitWarnings), or why they are unchecked. */
  configWarnings: LimitWarning[];
  /** Accounts in the live organization, when it could be read. */
  liveAccounts?: number;
  accountQuota: AccountQuota;
  applyTimeoutMinutes: number;
  /** Problems reading the inputs, said as warnings rather than dropped. */
  notes?: LimitWarning[];
  /** Control Tower's service principal: where the organization trusts it, account moves are warned about. */
  controlTowerPrincipal?: string;
}

export function planLimitWarnings(inputs: PlanLimitInputs): WarningsReport {
  const accounts = planAccountCounts(inputs.plan, inputs.liveAccounts);
  const warnings = [
    ...(inputs.notes ?? []),
    ...inputs.configWarnings,
    accountQuotaWarning(accounts, inputs.accountQuota),
    applyTimeWarning(accounts.created, inputs.applyTimeoutMinutes),
    ...(inputs.controlTowerPrincipal ? controlTowerMoveWarnings(inputs.plan, inputs.controlTowerPrincipal) : []),
  ].filter((warning): warning is LimitWarning => warning !== undefined);
  return { warnings, accountQuota: inputs.accountQuota, accounts };
}
