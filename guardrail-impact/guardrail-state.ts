// The guardrails of an organization at one moment, as the impact engine reads them: where each
// member account sits, every guardrail policy's document, and what is attached where. Built from a
// config (state-from-config.ts) or from each side of a plan (plan/guardrail-state-from-plan.ts).
import type { PolicyTargetModel } from "../config-language/model.js";

/** The policy types that decide what an account may do: SCPs on its principals, RCPs on its resources. */
export const GUARDRAIL_TYPES = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const;
export type GuardrailType = (typeof GUARDRAIL_TYPES)[number];

export interface GuardrailPolicy {
  type: string;
  /** The document as JSON (parsed); a string that is not JSON stays a string and denies nothing readable. */
  document: unknown;
}

export interface GuardrailState {
  /** Member account name -> the key of its OU ("Workloads/Prod"), null for the root. */
  accounts: Map<string, string | null>;
  /** Policy name -> type and document. */
  policies: Map<string, GuardrailPolicy>;
  attachments: { policy: string; target: PolicyTargetModel }[];
}

const targetIndexKey = (target: PolicyTargetModel): string =>
  target.kind === "root" ? "root" : target.kind === "ou" ? `ou:${target.key}` : `account:${target.name}`;

/** Every target whose policies reach an account: the root, each OU down its path, the account itself. */
export function chainOf(account: string, ouKey: string | null): PolicyTargetModel[] {
  const parts = ouKey ? ouKey.split("/") : [];
  return [{ kind: "root" }, ...parts.map((_, i) => ({ kind: "ou" as const, key: parts.slice(0, i + 1).join("/") })), { kind: "account", name: account }];
}

/** Target -> the names of the policies attached to it, for one state. */
export function attachmentsByTarget(state: GuardrailState): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const { policy, target } of state.attachments) {
    const key = targetIndexKey(target);
    byTarget.set(key, [...(byTarget.get(key) ?? []), policy]);
  }
  return byTarget;
}

/** Names of the policies of `type` that reach an account, root first. */
export function policiesReaching(state: GuardrailState, byTarget: Map<string, string[]>, account: string, type: GuardrailType): string[] {
  if (!state.accounts.has(account)) return [];
  return chainOf(account, state.accounts.get(account) ?? null).flatMap((target) => (byTarget.get(targetIndexKey(target)) ?? []).filter((name) => state.policies.get(name)?.type === type));
}
