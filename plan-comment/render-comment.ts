// Renders the pull request's plan comment: verdict and counts first, dangerous changes loud,
// causes of every replacement and removal, a picture of the organization, the full plan text
// collapsed. It always fits GitHub's limit: detail is dropped in layers, never cut mid-block.
import type { GuardDecision } from "../guard/evaluate-guard.js";
import { diagramNodes, renderDiagram } from "./organization-diagram.js";
import { diagramGuardrails, policyChanges, renderPolicyChanges, type PolicyChange } from "./policy-changes.js";
import { renderGuardrailImpact } from "./guardrail-impact-section.js";
import { RESOURCE_TYPES } from "../terraform/names.js";
import { renderUnmanaged } from "./unmanaged-section.js";
import { renderFoundationChanges } from "./foundation-changes-section.js";
import { foundationChanges } from "../plan/foundation-changes.js";
import { renderLimitWarnings } from "./limit-warnings-section.js";
import { renderAccessChanges } from "./access-changes.js";
import { accessChanges, permissionSetChanges, type AccessChange, type PermissionSetChange } from "../plan/access-reach.js";
import type { StackPlan } from "../plan/stack-plan.js";
import { CATEGORIES, countsLine, type Category, type PlanSummary } from "../plan/summarize-plan.js";
import { COMMENT_MARKER, digestMarker, neutralizeMarkers } from "./comment-markers.js";
import { htmlText, inlineCode, plainText } from "./markdown-text.js";
import { fenced, fitLines, truncateAtLineBoundary } from "./markdown-budget.js";

/** GitHub rejects comment bodies over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentContext {
  guard: GuardDecision;
  /** Link to the workflow run, whose job summary holds the same Markdown. */
  runUrl?: string;
  /** Name of the uploaded plan artifact. */
  artifactName?: string;
  /** Heading, e.g. "OpenTofu plan for 3f2a1c9"; default "OpenTofu plan". */
  title?: string;
  limit?: number;
}

type Detail = "full" | "lines" | "counts";

/** How much one rendering of the comment shows: the layers it falls back through to fit. */
interface Layer {
  detail: Detail;
  /** Characters of plan text per stack; undefined = no plan text. */
  planTextBudget?: number;
  /** Say that detail was left out, and where to find it. */
  cutNote: boolean;
  /** At most this many lines per category. */
  cap: number;
}
/** Per-category caps tried, in order, before falling back to counts only. */
const LINE_CAPS = [Infinity, 500, 200, 50, 10];

interface PreparedStack extends StackPlan {
  /** Computed once: the same in every layer. */
  diagram?: ReturnType<typeof renderDiagram>;
  policies: PolicyChange[];
  access: { assignments: AccessChange[]; permissionSets: PermissionSetChange[] };
}

const TITLES: Record<Category, string> = {
  import: "To import",
  add: "To add",
  change: "To change",
  replace: "To replace",
  destroy: "To destroy",
  forget: "To forget (removed from state, kept in AWS)",
  move: "To move (new address)",
};

function verdict(stacks: PreparedStack[], guard: GuardDecision): { icon: string; text: string } {
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const stack of stacks) for (const c of CATEGORIES) totals[c] += stack.summary?.counts[c] ?? 0;
  const line = countsLine(totals);
  const failed = stacks.filter((s) => s.error).map((s) => inlineCode(s.name));
  if (failed.length > 0) return { icon: "❌", text: `plan failed in ${failed.join(", ")}` };
  if (!guard.allowed) return { icon: "⛔", text: `blocked by the guard: ${line}` };
  return line === "no changes" ? { icon: "✅", text: "no changes" } : { icon: "🟡", text: line };
}

function dangerBlock(guard: GuardDecision, { detail, cap }: Layer): string[] {
  if (guard.dangerous.length === 0) return [];
  const max = detail === "counts" ? 20 : cap;
  const lines = [
    guard.allowed ? "> [!WARNING]" : "> [!CAUTION]",
    `> **This plan destroys, replaces, forgets or weakens ${guard.dangerous.length} guarded resource${guard.dangerous.length === 1 ? "" : "s"}.**`,
    ">",
    ...guard.dangerous.slice(0, max).map(
      (d) => `> - **${d.category}** ${inlineCode(d.address)} (${plainText(d.stack)})${d.reason ? `: ${plainText(d.reason)}` : ""}${d.allowedBy ? ` _(allowed by ${d.allowedBy})_` : ""}`,
    ),
  ];
  if (guard.dangerous.length > max) lines.push(`> - … and ${guard.dangerous.length - max} more`);
  return lines;
}

function countsTable(summary: PlanSummary): string[] {
  return [`| ${CATEGORIES.join(" | ")} |`, `|${CATEGORIES.map(() => "---:").join("|")}|`, `| ${CATEGORIES.map((c) => summary.counts[c]).join(" | ")} |`];
}


function changeLines(summary: PlanSummary, { detail, cap }: Layer): string[] {
  const lines: string[] = [];
  for (const category of CATEGORIES) {
    const changes = summary.changes.filter((c) => c.categories.includes(category));
    if (changes.length === 0) continue;
    lines.push("", `**${TITLES[category]}** (${changes.length})`, "");
    for (const change of changes.slice(0, cap)) {
      let line = `- ${inlineCode(change.address)}`;
      if (category === "import" && change.importId) line += ` ← ${inlineCode(change.importId)}`;
      if (category === "move" && change.previousAddress) line += ` ← ${inlineCode(change.previousAddress)}`;
      const details: string[] = [];
      if (detail === "full") {
        if ((category === "replace" || category === "destroy") && change.reason) line += `: ${plainText(change.reason)}`;
        if (category === "replace" && change.replacePaths.length > 0) line += ` (forced by ${change.replacePaths.map((p) => inlineCode(p)).join(", ")})`;
        if (category === "change" || category === "replace") {
          // A policy's document is shown as a diff in the Guardrails section.
          for (const a of change.attributes.filter((a) => !(change.type === RESOURCE_TYPES.policy && a.name === "content"))) details.push(`  - ${inlineCode(a.name)}: ${inlineCode(a.before)} → ${inlineCode(a.after)}`);
        }
      }
      lines.push(line, ...details);
    }
    if (changes.length > cap) lines.push(`- … and ${changes.length - cap} more`);
  }
  return lines;
}

function stackSection(stack: PreparedStack, layer: Layer): string[] {
  const { detail, planTextBudget } = layer;
  const lines: string[] = [];
  if (stack.error || !stack.summary) {
    lines.push(`### ❌ ${inlineCode(stack.name)}: plan failed`, "", ...fenced(truncateAtLineBoundary(stack.error ?? "no plan", 6_000)));
    return lines;
  }
  const summary = stack.summary;
  const status = summary.total === 0 ? "✅" : summary.changes.some((c) => c.categories.some((k) => k === "destroy" || k === "replace" || k === "forget")) ? "⚠️" : "🟡";
  lines.push(`### ${status} ${inlineCode(stack.name)}: ${countsLine(summary.counts)}`);
  if (summary.total === 0) return lines;
  lines.push("", ...countsTable(summary));
  if (detail !== "counts") {
    lines.push(
      ...changeLines(summary, layer),
      ...renderPolicyChanges(stack.policies, detail === "full"),
      ...renderGuardrailImpact(stack.impact, layer.cap === Infinity ? 50 : Math.min(layer.cap, 20)),
      ...renderAccessChanges(stack.access.assignments, stack.access.permissionSets, layer.cap),
      ...renderFoundationChanges(foundationChanges(stack.plan)),
    );
  } else lines.push(...renderGuardrailImpact(stack.impact, 0, true));
  if (detail !== "counts" && stack.plan) {
    const diagram = stack.diagram;
    if (diagram && (detail === "full" || diagram.shown <= 60)) {
      const note = diagram.shown < diagram.total ? ` (the ${diagram.shown} of ${diagram.total} nodes on the way to a change)` : "";
      lines.push("", `**The organization after this change**${note}`, "", diagram.mermaid);
    }
  }
  if (planTextBudget !== undefined && stack.planText) {
    const text = truncateAtLineBoundary(stack.planText, planTextBudget);
    const cut = text.length < stack.planText.length;
    lines.push(
      "",
      `<details><summary>Full plan output (${htmlText(stack.name)})${cut ? ", truncated: the job summary and the plan artifact have all of it" : ""}</summary>`,
      "",
      ...fenced(text),
      "</details>",
    );
  }
  return lines;
}

function pointer(context: CommentContext): string {
  const where = [context.runUrl ? `the [job summary](${context.runUrl})` : "the job summary", context.artifactName ? `the ${inlineCode(context.artifactName)} artifact` : "the plan artifact"];
  return `_Too large for one comment: detail left out. Everything is in ${where.join(" and ")}._`;
}

/** The comment between its markers. Everything in it may carry plan or config data. */
function render(stacks: PreparedStack[], context: CommentContext, layer: Layer): string {
  const { icon, text } = verdict(stacks, context.guard);
  const lines = [`## ${icon} ${context.title ?? "OpenTofu plan"}: ${text}`, ""];
  lines.push(...dangerBlock(context.guard, layer));
  if (context.guard.dangerous.length > 0) lines.push("");
  lines.push(`**Guard:** ${context.guard.allowed ? "✅" : "⛔"} ${context.guard.explanation}`, "");
  lines.push(...renderLimitWarnings(stacks));
  if (layer.cutNote) lines.push(pointer(context), "");
  for (const stack of stacks) lines.push(...stackSection(stack, layer), "");
  lines.push(...renderUnmanaged(stacks, layer.detail === "counts" ? 10 : Math.min(layer.cap, 100)));
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * The tool's own markers frame the comment: the sticky marker first, the reviewed digests last.
 * Data inside can never pass for one of them (neutralizeMarkers), and the apply reads digests
 * only from the closing block (digestsInComment).
 */
export function renderPlanComment(stackPlans: StackPlan[], context: CommentContext): string {
  const markers = stackPlans.flatMap((s) => (s.digest ? [digestMarker(s.name, s.digest)] : []));
  const closing = markers.length > 0 ? `\n${markers.join("\n")}\n` : "";
  const content = fitContent(stackPlans, { ...context, limit: (context.limit ?? GITHUB_COMMENT_LIMIT) - COMMENT_MARKER.length - 1 - closing.length });
  return `${COMMENT_MARKER}\n${neutralizeMarkers(content)}${closing}`;
}

function fitContent(stackPlans: StackPlan[], context: CommentContext & { limit: number }): string {
  const limit = context.limit;
  const stacks: PreparedStack[] = stackPlans.map((s) => ({
    ...s,
    diagram: s.plan && s.summary && s.summary.total > 0 ? renderDiagram(diagramNodes(s.plan, s.synthesized), diagramGuardrails(s.synthesized)) : undefined,
    policies: s.plan && s.summary && s.summary.total > 0 ? policyChanges(s.plan, s.synthesized) : [],
    access:
      s.plan && s.summary && s.summary.total > 0
        ? { assignments: accessChanges(s.plan, s.synthesized), permissionSets: permissionSetChanges(s.plan, s.synthesized) }
        : { assignments: [], permissionSets: [] },
  }));
  const full = render(stacks, context, { detail: "full", planTextBudget: Infinity, cutNote: false, cap: Infinity });
  if (full.length <= limit) return full;

  // Layer 1: everything, the plan text cut at line boundaries to what is left.
  const withoutText = render(stacks, context, { detail: "full", cutNote: true, cap: Infinity });
  const withText = stacks.filter((s) => s.planText && s.summary && s.summary.total > 0).length;
  const spare = limit - withoutText.length - 400 * Math.max(withText, 1);
  if (withText > 0 && spare > 2_000) {
    const candidate = render(stacks, context, { detail: "full", planTextBudget: Math.floor(spare / withText), cutNote: true, cap: Infinity });
    if (candidate.length <= limit) return candidate;
  }
  if (withoutText.length <= limit) return withoutText;
  // Layer 2: one line per resource, as many per action as fit.
  for (const cap of LINE_CAPS) {
    const lines = render(stacks, context, { detail: "lines", cutNote: true, cap });
    if (lines.length <= limit) return lines;
  }
  // Layer 3: counts, the dangerous changes, and where to find the rest.
  return fitLines(render(stacks, context, { detail: "counts", cutNote: true, cap: Infinity }), limit);
}
