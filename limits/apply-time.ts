// How long an apply that creates accounts takes on AWS, and how long the apply job may run.
// AWS creates an account in "a few minutes" (CreateAccount API reference), at most
// MAX_CREATE_ACCOUNT_IN_PROGRESS at once, so creations run in waves of that many.
import { MAX_CREATE_ACCOUNT_IN_PROGRESS } from "./organizations-quotas.js";

/** What one wave of creations is budgeted: "a few minutes", taken generously. */
export const ACCOUNT_CREATION_MINUTES = 5;
/** Everything the apply job does besides creating accounts: setup, plan again, verify, apply the rest, report. */
export const APPLY_OVERHEAD_MINUTES = 10;
/** The apply job's time limit when the repository sets no APPLY_TIMEOUT_MINUTES variable (.github/workflows/apply.yml). */
export const DEFAULT_APPLY_TIMEOUT_MINUTES = 120;
/** GitHub-hosted runners stop a job after 6 hours, whatever timeout-minutes says. */
export const GITHUB_HOSTED_JOB_LIMIT_MINUTES = 360;
/** The account resource's create timeout (timeouts.create): long past AWS's few minutes, so only a stuck creation hits it. */
export const ACCOUNT_CREATE_TIMEOUT = "60m";

export function estimatedApplyMinutes(accountsCreated: number): number {
  return APPLY_OVERHEAD_MINUTES + Math.ceil(accountsCreated / MAX_CREATE_ACCOUNT_IN_PROGRESS) * ACCOUNT_CREATION_MINUTES;
}

/** The apply job's limit: APPLY_TIMEOUT_MINUTES (the repository variable the workflows pass on), else the default. */
export function applyTimeoutMinutes(env: NodeJS.ProcessEnv = process.env): { minutes: number; problem?: string } {
  const raw = env.APPLY_TIMEOUT_MINUTES;
  if (raw === undefined || raw === "") return { minutes: DEFAULT_APPLY_TIMEOUT_MINUTES };
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) return { minutes: DEFAULT_APPLY_TIMEOUT_MINUTES, problem: `APPLY_TIMEOUT_MINUTES is "${raw}", not a whole number of minutes: the workflow cannot use it` };
  return { minutes };
}
