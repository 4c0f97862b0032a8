// What a guardrail reaches, read from the synthesized stack: which policies are attached where
// after the change, and how many accounts sit under a target (the root, an OU and every OU below
// it, or one account). The guard states blast radius with it; the comment lists attachments.
import type { SynthesizedStack } from "./plan-json.js";
import { synthesizedAccountOus } from "./synthesized-accounts.js";
import { LOCALS, parseAttachmentKey, policyTargetKey, type PolicyTarget } from "../terraform/names.js";

export interface Attachment {
  policy: string;
  target: PolicyTarget;
}

/** Every attachment the synthesized config declares. */
export function synthesizedAttachments(stack: SynthesizedStack | undefined): Attachment[] {
  return Object.keys(stack?.locals?.[LOCALS.policyAttachments] ?? {}).flatMap((key) => {
    const parsed = parseAttachmentKey(key);
    return parsed ? [parsed] : [];
  });
}

/** Policy name -> its type, from local.policies. */
export function synthesizedPolicyTypes(stack: SynthesizedStack | undefined): Map<string, string> {
  return new Map(Object.entries(stack?.locals?.[LOCALS.policies] ?? {}).map(([name, entry]) => [name, entry.type ?? "?"]));
}

/** Target key ("root", "ou:A/B", "account:x") -> names of the policies attached there after the change. */
export function policiesByTarget(stack: SynthesizedStack | undefined): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const { policy, target } of synthesizedAttachments(stack)) {
    const key = policyTargetKey(target);
    byTarget.set(key, [...(byTarget.get(key) ?? []), policy]);
  }
  return byTarget;
}

/** How many of the config's accounts a policy on `target` governs; undefined without the synthesized stack. */
export function accountsUnder(stack: SynthesizedStack | undefined, target: PolicyTarget): number | undefined {
  if (!stack?.locals && !stack?.variable) return undefined;
  if (target.kind === "account") return 1;
  const ous = [...synthesizedAccountOus(stack).values()];
  if (target.kind === "root") return ous.length;
  return ous.filter((ou) => ou === target.key || ou.startsWith(`${target.key}/`)).length;
}

/** "Root", "OU Workloads/Prod", "account dns": a target in words. */
export const targetInWords = (target: PolicyTarget): string =>
  target.kind === "root" ? "Root" : target.kind === "ou" ? `OU ${target.key}` : `account ${target.name}`;
