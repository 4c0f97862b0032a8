// The comment's warnings about AWS's limits: what the apply would run into (the account quota, the
// apply job's time, organization-wide counts), said before the merge. A warning never blocks.
import type { StackPlan } from "../plan/stack-plan.js";
import { inlineCode, plainText } from "./markdown-text.js";

export function renderLimitWarnings(stacks: StackPlan[]): string[] {
  const lines: string[] = [];
  for (const stack of stacks) {
    const warnings = stack.warnings?.warnings ?? [];
    if (warnings.length === 0) continue;
    lines.push(
      "> [!WARNING]",
      `> **AWS's limits (${inlineCode(stack.name)}): ${warnings.length} warning${warnings.length === 1 ? "" : "s"}.** They do not block the merge; the apply runs into them unless they are dealt with first.`,
      ">",
      ...warnings.map((warning) => `> - **${plainText(warning.subject)}**: ${plainText(warning.message)}`),
      "",
    );
  }
  return lines;
}
