// Both sides of a plan as guardrail states, for the impact engine: before from what each resource
// instance was (the refreshed state, imports included), after from what the plan makes it. The
// for_each keys say what each instance is (an OU's path, an account's or policy's name, an
// attachment's policy and target), so nothing waits on ids the apply has yet to learn.
import type { GuardrailState } from "../guardrail-impact/guardrail-state.js";
import { GUARDRAIL_TYPES } from "../guardrail-impact/guardrail-state.js";
import type { PlanJson, ResourceChange, SynthesizedStack } from "./plan-json.js";
import { synthesizedAccountOus } from "./synthesized-accounts.js";
import { parseAttachmentKey, RESOURCE_TYPES, ROOT_KEY } from "../terraform/names.js";

type Side = "before" | "after";

const valuesOf = (change: ResourceChange, side: Side): Record<string, unknown> | undefined => change.change[side] ?? undefined;
const keyOf = (change: ResourceChange): string | undefined => (typeof change.index === "string" ? change.index : undefined);

function parsedDocument(content: unknown): unknown {
  if (typeof content !== "string") return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

function sideState(changes: ResourceChange[], side: Side, synthesized: SynthesizedStack | undefined): GuardrailState {
  const ofType = (type: string) => changes.filter((c) => c.type === type && (c.mode ?? "managed") === "managed" && valuesOf(c, side));
  const organization = ofType(RESOURCE_TYPES.organization)[0];
  const org = organization ? valuesOf(organization, side) : undefined;
  const rootId = (org?.roots as { id?: string }[] | undefined)?.[0]?.id;
  const managementAccountId = org?.master_account_id;
  const ouKeyById = new Map<string, string>();
  for (const change of ofType(RESOURCE_TYPES.organizationalUnit)) {
    const id = valuesOf(change, side)?.id;
    const key = keyOf(change);
    if (typeof id === "string" && key) ouKeyById.set(id, key);
  }
  const ouOfParent = (parentId: unknown): string | null | undefined => {
    if (typeof parentId !== "string") return undefined;
    if (parentId === rootId) return null;
    // An OU no stack manages: its own policies are not known here, the root's still reach the account.
    return ouKeyById.get(parentId) ?? `(unmanaged ${parentId})`;
  };
  const synthesizedOus = side === "after" ? synthesizedAccountOus(synthesized) : new Map<string, string>();
  const accounts = new Map<string, string | null>();
  for (const change of ofType(RESOURCE_TYPES.account)) {
    const name = keyOf(change);
    const values = valuesOf(change, side)!;
    if (!name || (managementAccountId !== undefined && values.id === managementAccountId)) continue;
    const fromSynth = synthesizedOus.get(name);
    const ou = fromSynth !== undefined ? (fromSynth === ROOT_KEY ? null : fromSynth) : ouOfParent(values.parent_id);
    accounts.set(name, ou ?? null);
  }
  const policies = new Map<string, { type: string; document: unknown }>();
  for (const change of ofType(RESOURCE_TYPES.policy)) {
    const name = keyOf(change);
    const values = valuesOf(change, side)!;
    if (name && (GUARDRAIL_TYPES as readonly unknown[]).includes(values.type)) policies.set(name, { type: values.type as string, document: parsedDocument(values.content) });
  }
  const attachments = ofType(RESOURCE_TYPES.policyAttachment).flatMap((change) => {
    const parsed = keyOf(change) ? parseAttachmentKey(keyOf(change)!) : undefined;
    return parsed && policies.has(parsed.policy) ? [parsed] : [];
  });
  return { accounts, policies, attachments };
}

/** Whether a plan holds guardrails to judge: a policy or an attachment. */
export const planHasGuardrails = (plan: PlanJson): boolean => (plan.resource_changes ?? []).some((c) => c.type === RESOURCE_TYPES.policy || c.type === RESOURCE_TYPES.policyAttachment);

/** The guardrails before and after a plan; undefined when the plan touches no guardrail at all. */
export function guardrailStatesFromPlan(plan: PlanJson, synthesized?: SynthesizedStack): { before: GuardrailState; after: GuardrailState } | undefined {
  if (!planHasGuardrails(plan)) return undefined;
  const changes = plan.resource_changes ?? [];
  return { before: sideState(changes, "before", synthesized), after: sideState(changes, "after", synthesized) };
}
