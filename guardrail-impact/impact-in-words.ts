// A guardrail impact in a reviewer's words, as plain text: the plan comment makes it inert Markdown,
// `aws-org impact` prints it. Actions are grouped by service and capped, so a NotAction that covers
// twenty thousand actions stays a line: the full lists are in the JSON.
import type { ConditionalDenial, GuardrailImpact, ImpactGroup } from "./compute-impact.js";

const plural = (n: number, word: string): string => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const TYPE_WORDS: Record<string, string> = { SERVICE_CONTROL_POLICY: "SCPs", RESOURCE_CONTROL_POLICY: "RCPs (on the accounts' resources)" };

export interface WordLimits {
  /** Services named per list before "… and N more services". */
  services: number;
  /** Actions named per service before "… (N)". */
  actionsPerService: number;
}

export const COMMENT_LIMITS: WordLimits = { services: 6, actionsPerService: 4 };

/** "iam: CreateRole, CreateUser, … (15); s3: DeleteBucket" */
export function actionsByService(actions: readonly string[], limits: WordLimits = COMMENT_LIMITS): string {
  const byService = new Map<string, string[]>();
  for (const action of actions) {
    const colon = action.indexOf(":");
    const service = action.slice(0, colon);
    byService.set(service, [...(byService.get(service) ?? []), action.slice(colon + 1)]);
  }
  const services = [...byService].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
  const shown = services.slice(0, limits.services).map(([service, names]) => {
    const listed = names.slice(0, limits.actionsPerService).join(", ");
    return names.length > limits.actionsPerService ? `${service}: ${listed}, … (${names.length.toLocaleString("en-US")})` : `${service}: ${listed}`;
  });
  const more = services.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; … and ${plural(more, "more service")}` : shown.join("; ");
}

/** "Sandbox (3 accounts)", "Root, Workloads/Prod (12 accounts)", "account dns in Workloads/Prod". */
export function groupLabel(group: ImpactGroup, maxOus = 3): string {
  const ous = group.organizationalUnits.map((ou) => (ou === "/" ? "Root" : ou));
  const where = ous.length > maxOus ? `${ous.slice(0, maxOus).join(", ")} and ${plural(ous.length - maxOus, "more OU")}` : ous.join(", ");
  const created = group.newAccounts > 0 ? `, ${group.newAccounts === group.accounts.length ? "all" : group.newAccounts.toLocaleString("en-US")} new` : "";
  if (group.accounts.length === 1) return `account ${group.accounts[0]} in ${where}${created ? " (new)" : ""}`;
  return `${where} (${plural(group.accounts.length, "account")}${created})`;
}

/** Conditional denials by what limits them: one line per "when …" / "on …" text. */
export function conditionalLines(denials: readonly ConditionalDenial[], limits: WordLimits = COMMENT_LIMITS): string[] {
  const byScope = new Map<string, string[]>();
  for (const denial of denials) {
    const scope = denial.when.join("; or ");
    byScope.set(scope, [...(byScope.get(scope) ?? []), denial.action]);
  }
  return [...byScope].map(([scope, actions]) => `${plural(actions.length, "action")} denied ${scope}: ${actionsByService(actions, limits)}`);
}

export const policyTypeInWords = (type: string): string => TYPE_WORDS[type] ?? type;

/** Every line of one group, plain text. */
export function groupLines(group: ImpactGroup, limits: WordLimits = COMMENT_LIMITS): string[] {
  return [
    ...(group.newlyDenied.length > 0 ? [`${plural(group.newlyDenied.length, "action")} newly denied: ${actionsByService(group.newlyDenied, limits)}`] : []),
    ...(group.newlyAllowed.length > 0 ? [`${plural(group.newlyAllowed.length, "action")} no longer denied: ${actionsByService(group.newlyAllowed, limits)}`] : []),
    ...conditionalLines(group.conditionallyDenied, limits),
  ];
}

/** "15 actions newly denied in 3 accounts; 21,004 denied conditionally in 5 accounts". */
export function impactInOneLine(impact: GuardrailImpact): string {
  if (impact.groups.length === 0) return "no action changes for any member account";
  const parts: string[] = [];
  const total = (pick: (g: ImpactGroup) => number, words: string) => {
    const groups = impact.groups.filter((g) => pick(g) > 0);
    if (groups.length === 0) return;
    const accounts = new Set(groups.flatMap((g) => g.accounts)).size;
    const most = Math.max(...groups.map(pick));
    parts.push(`${groups.length === 1 ? plural(most, "action") : `up to ${plural(most, "action")}`} ${words} in ${plural(accounts, "account")}`);
  };
  total((g) => g.newlyDenied.length, "newly denied");
  total((g) => g.newlyAllowed.length, "no longer denied");
  total((g) => g.conditionallyDenied.length, "denied conditionally");
  return parts.join("; ");
}
