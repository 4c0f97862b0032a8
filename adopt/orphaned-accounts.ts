// Accounts AWS made that no state holds: an apply killed while AWS was creating accounts (job
// cancelled, runner lost) leaves them behind, and planning the config again would ask AWS for them
// a second time, which AWS refuses (EMAIL_ALREADY_EXISTS), on every plan, forever. An account the
// plan would create whose name and email match exactly one live, unmanaged, active account is that
// account: the plan imports it instead (`aws-org plan` writes ADOPTED_ACCOUNTS_FILE beside the stack).
import type { PlanJson } from "../plan/plan-json.js";
import { managedObjectIds } from "../plan/unmanaged.js";
import { RESOURCE_NAMES, RESOURCE_TYPES } from "../terraform/names.js";
import type { LiveAccount } from "./discover-organization.js";

/** Beside the stack's cdk.tf.json; tofu reads every *.tf.json in the directory. */
export const ADOPTED_ACCOUNTS_FILE = "adopted-accounts.tf.json";

export interface OrphanedAccount {
  /** The planned instance, as tofu wrote it: aws_organizations_account.accounts["name"]. */
  address: string;
  id: string;
  name: string;
  email: string;
}

/** The accounts the plan would create that AWS already has and no state manages. */
export function orphanedAccounts(plan: PlanJson, live: LiveAccount[]): OrphanedAccount[] {
  const managed = managedObjectIds(plan);
  const candidates = live.filter((account) => !managed.has(account.id) && account.status === "ACTIVE");
  const orphans: OrphanedAccount[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.type !== RESOURCE_TYPES.account || change.name !== RESOURCE_NAMES.accounts) continue;
    if (change.change.importing || change.change.actions.join() !== "create") continue;
    const name = change.change.after?.name;
    const email = change.change.after?.email;
    if (typeof name !== "string" || typeof email !== "string") continue;
    const matches = candidates.filter((account) => account.name === name && account.email.toLowerCase() === email.toLowerCase());
    if (matches.length === 1) orphans.push({ address: change.address, id: matches[0]!.id, name, email });
  }
  return orphans;
}

/** The import blocks that adopt them, as Terraform JSON. */
export const adoptedAccountsJson = (orphans: OrphanedAccount[]): string =>
  `${JSON.stringify({ import: orphans.map((orphan) => ({ to: orphan.address, id: orphan.id })) }, null, 2)}\n`;
