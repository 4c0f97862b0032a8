// The guardrails part of the plan comment: for every policy the plan touches, what happens to it,
// where it is attached after the change (new and detached targets marked), and its document as a
// line diff of pretty-printed JSON, so a reviewer reads statements, not one escaped string.
import { structuredPatch } from "diff";
import { policiesByTarget, synthesizedAttachments, synthesizedPolicyTypes, targetInWords } from "../plan/guardrail-reach.js";
import type { PlanJson, ResourceChange, SynthesizedStack } from "../plan/plan-json.js";
import { parseAttachmentKey, policyTargetKey, RESOURCE_TYPES } from "../terraform/names.js";
import { fenced } from "./markdown-budget.js";
import { inlineCode, plainText } from "./markdown-text.js";

export interface PolicyChange {
  name: string;
  type?: string;
  /** What happens to the policy itself; "attachments" when only where it is attached changes. */
  action: "new" | "imported" | "changed" | "deleted" | "replaced" | "attachments";
  /** Targets after the change, and the ones it loses. */
  targets: { label: string; status: "kept" | "new" | "detached" }[];
  /** Unified diff lines of the document (before → after); absent when the document stays. */
  documentDiff?: string[];
}

/** The document as a reviewer reads it: keys sorted (as AWS gets them), two-space indent. */
function prettyDocument(content: unknown): string {
  if (typeof content !== "string") return "";
  try {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sorted) : value && typeof value === "object" ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])])) : value;
    return `${JSON.stringify(sorted(JSON.parse(content)), null, 2)}\n`;
  } catch {
    return `${content}\n`;
  }
}

/** The changed lines with three lines of context, hunks headed by @@ as in any diff. */
export function documentDiff(before: unknown, after: unknown): string[] | undefined {
  const [a, b] = [prettyDocument(before), prettyDocument(after)];
  if (a === b) return undefined;
  const patch = structuredPatch("before", "after", a, b, "", "", { context: 3 });
  return patch.hunks.flatMap((hunk) => [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines]);
}

function policyAction(change: ResourceChange): PolicyChange["action"] {
  const actions = change.change.actions;
  if (actions.includes("delete") && actions.includes("create")) return "replaced";
  if (actions.includes("create")) return "new";
  if (actions.includes("delete")) return "deleted";
  if (change.change.importing) return "imported";
  return "changed";
}

export function policyChanges(plan: PlanJson, synthesized: SynthesizedStack | undefined): PolicyChange[] {
  const changes = (plan.resource_changes ?? []).filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read") || c.change.importing);
  const touched = new Map<string, { policy?: ResourceChange; attachments: ResourceChange[] }>();
  const entry = (name: string) => touched.get(name) ?? touched.set(name, { attachments: [] }).get(name)!;
  for (const change of changes) {
    if (typeof change.index !== "string") continue;
    if (change.type === RESOURCE_TYPES.policy) entry(change.index).policy = change;
    if (change.type === RESOURCE_TYPES.policyAttachment) {
      const parsed = parseAttachmentKey(change.index);
      if (parsed) entry(parsed.policy).attachments.push(change);
    }
  }
  const types = synthesizedPolicyTypes(synthesized);
  const attachedAfter = synthesizedAttachments(synthesized);
  return [...touched].map(([name, { policy, attachments }]) => {
    const detached = attachments.filter((a) => a.change.actions.includes("delete") && !a.change.actions.includes("create")).map((a) => parseAttachmentKey(String(a.index))!.target);
    const added = new Set(attachments.filter((a) => a.change.actions.includes("create") && !a.change.actions.includes("delete")).map((a) => policyTargetKey(parseAttachmentKey(String(a.index))!.target)));
    const targets = [
      ...attachedAfter.filter((a) => a.policy === name).map((a) => ({ label: targetInWords(a.target), status: added.has(policyTargetKey(a.target)) ? ("new" as const) : ("kept" as const) })),
      ...detached.map((target) => ({ label: targetInWords(target), status: "detached" as const })),
    ];
    const action = policy ? policyAction(policy) : "attachments";
    const before = policy?.change.before?.content;
    const after = policy?.change.after?.content;
    const diff = action === "deleted" ? undefined : documentDiff(action === "new" ? "" : before, after);
    const type = types.get(name) ?? (typeof policy?.change.before?.type === "string" ? policy.change.before.type : undefined);
    return { name, ...(type ? { type } : {}), action, targets, ...(diff ? { documentDiff: diff } : {}) };
  });
}

const ACTION_WORDS: Record<PolicyChange["action"], string> = {
  new: "new",
  imported: "imported",
  changed: "document changed",
  deleted: "DELETED",
  replaced: "REPLACED",
  attachments: "attachments change",
};

/** The comment's "Guardrails" lines; `withDocuments` false leaves the diffs out (to fit). */
export function renderPolicyChanges(changes: PolicyChange[], withDocuments: boolean): string[] {
  if (changes.length === 0) return [];
  const lines = ["", `**Guardrails** (${changes.length} polic${changes.length === 1 ? "y" : "ies"})`, ""];
  for (const change of changes) {
    const where = change.targets.map((t) => (t.status === "new" ? `${plainText(t.label)} (new)` : t.status === "detached" ? `~~${plainText(t.label)}~~ (detached)` : plainText(t.label)));
    lines.push(`- 🛡 ${inlineCode(change.name)}${change.type ? ` (${plainText(change.type)})` : ""}: ${ACTION_WORDS[change.action]}; attached to ${where.length > 0 ? where.join(", ") : "nothing"}`);
    if (withDocuments && change.documentDiff) lines.push("", ...fenced(change.documentDiff.join("\n"), "diff").map((line) => `  ${line}`), "");
  }
  return lines;
}

/** Target key -> " · 🛡 A, B" for the organization diagram. */
export function diagramGuardrails(synthesized: SynthesizedStack | undefined): Map<string, string> {
  return new Map([...policiesByTarget(synthesized)].map(([target, policies]) => [target, ` · 🛡 ${policies.join(", ")}`]));
}
