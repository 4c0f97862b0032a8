// What the guard treats as weakening the organization: every way a plan can remove, replace or
// loosen what keeps the organization and its state safe.
//   - destroy, replace or forget of anything in the aws_organizations_* and awscc_organizations_*
//     families (the organization, OUs, accounts, policies and their attachments, delegated
//     administrators, and whatever types AWS adds), of the state bucket and lock table, and of
//     CI's OIDC provider and roles;
//   - an organization that loses an enabled policy type or a trusted service principal;
//   - an account whose close_on_deletion turns on (destroying it would then close it);
//   - destroy or replace of an IAM Identity Center permission set or group (everyone assigned it
//     loses that access), and removing the last administrator assignment on the management account;
//   - destroy or replace of the organization trail, its bucket or key, or the root-access features,
//     and updates that weaken them: logging or log file validation off, fewer regions, accounts or
//     events recorded, a root-access feature removed, the log bucket's public access block loosened.
import type { PlannedChange } from "../plan/summarize-plan.js";
import type { ResourceChange, SynthesizedStack } from "../plan/plan-json.js";
import { managementLockout } from "../plan/access-reach.js";
import { foundationChanges } from "../plan/foundation-changes.js";
import { accountsUnder, targetInWords } from "../plan/guardrail-reach.js";
import { synthesizedMap } from "../plan/plan-json.js";
import type { StackPlan } from "../plan/stack-plan.js";
import { parseAttachmentKey, RESOURCE_TYPES, VARIABLES } from "../terraform/names.js";

const GUARDED_CATEGORIES = ["destroy", "replace", "forget"] as const;
/**
 * "rule": a guardrail change that breaks a rule of config/guardrail-rules.json (guard/guardrail-rules.ts);
 * "unjudged": a stack whose plan failed, which nothing allows.
 */
export type DangerCategory = (typeof GUARDED_CATEGORIES)[number] | "weaken" | "rule" | "unjudged";

/** Resource types whose destroy, replace or forget the guard blocks. */
const isGuardedType = (type: string): boolean =>
  /^(aws|awscc)_organizations_/.test(type) ||
  /^aws_s3_bucket(_.+)?$/.test(type) ||
  type === "aws_dynamodb_table" ||
  // CI's way in (the ci-access stack): losing it locks the workflows out.
  type === "aws_iam_openid_connect_provider" ||
  type === "aws_iam_role" ||
  // Access: everyone assigned the permission set, or in the group, loses that access.
  type === RESOURCE_TYPES.permissionSet ||
  type === RESOURCE_TYPES.group ||
  // The security foundations: the audit trail, its key, and centralized root access.
  type === RESOURCE_TYPES.trail ||
  type === RESOURCE_TYPES.kmsKey ||
  type === RESOURCE_TYPES.organizationsFeatures;

export interface DangerousChange {
  stack: string;
  address: string;
  category: DangerCategory;
  reason?: string;
  allowedBy?: "label" | "allow file";
}

/** For a guardrail: what goes, and how far it reached ("detaches DenyLeave from Root: 27 accounts lose this guardrail"). */
function guardrailLoss(change: ResourceChange | undefined, synthesized: SynthesizedStack | undefined): string | undefined {
  if (!change) return undefined;
  const key = typeof change.index === "string" ? change.index : undefined;
  if (change.type === RESOURCE_TYPES.policyAttachment && key !== undefined) {
    const parsed = parseAttachmentKey(key);
    if (!parsed) return undefined;
    const reached = accountsUnder(synthesized, parsed.target);
    const radius = reached ? `: ${reached} account${reached === 1 ? "" : "s"} lose${reached === 1 ? "s" : ""} this guardrail` : "";
    return `detaches ${parsed.policy} from ${targetInWords(parsed.target)}${radius}`;
  }
  if (change.type === RESOURCE_TYPES.permissionSet && key !== undefined) {
    const uses = Object.values(synthesizedMap(synthesized, VARIABLES.accountAssignments)).filter((a) => a.permission_set === key).length;
    const verb = change.change.actions.includes("create") ? "replaces" : "deletes";
    return `${verb} the permission set ${key}: ${verb === "replaces" ? "every account assignment of it is made again, and access drops meanwhile" : `everyone assigned it loses that access${uses > 0 ? ` (${uses} assignments in this config)` : ""}`}`;
  }
  if (change.type === RESOURCE_TYPES.group && key !== undefined) {
    return `${change.change.actions.includes("create") ? "replaces" : "deletes"} the group ${key}: its members lose every permission set assigned to it`;
  }
  if (change.type === RESOURCE_TYPES.policy && key !== undefined) {
    const type = change.change.before?.type;
    return `${change.change.actions.includes("create") ? "replaces" : "deletes"} the ${typeof type === "string" ? type : "policy"} ${key}`;
  }
  return undefined;
}

function removals(stack: StackPlan, change: PlannedChange, resourceChange: ResourceChange | undefined): DangerousChange[] {
  if (!isGuardedType(change.type)) return [];
  const foundation = resourceChange ? foundationChanges({ resource_changes: [resourceChange] } as StackPlan["plan"]).find((c) => c.weakens)?.sentence : undefined;
  const loss = guardrailLoss(resourceChange, stack.synthesized) ?? foundation;
  return GUARDED_CATEGORIES.filter((c) => change.categories.includes(c)).map((category) => {
    const why = change.replacePaths.length > 0 ? `${change.reason ?? "replaced"} (forced by ${change.replacePaths.join(", ")})` : change.reason;
    return { stack: stack.name, address: change.address, category, reason: loss && why ? `${loss}; ${why}` : (loss ?? why) };
  });
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** In-place updates that loosen a guardrail. */
function weakenings(stack: string, change: ResourceChange): DangerousChange[] {
  const { actions, before, after } = change.change;
  if (!actions.includes("update") || !before || !after) return [];
  const found: string[] = [];
  if (change.type === RESOURCE_TYPES.organization) {
    for (const [field, what] of [
      ["enabled_policy_types", "policy type"],
      ["aws_service_access_principals", "trusted service principal"],
    ] as const) {
      const kept = new Set(strings(after[field]));
      for (const removed of strings(before[field]).filter((v) => !kept.has(v))) found.push(`removes the ${what} ${removed}`);
    }
  }
  if (change.type === RESOURCE_TYPES.account && before.close_on_deletion !== true && after.close_on_deletion === true) {
    found.push("turns close_on_deletion on: destroying the account would then close it");
  }
  return found.map((reason) => ({ stack, address: change.address, category: "weaken" as const, reason }));
}

/** In-place updates that weaken the security foundations (deletions and replacements are removals). */
const foundationWeakenings = (stack: string, plan: StackPlan["plan"]): DangerousChange[] =>
  foundationChanges(plan)
    .filter((change) => change.weakens)
    .filter((change) => (plan?.resource_changes ?? []).find((c) => c.address === change.address)?.change.actions.join() === "update")
    .map((change) => ({ stack, address: change.address, category: "weaken" as const, reason: change.sentence }));

/** Everything dangerous in one stack's plan; nothing for a plan that failed (the comment says so). */
export function dangerousChanges(stack: StackPlan): DangerousChange[] {
  if (!stack.summary || !stack.plan) return [];
  const byAddress = new Map((stack.plan.resource_changes ?? []).map((change) => [change.address, change]));
  const found = [
    ...stack.summary.changes.flatMap((change) => removals(stack, change, byAddress.get(change.address))),
    ...(stack.plan.resource_changes ?? []).flatMap((change) => weakenings(stack.name, change)),
    ...foundationWeakenings(stack.name, stack.plan),
  ];
  const lockout = managementLockout(stack.plan, stack.synthesized);
  for (const address of lockout?.addresses ?? []) {
    const known = found.find((d) => d.address === address);
    if (known) known.reason = known.reason ? `${lockout!.reason}; ${known.reason}` : lockout!.reason;
    else found.push({ stack: stack.name, address, category: byAddress.get(address)?.change.actions.includes("create") ? "replace" : "destroy", reason: lockout!.reason });
  }
  return found;
}
